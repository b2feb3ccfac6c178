using System.Net;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Demo;

namespace Junocal.Tests.Security;

public class LoginPage(JunocalApp app) : AppTest(app)
{
    [Fact]
    public async Task SignsTheOwnerInAndReturnsToTheRequestedPage()
    {
        using var client = App.CreateBrowserlikeClient();
        var challenge = await client.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.Equal("/Account/Login", challenge.Headers.Location!.AbsolutePath);

        var form = await client.GetStringAsync(challenge.Headers.Location);
        Assert.Contains("Sign in", form, StringComparison.Ordinal);
        var response = await SignIn.PostLoginAsync(client, DemoSeeder.OwnerEmail, SignIn.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var page = await client.GetAsync("/schedule");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Juno Pilates", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DemoSeeder.OwnerEmail, "wrong-password")]
    [InlineData("nobody@demo.junocal.test", SignIn.Password)]
    public async Task RefusesWrongCredentialsWithTheSameMessageWhateverWasWrong(string email, string password)
    {
        using var client = App.CreateBrowserlikeClient();

        var response = await SignIn.PostLoginAsync(client, email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("That email and password combination is not right.", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/schedule")).StatusCode);
    }

    [Fact]
    public async Task LocksTheAccountAfterFiveFailuresEvenForTheRightPassword()
    {
        using var client = App.CreateBrowserlikeClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SignIn.PostLoginAsync(client, DemoSeeder.FrontDeskEmail, "wrong-password");
        }

        var response = await SignIn.PostLoginAsync(client, DemoSeeder.FrontDeskEmail, SignIn.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Too many failed attempts.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IgnoresAReturnUrlPointingToAnotherSite()
    {
        using var client = App.CreateBrowserlikeClient();

        var response = await SignIn.PostLoginAsync(client, DemoSeeder.OwnerEmail, SignIn.Password, returnUrl: "//evil.example.com");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(new Uri(App.BaseUrl), response.Headers.Location!);
        Assert.Equal(new Uri(App.BaseUrl).Authority, target.Authority);
        Assert.Equal("/", target.AbsolutePath);
    }

    [Fact]
    public async Task SignsOutWithAValidFormPost()
    {
        using var client = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);
        // Any page's form carries the signed-in user's token; the user menu's form renders only once opened.
        var page = await client.GetStringAsync("/Account/Login");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;

        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/schedule")).StatusCode);
    }

    [Fact]
    public async Task SignOutRequiresTheAntiforgeryToken()
    {
        using var client = await SignIn.AsAsync(App, DemoSeeder.OwnerEmail);

        var forged = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/schedule")).StatusCode);
    }
}
