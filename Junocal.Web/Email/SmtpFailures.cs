using System.Net.Sockets;
using System.Text.RegularExpressions;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Junocal.Web.Email;

/// <summary>Sorts what MailKit throws into failures worth retrying and failures that are final.</summary>
public static partial class SmtpFailures
{
    /// <summary>The result a failed SMTP exchange stands for, or null when the exception is not a delivery problem (a bug).</summary>
    public static EmailSendResult? Classify(Exception exception) => exception switch
    {
        SmtpCommandException { StatusCode: var code } command when (int)code >= 500 =>
            EmailSendResult.PermanentFailure(Describe(command)),
        SmtpCommandException command =>
            EmailSendResult.TransientFailure(Describe(command)),
        // Bad credentials or a TLS mismatch is the server's or the settings' fault, not this message's:
        // every email fails alike until an operator fixes Email:Smtp, so the message must stay retryable.
        AuthenticationException auth =>
            EmailSendResult.TransientFailure($"The SMTP server refused the credentials in Email:Smtp:UserName/Password: {auth.Message}"),
        SslHandshakeException tls =>
            EmailSendResult.TransientFailure($"TLS with the SMTP server failed; check Email:Smtp:Security and Email:Smtp:Port: {FirstLine(tls.Message)}"),
        NotSupportedException unsupported =>
            EmailSendResult.TransientFailure($"The SMTP server does not support what Email:Smtp asks for: {unsupported.Message}"),
        SocketException socket =>
            EmailSendResult.TransientFailure($"Could not reach the SMTP server: {socket.Message}"),
        TimeoutException or OperationCanceledException =>
            EmailSendResult.TransientFailure("The SMTP server did not answer in time."),
        SmtpProtocolException or ServiceNotConnectedException or IOException =>
            EmailSendResult.TransientFailure($"The connection to the SMTP server failed: {exception.Message}"),
        _ => null,
    };

    private static string Describe(SmtpCommandException command)
    {
        var what = command.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => "The SMTP server refused the recipient",
            SmtpErrorCode.SenderNotAccepted => "The SMTP server refused the sender in Email:From",
            SmtpErrorCode.MessageNotAccepted => "The SMTP server refused the message",
            _ => "The SMTP server answered with an error",
        };
        return $"{what}: {(int)command.StatusCode} {HideLocalParts(command.Message)}";
    }

    // Servers quote the refused address back; reasons end up in logs, which keep recipients' domains only.
    private static string HideLocalParts(string text) => AddressLocalPart().Replace(text, "***@");

    [GeneratedRegex(@"[^\s<>:@""']+@")]
    private static partial Regex AddressLocalPart();

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
