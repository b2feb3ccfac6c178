using MimeKit;

namespace Junocal.Web.Email;

/// <summary>Composes a class email from current data and sends it; the one entry point for sending class emails.</summary>
public sealed partial class EmailSender(ClassEmailComposer composer, IEmailTransport transport, ILogger<EmailSender> logger)
{
    /// <summary>
    /// Sends <paramref name="email"/>; <paramref name="dedupeKey"/> names its reason (e.g. booking + kind + class version)
    /// and travels in the <see cref="ClassEmailComposer.EmailKeyHeader"/> header.
    /// </summary>
    public async Task<EmailSendResult> SendAsync(ClassEmail email, string dedupeKey, CancellationToken cancellationToken)
    {
        var recipientDomain = DomainOf(email.ClientEmail);
        if (!MailboxAddress.TryParse(email.ClientEmail, out _) || recipientDomain.Length == 0)
        {
            LogInvalidRecipient(logger, email.Kind, email.ClassId);
            return EmailSendResult.PermanentFailure("The client's email address is not valid.");
        }

        var message = composer.Compose(email, dedupeKey);
        var result = await transport.SendAsync(message, cancellationToken);
        if (result.IsSent)
        {
            LogSent(logger, email.Kind, email.ClassId, recipientDomain);
        }
        else
        {
            LogNotSent(logger, email.Kind, email.ClassId, recipientDomain, result.Outcome, result.Reason);
        }

        return result;
    }

    // Logs name the recipient's domain only: enough to spot a provider that refuses us, without personal data.
    private static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 ? "" : address[(at + 1)..].Trim().TrimEnd('>');
    }

    [LoggerMessage(EventId = LogEvents.Email.Sent, Level = LogLevel.Information, Message = "Sent {Kind} email for class {ClassId} to a recipient at {RecipientDomain}")]
    private static partial void LogSent(ILogger logger, EmailKind kind, Guid classId, string recipientDomain);

    [LoggerMessage(EventId = LogEvents.Email.NotSent, Level = LogLevel.Warning,
        Message = "{Kind} email for class {ClassId} to a recipient at {RecipientDomain} was not sent ({Outcome}): {Reason}")]
    private static partial void LogNotSent(
        ILogger logger, EmailKind kind, Guid classId, string recipientDomain, EmailSendOutcome outcome, string? reason);

    [LoggerMessage(EventId = LogEvents.Email.Undeliverable, Level = LogLevel.Warning, Message = "{Kind} email for class {ClassId} not sent: the client's email address is not valid")]
    private static partial void LogInvalidRecipient(ILogger logger, EmailKind kind, Guid classId);
}
