using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Account;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using netDumbster.smtp;

namespace Junocal.Tests.Features.People;

/// <summary>The real host with a clock the test moves and a real SMTP server (netDumbster) receiving its emails.</summary>
public sealed partial class PeopleHost : JunocalApp
{
    public PeopleHost()
        : this(new FakeTimeProvider(TestCalendar.FakeNow), SimpleSmtpServer.Start(FreePort()))
    {
    }

    private PeopleHost(FakeTimeProvider clock, SimpleSmtpServer smtp)
        : base(new TestHostOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Email:Smtp:Security"] = "None",
            },
            Services = services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
        })
    {
        Clock = clock;
        Smtp = smtp;
    }

    public FakeTimeProvider Clock { get; }

    public SimpleSmtpServer Smtp { get; }

    /// <summary>Sends the account emails owed now, as the email job would.</summary>
    public Task<int> SendAccountEmailsAsync() =>
        Services.GetRequiredService<AccountEmailDispatcher>().DispatchDueAsync(CancellationToken.None);

    /// <summary>The messages the SMTP server received for <paramref name="address"/>, oldest first.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MailToAsync(string address)
    {
        var messages = new List<MimeMessage>();
        foreach (var received in Smtp.ReceivedEmail.Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase))))
        {
            using var raw = new MemoryStream(Encoding.UTF8.GetBytes(received.Data));
            messages.Add(await MimeMessage.LoadAsync(raw));
        }

        return messages;
    }

    /// <summary>The invitation link (a local path) in the latest email to <paramref name="address"/>.</summary>
    public async Task<string> InvitationPathForAsync(string address)
    {
        await SendAccountEmailsAsync();
        var mail = await MailToAsync(address);
        var message = mail.Count > 0 ? mail[^1] : throw new InvalidOperationException($"No email to {address}.");
        var link = InvitationLink().Match(message.TextBody ?? "");
        return link.Success ? new Uri(link.Value).PathAndQuery : throw new InvalidOperationException("The email has no invitation link.");
    }

    public async Task ResetForTestAsync()
    {
        await ResetAsync();
        Smtp.ClearReceivedEmail();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"https?://\S+/invite/[A-Za-z0-9_-]+")]
    private static partial Regex InvitationLink();
}

[CollectionDefinition(Name)]
public sealed class SharedPeopleHost : ICollectionFixture<PeopleHost>
{
    public const string Name = "people";
}

/// <summary>A test on the people host, starting from the freshly seeded demo studios and an empty mailbox.</summary>
[Collection(SharedPeopleHost.Name)]
public abstract class PeopleTest(PeopleHost host) : IAsyncLifetime
{
    protected PeopleHost Host { get; } = host;

    public virtual async ValueTask InitializeAsync() => await Host.ResetForTestAsync();

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
