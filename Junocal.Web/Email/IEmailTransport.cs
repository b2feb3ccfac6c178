using MimeKit;

namespace Junocal.Web.Email;

/// <summary>Hands a finished message to whatever delivers it: an SMTP server, or a folder in development.</summary>
public interface IEmailTransport
{
    /// <summary>Delivers the message. Delivery problems come back as a failed result, never as an exception.</summary>
    Task<EmailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
