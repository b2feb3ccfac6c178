using System.Net;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Account;
using Junocal.Web.Features.Demo;

namespace Junocal.Tests.Features.Account;

/// <summary>Forgot password, reset and resend through the real host, with the links read from the SMTP server.</summary>
public sealed class AccountEmailLinks(AccountsApp app) : IClassFixture<AccountsApp>, IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        await app.ResetAsync();
        app.ClearInbox();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AResetLinkSetsTheNewPasswordOnceAndLiftsALockout()
    {
        using var browser = app.CreateBrowserlikeClient();
        for (var i = 0; i < 5; i++)
        {
            await SignIn.PostLoginAsync(app.CreateBrowserlikeClient(), DemoSeeder.OwnerEmail, "wrong-password");
        }

        await ForgotAsync(browser, DemoSeeder.OwnerEmail);
        await app.SendAccountEmailsAsync();
        var email = Assert.Single(await app.InboxAsync(DemoSeeder.OwnerEmail));
        Assert.Equal("Reset your Junocal password", email.Subject);
        var link = AccountsApp.LinkIn(email, AccountLinks.ResetPasswordPath);

        var reset = await ResetAsync(browser, link, "Brand-new-pass-2");

        Assert.Contains("Your password is changed", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(app.CreateBrowserlikeClient(), DemoSeeder.OwnerEmail, "Brand-new-pass-2")).StatusCode);
        var again = await app.CreateBrowserlikeClient().GetStringAsync(link.PathAndQuery);
        Assert.Contains(AccountService.LinkNotValidMessage, again, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await SignIn.PostLoginAsync(app.CreateBrowserlikeClient(), DemoSeeder.OwnerEmail, "Another-pass-3")).StatusCode);
    }

    [Fact]
    public async Task ForgotPasswordAnswersAlikeForAnUnknownEmailAndSendsNothing()
    {
        var known = await (await ForgotAsync(app.CreateBrowserlikeClient(), DemoSeeder.OwnerEmail)).Content.ReadAsStringAsync();
        var unknown = await (await ForgotAsync(app.CreateBrowserlikeClient(), "nobody@nowhere.test")).Content.ReadAsStringAsync();

        Assert.Equal(Sentence(known), Sentence(unknown));
        Assert.Equal(1, await app.SendAccountEmailsAsync());
        Assert.Empty(await app.InboxAsync("nobody@nowhere.test"));
    }

    [Fact]
    public async Task AWeakNewPasswordIsRefusedBesideTheFieldAndTheLinkStillWorks()
    {
        using var browser = app.CreateBrowserlikeClient();
        await ForgotAsync(browser, DemoSeeder.ClientEmail);
        await app.SendAccountEmailsAsync();
        var link = AccountsApp.LinkIn(Assert.Single(await app.InboxAsync(DemoSeeder.ClientEmail)), AccountLinks.ResetPasswordPath);

        var weak = await ResetAsync(browser, link, "weak");

        Assert.Contains("Passwords must be at least 10 characters", WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("Your password is changed", await (await ResetAsync(browser, link, "Strong-pass-42")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResendSendsAFreshConfirmationLinkThatWorks()
    {
        using var browser = app.CreateBrowserlikeClient();
        await SignUpThroughTheHost.SignUpAsync(browser, "Resend Studio", "Europe/Paris", "Rae", "rae@resend.test", "Resend-pass-1");
        await app.SendAccountEmailsAsync();
        app.ClearInbox();

        var resent = await Forms.PostAsync(browser, "/Account/ResendConfirmation", "resend", new Dictionary<string, string> { ["Input.Email"] = "rae@resend.test" });

        Assert.Contains("a new link is on its way", await resent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.SendAccountEmailsAsync());
        var link = AccountsApp.LinkIn(Assert.Single(await app.InboxAsync("rae@resend.test")), AccountLinks.ConfirmEmailPath);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(browser, link.PathAndQuery, "confirm", new Dictionary<string, string>())).StatusCode);
    }

    [Fact]
    public async Task ATamperedLinkIsRefused()
    {
        using var browser = app.CreateBrowserlikeClient();
        await ForgotAsync(browser, DemoSeeder.OwnerEmail);
        await app.SendAccountEmailsAsync();
        var link = AccountsApp.LinkIn(Assert.Single(await app.InboxAsync(DemoSeeder.OwnerEmail)), AccountLinks.ResetPasswordPath);
        var tampered = new Uri(link.AbsoluteUri.Replace("code=", "code=A", StringComparison.Ordinal));

        var page = await browser.GetStringAsync(tampered.PathAndQuery);

        Assert.Contains(AccountService.LinkNotValidMessage, page, StringComparison.Ordinal);
    }

    internal static Task<HttpResponseMessage> ForgotAsync(HttpClient browser, string email) =>
        Forms.PostAsync(browser, "/Account/ForgotPassword", "forgot", new Dictionary<string, string> { ["Input.Email"] = email });

    internal static Task<HttpResponseMessage> ResetAsync(HttpClient browser, Uri link, string password) =>
        Forms.PostAsync(browser, link.PathAndQuery, "reset", new Dictionary<string, string>
        {
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    private static string Sentence(string page)
    {
        var start = page.IndexOf("data-testid=\"forgot-sent\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "The page does not show the sent message.");
        return page[start..page.IndexOf("</", start, StringComparison.Ordinal)];
    }
}

/// <summary>Links that expired: the Identity token lifespan is zero in this host, so every link is out of date once made.</summary>
public sealed class ExpiredAccountLinks(AccountsApp.ExpiringLinks app) : IClassFixture<AccountsApp.ExpiringLinks>, IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        await app.ResetAsync();
        app.ClearInbox();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AnExpiredConfirmationLinkIsRefusedAndTheAccountStaysUnconfirmed()
    {
        using var browser = app.CreateBrowserlikeClient();
        await SignUpThroughTheHost.SignUpAsync(browser, "Late Studio", "Europe/Paris", "Lee", "lee@late.test", "Late-pass-12");
        await app.SendAccountEmailsAsync();
        var link = AccountsApp.LinkIn(Assert.Single(await app.InboxAsync("lee@late.test")), AccountLinks.ConfirmEmailPath);

        var response = await Forms.PostAsync(browser, link.PathAndQuery, "confirm", new Dictionary<string, string>());

        Assert.Contains("This link has expired or was already used", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Confirm your email first", await (await SignIn.PostLoginAsync(app.CreateBrowserlikeClient(), "lee@late.test", "Late-pass-12")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredResetLinkIsRefusedAndThePasswordStays()
    {
        using var browser = app.CreateBrowserlikeClient();
        await AccountEmailLinks.ForgotAsync(browser, DemoSeeder.OwnerEmail);
        await app.SendAccountEmailsAsync();
        var link = AccountsApp.LinkIn(Assert.Single(await app.InboxAsync(DemoSeeder.OwnerEmail)), AccountLinks.ResetPasswordPath);

        var page = await browser.GetStringAsync(link.PathAndQuery);

        Assert.Contains(AccountService.LinkNotValidMessage, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(app.CreateBrowserlikeClient(), DemoSeeder.OwnerEmail, SignIn.Password)).StatusCode);
    }
}
