using Junocal.Web.Email;
using Microsoft.Extensions.Logging.Testing;
using MimeKit;

namespace Junocal.Tests.Email;

public class EmailSenderSend
{
    private readonly RecordingTransport _transport = new();
    private readonly FakeLogger<EmailSender> _logger = new();

    private EmailSender Sender => new(ClassEmails.Composer(), _transport, _logger);

    [Fact]
    public async Task ComposesAndHandsTheMessageToTheTransport()
    {
        var result = await Sender.SendAsync(ClassEmails.ReformerFlow(EmailKind.Reminder), "booking-9:reminder:3", CancellationToken.None);

        Assert.Equal(EmailSendResult.Sent, result);
        var message = Assert.Single(_transport.Messages);
        Assert.Equal("Reminder: Reformer Flow on Mon 30 Nov at 07:30", message.Subject);
        Assert.Equal("booking-9:reminder:3", message.Headers[ClassEmailComposer.EmailKeyHeader]);
    }

    [Fact]
    public async Task PassesTheTransportsFailureBack()
    {
        _transport.Answer = EmailSendResult.PermanentFailure("550 no such user");

        var result = await Sender.SendAsync(ClassEmails.ReformerFlow(), "k", CancellationToken.None);

        Assert.Equal(EmailSendOutcome.PermanentFailure, result.Outcome);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, _logger.LatestRecord.Level);
    }

    [Fact]
    public async Task LogsTheKindClassAndRecipientDomainButNotTheAddress()
    {
        await Sender.SendAsync(ClassEmails.ReformerFlow(), "k", CancellationToken.None);

        var log = _logger.LatestRecord.Message;
        Assert.Contains("BookingConfirmed", log, StringComparison.Ordinal);
        Assert.Contains(ClassEmails.ClassId.ToString(), log, StringComparison.Ordinal);
        Assert.Contains("example.com", log, StringComparison.Ordinal);
        Assert.DoesNotContain("ana.silva", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("ana@")]
    public async Task RefusesAnInvalidRecipientForGoodWithoutCallingTheTransport(string address)
    {
        var result = await Sender.SendAsync(ClassEmails.ReformerFlow() with { ClientEmail = address }, "k", CancellationToken.None);

        Assert.Equal(EmailSendOutcome.PermanentFailure, result.Outcome);
        Assert.Empty(_transport.Messages);
        Assert.DoesNotContain(address, _logger.LatestRecord.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingTransport : IEmailTransport
    {
        public List<MimeMessage> Messages { get; } = [];

        public EmailSendResult Answer { get; set; } = EmailSendResult.Sent;

        public Task<EmailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            Messages.Add(message);
            return Task.FromResult(Answer);
        }
    }
}
