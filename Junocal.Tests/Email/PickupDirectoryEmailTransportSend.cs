using System.Globalization;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Email;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Junocal.Tests.Email;

public sealed class PickupDirectoryEmailTransportSend : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "junocal-pickup-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(TestCalendar.FakeNow);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task WritesAnEmlFileThatLoadsBackAsTheSameMessage()
    {
        var message = ClassEmails.Compose(ClassEmails.ReformerFlow());

        var result = await new PickupDirectoryEmailTransport(_directory, _time).SendAsync(message, CancellationToken.None);

        Assert.Equal(EmailSendResult.Sent, result);
        var file = Assert.Single(Directory.GetFiles(_directory));
        Assert.EndsWith(".eml", file, StringComparison.Ordinal);
        var loaded = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal(message.Subject, loaded.Subject);
        Assert.Equal(message.MessageId, loaded.MessageId);
        Assert.Contains(ClassEmails.JoinUrl, loaded.TextBody, StringComparison.Ordinal);
        Assert.Contains("METHOD:REQUEST", loaded.CalendarText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletesFilesOlderThanTheRetentionPeriodWhenItSends()
    {
        var transport = new PickupDirectoryEmailTransport(_directory, _time, TimeSpan.FromDays(7));
        await transport.SendAsync(ClassEmails.Compose(ClassEmails.ReformerFlow()), CancellationToken.None);
        var old = Assert.Single(Directory.GetFiles(_directory));
        _time.Advance(TimeSpan.FromDays(6));
        await transport.SendAsync(ClassEmails.Compose(ClassEmails.ReformerFlow()), CancellationToken.None);
        Assert.Equal(2, Directory.GetFiles(_directory).Length);

        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await transport.SendAsync(ClassEmails.Compose(ClassEmails.ReformerFlow()), CancellationToken.None);

        var kept = Directory.GetFiles(_directory);
        Assert.Equal(2, kept.Length);
        Assert.DoesNotContain(old, kept);
    }

    [Fact]
    public async Task NamesFilesSoTheySortInTheOrderTheyWereSent()
    {
        var transport = new PickupDirectoryEmailTransport(_directory, _time);
        var kinds = new[] { EmailKind.BookingConfirmed, EmailKind.Reminder, EmailKind.ClassCancelled };
        foreach (var kind in kinds)
        {
            await transport.SendAsync(ClassEmails.Compose(ClassEmails.ReformerFlow(kind)), CancellationToken.None);
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        var subjects = Directory.GetFiles(_directory).Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f).Subject);

        Assert.Equal(kinds.Select(kind => ClassEmails.Compose(ClassEmails.ReformerFlow(kind)).Subject), subjects);
        Assert.StartsWith(TestCalendar.FakeNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture), Path.GetFileName(Directory.GetFiles(_directory).Order(StringComparer.Ordinal).First()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeavesNoTemporaryFileBehind()
    {
        await new PickupDirectoryEmailTransport(_directory, _time).SendAsync(ClassEmails.Compose(ClassEmails.ReformerFlow()), CancellationToken.None);

        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public async Task ReportsATransientFailureWhenTheFolderCannotBeCreated()
    {
        var blocker = Path.GetTempFileName();
        try
        {
            var transport = new PickupDirectoryEmailTransport(Path.Combine(blocker, "mail"), _time);

            var result = await transport.SendAsync(ClassEmails.Compose(ClassEmails.ReformerFlow()), CancellationToken.None);

            Assert.Equal(EmailSendOutcome.TransientFailure, result.Outcome);
            Assert.Contains("pickup directory", result.Reason, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(blocker);
        }
    }
}
