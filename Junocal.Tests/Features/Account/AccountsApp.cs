using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;

namespace Junocal.Tests.Features.Account;

/// <summary>
/// The real host sending real SMTP (MailKit) to an in-process test server, so tests read account emails as a
/// person's inbox would receive them. Options: a rate limit per form, and links that expire at once.
/// </summary>
public partial class AccountsApp : JunocalApp
{
    private readonly SimpleSmtpServer _smtp;

    public AccountsApp()
        : this(permitLimit: 1_000_000, linksExpireAtOnce: false, signupEnabled: true)
    {
    }

    protected AccountsApp(int permitLimit, bool linksExpireAtOnce, bool signupEnabled)
        : this(SimpleSmtpServer.Start(FreePort()), permitLimit, linksExpireAtOnce, signupEnabled)
    {
    }

    private AccountsApp(SimpleSmtpServer smtp, int permitLimit, bool linksExpireAtOnce, bool signupEnabled)
        : base(new TestHostOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = smtp.Configuration.Port.ToString(CultureInfo.InvariantCulture),
                ["Email:Smtp:Security"] = "None",
                ["RateLimiting:AccountForms:PermitLimit"] = permitLimit.ToString(CultureInfo.InvariantCulture),
                ["Signup:Enabled"] = signupEnabled ? "true" : "false",
            },
            Services = linksExpireAtOnce ? ExpireLinksAtOnce : null,
        })
    {
        _smtp = smtp;
    }

    private static void ExpireLinksAtOnce(IServiceCollection services)
    {
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.Zero);
        services.Configure<PasswordResetTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.Zero);
    }

    /// <summary>Sends what the account-email outbox owes, as the email job would.</summary>
    public Task<int> SendAccountEmailsAsync() =>
        Services.GetRequiredService<AccountEmailDispatcher>().DispatchDueAsync(CancellationToken.None);

    /// <summary>Every message the SMTP server received for <paramref name="address"/>, oldest first.</summary>
    public async Task<List<MimeMessage>> InboxAsync(string address)
    {
        var messages = new List<MimeMessage>();
        foreach (var received in _smtp.ReceivedEmail.Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase))))
        {
            using var raw = new MemoryStream(Encoding.UTF8.GetBytes(received.Data));
            messages.Add(await MimeMessage.LoadAsync(raw));
        }

        return messages;
    }

    public void ClearInbox() => _smtp.ClearReceivedEmail();

    /// <summary>The one link to <paramref name="path"/> in the message's text.</summary>
    public static Uri LinkIn(MimeMessage message, string path)
    {
        var match = Link().Matches(message.TextBody ?? "").Select(m => m.Value).Single(url => url.Contains(path, StringComparison.Ordinal));
        return new Uri(match);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _smtp.Dispose();
        GC.SuppressFinalize(this);
    }

    public sealed class RateLimited() : AccountsApp(permitLimit: 3, linksExpireAtOnce: false, signupEnabled: true);

    public sealed class ExpiringLinks() : AccountsApp(permitLimit: 1_000_000, linksExpireAtOnce: true, signupEnabled: true);

    public sealed class SignupOff() : AccountsApp(permitLimit: 1_000_000, linksExpireAtOnce: false, signupEnabled: false);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
