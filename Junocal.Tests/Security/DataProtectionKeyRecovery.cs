using System.Net;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Demo;

namespace Junocal.Tests.Security;

/// <summary>A Data Protection key in the database that this instance cannot decrypt (its token key was retired).</summary>
public sealed class DataProtectionKeyRecovery
{
    [Fact]
    public async Task SignsInOnAnInstanceWhoseTokenKeyCannotOpenTheStoredKeys()
    {
        var first = new JunocalApp();
        await first.InitializeAsync();
        var cookies = new CookieContainer(); // the browser keeps the sign-in and antiforgery cookies of the old key
        using (var earlier = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = new Uri(first.BaseUrl) })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(earlier, DemoSeeder.OwnerEmail, SignIn.Password)).StatusCode);
        }

        // After a deploy that retired the token key the stored Data Protection keys were encrypted with.
        await using var second = first.Restart(new()
        {
            CaptureLogs = true,
            Settings = new Dictionary<string, string?>
            {
                ["Security:TokenKeys:test"] = "",
                ["Security:TokenKeys:other"] = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=",
                ["Security:ActiveTokenKey"] = "other",
            },
        });
        await first.DisposeAsync();
        await second.StartAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = new Uri(second.BaseUrl) };

        var stale = await client.GetAsync("/schedule", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode); // the old sign-in no longer counts: sign in again

        var login = await client.GetAsync("/Account/Login", TestContext.Current.CancellationToken);
        var signedIn = await SignIn.PostLoginAsync(client, DemoSeeder.OwnerEmail, SignIn.Password);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/schedule", TestContext.Current.CancellationToken)).StatusCode);
        // One clear line says which key and why, and the key ring goes on without it.
        Assert.Contains(second.Logs!.Lines, line => line.Contains("A stored DataProtectionKey for studio", StringComparison.Ordinal)
            && line.Contains("could not be decrypted", StringComparison.Ordinal) && line.Contains("(key id test)", StringComparison.Ordinal));
        Assert.Contains(second.Logs.Lines, line => line.Contains("keep the token key it was written with listed in Security:TokenKeys", StringComparison.Ordinal));
    }

}
