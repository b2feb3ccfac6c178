using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Junocal.Web.Email;

/// <summary>Sends each message over its own SMTP connection, as configured under <c>Email:Smtp</c>.</summary>
public sealed partial class SmtpEmailTransport(IOptions<EmailOptions> options, ILogger<SmtpEmailTransport> logger) : IEmailTransport
{
    private readonly SmtpOptions _smtp = options.Value.Smtp;
    private readonly string _host = string.IsNullOrWhiteSpace(options.Value.Smtp.Host)
        ? throw new InvalidOperationException("The SMTP transport needs Email:Smtp:Host.")
        : options.Value.Smtp.Host;

    public async Task<EmailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(_host, _smtp.Port, ToSocketOptions(_smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(_smtp.UserName))
            {
                await client.AuthenticateAsync(_smtp.UserName, _smtp.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && SmtpFailures.Classify(ex) is { } failure)
        {
            LogSendFailed(logger, _host, _smtp.Port, failure.Outcome, failure.Reason);
            return failure;
        }

        await QuitQuietlyAsync(client, cancellationToken);
        return EmailSendResult.Sent;
    }

    // The message is already accepted; a connection that breaks while saying goodbye must not turn that into a failure.
    private async Task QuitQuietlyAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && SmtpFailures.Classify(ex) is not null)
        {
            LogQuitFailed(logger, _host, ex.Message);
        }
    }

    private static SecureSocketOptions ToSocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, "Unknown SMTP security mode."),
    };

    [LoggerMessage(EventId = LogEvents.Email.SmtpFailed, Level = LogLevel.Warning, Message = "SMTP send via {Host}:{Port} failed ({Outcome}): {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string host, int port, EmailSendOutcome outcome, string? reason);

    [LoggerMessage(EventId = LogEvents.Email.SmtpCloseFailed, Level = LogLevel.Debug, Message = "The message was sent but closing the connection to {Host} failed: {Reason}")]
    private static partial void LogQuitFailed(ILogger logger, string host, string reason);
}
