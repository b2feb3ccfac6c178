using System.Net.Sockets;
using Junocal.Web.Email;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Junocal.Tests.Email;

public class SmtpFailuresClassify
{
    [Fact]
    public void TreatsARejectedRecipientAsPermanentWithoutRepeatingTheAddress()
    {
        var rejected = new SmtpCommandException(
            SmtpErrorCode.RecipientNotAccepted,
            SmtpStatusCode.MailboxUnavailable,
            new MailboxAddress("Ana", "ana.silva@example.com"),
            "5.1.1 <ana.silva@example.com>: Recipient address rejected: User unknown");

        var result = SmtpFailures.Classify(rejected);

        Assert.NotNull(result);
        Assert.Equal(EmailSendOutcome.PermanentFailure, result.Outcome);
        Assert.Contains("refused the recipient: 550", result.Reason, StringComparison.Ordinal);
        Assert.Contains("@example.com", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("ana.silva", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SmtpStatusCode.MailboxBusy)]
    [InlineData(SmtpStatusCode.InsufficientStorage)]
    [InlineData(SmtpStatusCode.ServiceNotAvailable)]
    public void TreatsA4xxAnswerAsTransient(SmtpStatusCode code) =>
        Assert.Equal(EmailSendOutcome.TransientFailure, SmtpFailures.Classify(new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, code, "try later"))?.Outcome);

    [Theory]
    [InlineData(SmtpStatusCode.ExceededStorageAllocation)]
    [InlineData(SmtpStatusCode.TransactionFailed)]
    public void TreatsA5xxAnswerAsPermanent(SmtpStatusCode code) =>
        Assert.Equal(EmailSendOutcome.PermanentFailure, SmtpFailures.Classify(new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, code, "no"))?.Outcome);

    public static TheoryData<Exception> ConnectionProblems() =>
    [
        new SocketException((int)SocketError.ConnectionRefused),
        new TimeoutException(),
        new OperationCanceledException(),
        new IOException("Connection reset by peer"),
        new SmtpProtocolException("The SMTP server has unexpectedly disconnected."),
        new AuthenticationException("535: 5.7.8 Authentication credentials invalid"),
        new SslHandshakeException("An error occurred while attempting to establish an SSL or TLS connection."),
    ];

    [Theory]
    [MemberData(nameof(ConnectionProblems))]
    public void TreatsConnectionAndConfigurationProblemsAsTransient(Exception problem) =>
        Assert.Equal(EmailSendOutcome.TransientFailure, SmtpFailures.Classify(problem)?.Outcome);

    [Fact]
    public void LeavesBugsToPropagate() =>
        Assert.Null(SmtpFailures.Classify(new InvalidOperationException("A bug, not a delivery problem.")));
}
