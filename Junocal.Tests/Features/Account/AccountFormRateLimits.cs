using System.Net;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Account;
using Junocal.Web.Features.Demo;

namespace Junocal.Tests.Features.Account;

/// <summary>Each limited form allows three posts per client address in this host; the fourth gets the 429 page.</summary>
public sealed class AccountFormRateLimits(AccountsApp.RateLimited app) : IClassFixture<AccountsApp.RateLimited>
{
    [Theory]
    [InlineData("/Account/Login", "login")]
    [InlineData("/Account/SignUp", "signup")]
    [InlineData("/Account/ForgotPassword", "forgot")]
    [InlineData("/Account/ResendConfirmation", "resend")]
    public async Task TheFourthPostAnswers429WithAPageSayingWhenToTryAgain(string path, string form)
    {
        Assert.Contains(path, AccountRateLimits.LimitedForms);
        using var browser = app.CreateBrowserlikeClient();
        var fields = new Dictionary<string, string> { ["Input.Email"] = DemoSeeder.OwnerEmail, ["Input.Password"] = "wrong-password" };
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Forms.PostAsync(browser, path, form, fields)).StatusCode);
        }

        var limited = await Forms.PostAsync(browser, path, form, fields);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Try again in 15 minutes.", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(path)).StatusCode);
    }
}
