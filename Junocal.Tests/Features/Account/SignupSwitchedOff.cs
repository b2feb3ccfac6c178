using System.Net;
using Junocal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Features.Account;

/// <summary>With <c>Signup:Enabled=false</c> nobody creates a studio from the web.</summary>
public sealed class SignupSwitchedOff(AccountsApp.SignupOff app) : IClassFixture<AccountsApp.SignupOff>
{
    [Fact]
    public async Task TheLoginPageOffersNoSignUpAndTheFormCreatesNothing()
    {
        using var browser = app.CreateBrowserlikeClient();

        var login = await browser.GetStringAsync("/Account/Login");
        var page = await browser.GetStringAsync("/Account/SignUp");

        Assert.DoesNotContain("Create your studio", login, StringComparison.Ordinal);
        Assert.Contains("New studios cannot sign up on this Junocal", page, StringComparison.Ordinal);
        var post = await browser.PostAsync("/Account/SignUp", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signup",
            ["Input.StudioName"] = "Sneaky",
            ["Input.TimeZoneId"] = "Europe/London",
            ["Input.OwnerName"] = "S",
            ["Input.Email"] = "s@sneaky.test",
            ["Input.Password"] = "Sneaky-pass-1",
        }));
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        Assert.False(await db.Studios.AnyAsync(s => s.Name == "Sneaky"));
    }
}
