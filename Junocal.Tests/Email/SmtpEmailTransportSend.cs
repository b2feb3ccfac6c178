using System.Net;
using System.Net.Sockets;
using System.Text;
using Junocal.Web.Email;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using MimeKit;
using netDumbster.smtp;

namespace Junocal.Tests.Email;

public sealed class SmtpEmailTransportSend : IDisposable
{
    private readonly SimpleSmtpServer _server = SimpleSmtpServer.Start(FreePort());

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task DeliversTheMessageWithItsCalendarToTheServer()
    {
        var message = ClassEmails.Compose(ClassEmails.ReformerFlow());

        var result = await Transport(_server.Configuration.Port).SendAsync(message, CancellationToken.None);

        Assert.Equal(EmailSendResult.Sent, result);
        var received = Assert.Single(await ReceivedAsync(count: 1));
        Assert.Equal("ana.silva@example.com", Assert.Single(received.ToAddresses).Address);
        using var raw = new MemoryStream(Encoding.UTF8.GetBytes(received.Data));
        var delivered = await MimeMessage.LoadAsync(raw);
        Assert.Equal("Booked: Reformer Flow on Mon 30 Nov at 07:30", delivered.Subject);
        Assert.Contains("METHOD:REQUEST", delivered.CalendarText(), StringComparison.Ordinal);
        Assert.Equal("booking-1:confirmed:3", delivered.Headers["X-Junocal-Email-Key"]);
    }

    [Fact]
    public async Task ReportsATransientFailureWhenNothingListens()
    {
        var message = ClassEmails.Compose(ClassEmails.ReformerFlow());

        var result = await Transport(FreePort()).SendAsync(message, CancellationToken.None);

        Assert.Equal(EmailSendOutcome.TransientFailure, result.Outcome);
        Assert.Contains("Could not reach the SMTP server", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportsATransientFailureWhenTheServerDefersTheRecipient()
    {
        // This server answers "451 Address is invalid" to a domain shorter than five characters.
        var message = ClassEmails.Compose(ClassEmails.ReformerFlow() with { ClientEmail = "ana@a.io" });

        var result = await Transport(_server.Configuration.Port).SendAsync(message, CancellationToken.None);

        Assert.Equal(EmailSendOutcome.TransientFailure, result.Outcome);
        Assert.Contains("451", result.Reason, StringComparison.Ordinal);
        Assert.Empty(_server.ReceivedEmail);
    }

    [Fact]
    public async Task SignsInWhenAUserNameIsSet()
    {
        var transport = new SmtpEmailTransport(
            Options.Create(new EmailOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = _server.Configuration.Port, Security = SmtpSecurity.None, UserName = "studio", Password = "s3cret-pass" } }),
            NullLogger<SmtpEmailTransport>.Instance);

        var result = await transport.SendAsync(ClassEmails.Compose(ClassEmails.ReformerFlow()), CancellationToken.None);

        Assert.Equal(EmailSendResult.Sent, result);
        Assert.Single(await ReceivedAsync(count: 1));
    }

    [Fact]
    public async Task LogsTheFailureWithoutThePassword()
    {
        var logger = new FakeLogger<SmtpEmailTransport>();
        var transport = new SmtpEmailTransport(
            Options.Create(new EmailOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = FreePort(), Security = SmtpSecurity.None, UserName = "studio", Password = "s3cret-pass" } }),
            logger);

        await transport.SendAsync(ClassEmails.Compose(ClassEmails.ReformerFlow()), CancellationToken.None);

        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Contains("127.0.0.1", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", record.Message, StringComparison.Ordinal);
    }

    // The server may still be storing the message when it has answered the client.
    private async Task<SmtpMessage[]> ReceivedAsync(int count)
    {
        for (var attempt = 0; attempt < 50 && _server.ReceivedEmailCount < count; attempt++)
        {
            await Task.Delay(100);
        }

        return _server.ReceivedEmail;
    }

    private static SmtpEmailTransport Transport(int port) => new(
        Options.Create(new EmailOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None } }),
        NullLogger<SmtpEmailTransport>.Instance);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
