using System.Net;
using System.Text.RegularExpressions;
using Junocal.Domain.People;
using Junocal.Domain.Scheduling;
using Junocal.Tests.Features.People;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Features.PublicBooking;

/// <summary>The public booking page <c>/s/{slug}</c> through the real host: what anyone sees, the cache, and booking from it.</summary>
public partial class PublicBookingPageServing(PeopleHost host) : PeopleTest(host)
{
    private const string Page = "/s/juno-pilates";

    [Fact]
    public async Task AnyoneSeesTheUpcomingClassesWithInstructorPlaceAndPlacesLeft()
    {
        var classId = await AddClassAsync("Harbour Stretch", capacity: 6, Location.InPerson("Studio C"));
        using var visitor = Host.CreateBrowserlikeClient();

        var response = await visitor.GetAsync(Page);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Harbour Stretch", html, StringComparison.Ordinal);
        Assert.Contains("Studio C", html, StringComparison.Ordinal);
        Assert.Contains("6 places left", html, StringComparison.Ordinal);
        Assert.Contains($"/s/juno-pilates/book/{classId}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Other Studio Spin", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnonymousViewsComeFromTheCacheWithoutPerVisitorWork()
    {
        using var first = Host.CreateBrowserlikeClient();
        using var second = Host.CreateBrowserlikeClient();
        var warm = await first.GetAsync(Page);

        await AddClassAsync("Added After The First View", capacity: 5, Location.InPerson("Studio C"));
        var cached = await second.GetAsync(Page);
        using var client = await SignIn.AsAsync(Host, DemoSeeder.ClientEmail);
        var personal = await client.GetStringAsync(Page);

        Assert.Equal("public, max-age=30", warm.Headers.CacheControl?.ToString());
        Assert.False(warm.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("Added After The First View", await cached.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(cached.Headers.Age is not null, "A cached response carries its age.");
        Assert.Contains("Added After The First View", personal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownAddressIsNotFound()
    {
        using var visitor = Host.CreateBrowserlikeClient();

        var response = await visitor.GetAsync("/s/no-such-studio");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ASignedInClientBooksInOneClick()
    {
        var classId = await AddClassAsync("Harbour Stretch", capacity: 6, Location.InPerson("Studio C"));
        using var client = await SignIn.AsAsync(Host, DemoSeeder.ClientEmail);

        var booked = await FormPosts.SubmitAsync(client, $"/s/juno-pilates/book/{classId}", "book");

        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.EndsWith("/my-bookings", booked.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Contains("Harbour Stretch", await client.GetStringAsync("/my-bookings"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClientOfAnotherStudioJoinsThisOneByBooking()
    {
        var classId = await AddClassAsync("Harbour Stretch", capacity: 6, Location.InPerson("Studio C"));
        using var casey = await SignIn.AsAsync(Host, DemoSeeder.OtherOwnerEmail);

        var refused = await FormPosts.SubmitAsync(casey, $"/s/other-studio/book/{await OtherStudioClassAsync()}", "book");
        var booked = await FormPosts.SubmitAsync(casey, $"/s/juno-pilates/book/{classId}", "book");

        Assert.Contains("you cannot book its classes as a client", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        await using var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var client = await db.Clients.SingleAsync(c => c.Email == DemoSeeder.OtherOwnerEmail);
        Assert.True(await db.Bookings.AnyAsync(b => b.ClassSessionId == classId && b.ClientId == client.Id && b.Status == BookingStatus.Active));
        Assert.True(await db.Memberships.AnyAsync(m => m.PersonId == client.Id && m.Role == Roles.Client));
    }

    [Fact]
    public async Task AVisitorWhoCreatesAnAccountWhileBookingIsBookedOnceTheyConfirmTheirEmail()
    {
        var classId = await AddClassAsync("Harbour Stretch", capacity: 6, Location.InPerson("Studio C"));
        using var visitor = Host.CreateBrowserlikeClient();
        await SignUpWhileBookingAsync(visitor, classId);
        await using (var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            Assert.False(await db.Bookings.AnyAsync(b => b.ClassSessionId == classId), "Nothing is booked before the email is confirmed.");
        }

        var confirmed = await FormPosts.SubmitAsync(visitor, await ConfirmLinkAsync(), "confirm");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.EndsWith("/my-bookings", confirmed.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Contains("Harbour Stretch", await visitor.GetStringAsync("/my-bookings"), StringComparison.Ordinal);
        await using var check = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var client = await check.Clients.SingleAsync(c => c.Email == "robin@example.com");
        Assert.Equal(1, await check.Bookings.CountAsync(b => b.ClassSessionId == classId && b.ClientId == client.Id && b.Status == BookingStatus.Active));
        Assert.Null(await check.Users.Where(u => u.Email == "robin@example.com").Select(u => u.PendingBookingClassId).SingleAsync());
    }

    [Fact]
    public async Task SomeoneWithAnAccountWhoSignsInToBookIsBookedAsTheySignIn()
    {
        var classId = await AddClassAsync("Harbour Stretch", capacity: 6, Location.InPerson("Studio C"));
        using var casey = Host.CreateBrowserlikeClient();
        var bookPage = await casey.GetStringAsync($"/s/juno-pilates/book/{classId}");
        var signInLink = WebUtility.HtmlDecode(SignInToBook().Match(bookPage).Groups[1].Value);

        var signedIn = await FormPosts.SubmitAsync(casey, signInLink, "login", new()
        {
            ["Input.Email"] = DemoSeeder.OtherOwnerEmail,
            ["Input.Password"] = SignIn.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.EndsWith("/my-bookings", signedIn.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Contains("Harbour Stretch", await casey.GetStringAsync("/my-bookings"), StringComparison.Ordinal);
        await using var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var client = await db.Clients.SingleAsync(c => c.Email == DemoSeeder.OtherOwnerEmail);
        Assert.True(await db.Bookings.AnyAsync(b => b.ClassSessionId == classId && b.ClientId == client.Id && b.Status == BookingStatus.Active));
    }

    [Fact]
    public async Task AClassCancelledBeforeTheEmailIsConfirmedIsNotBookedAndTheVisitorLandsOnItsBookingPage()
    {
        var classId = await AddClassAsync("Harbour Stretch", capacity: 6, Location.InPerson("Studio C"));
        using var visitor = Host.CreateBrowserlikeClient();
        await SignUpWhileBookingAsync(visitor, classId);
        await using (var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            var session = await db.ClassSessions.SingleAsync(c => c.Id == classId);
            session.Cancel("Instructor ill", Host.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var confirmed = await FormPosts.SubmitAsync(visitor, await ConfirmLinkAsync(), "confirm");

        Assert.EndsWith("/s/juno-pilates", confirmed.Headers.Location?.ToString(), StringComparison.Ordinal);
        await using var check = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        Assert.False(await check.Bookings.AnyAsync(b => b.ClassSessionId == classId));
    }

    private static async Task SignUpWhileBookingAsync(HttpClient visitor, Guid classId)
    {
        var signedUp = await FormPosts.SubmitAsync(visitor, $"/s/juno-pilates/book/{classId}", "sign-up", new()
        {
            ["Input.Name"] = "Robin Vale",
            ["Input.Email"] = "robin@example.com",
            ["Input.Password"] = "Fresh-pass-42",
            ["Input.ConfirmPassword"] = "Fresh-pass-42",
        });
        Assert.Contains("Check your email", await signedUp.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> ConfirmLinkAsync()
    {
        await Host.SendAccountEmailsAsync();
        var confirmation = Assert.Single(await Host.MailToAsync("robin@example.com"));
        return new Uri(ConfirmLink().Match(confirmation.TextBody!).Value).PathAndQuery;
    }

    [Fact]
    public async Task ASignUpWithAWeakPasswordSaysWhyBesideTheFieldAndCreatesNothing()
    {
        var classId = await AddClassAsync("Harbour Stretch", capacity: 6, Location.InPerson("Studio C"));
        using var visitor = Host.CreateBrowserlikeClient();

        var response = await FormPosts.SubmitAsync(visitor, $"/s/juno-pilates/book/{classId}", "sign-up", new()
        {
            ["Input.Name"] = "Robin Vale",
            ["Input.Email"] = "robin@example.com",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });

        Assert.DoesNotContain("Check your email", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "robin@example.com"));
        Assert.False(await db.Clients.AnyAsync(c => c.Email == "robin@example.com"));
    }

    private async Task<Guid> AddClassAsync(string name, int capacity, Location location)
    {
        await using var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var studio = await db.Studios.SingleAsync(s => s.Name == "Juno Pilates");
        var instructor = await db.StaffMembers.FirstAsync(s => s.StudioId == studio.Id && s.Role == Roles.Instructor);
        var session = ClassSession.Schedule(studio.Id, name, instructor.Id, Host.Clock.GetUtcNow().AddDays(2), 45, capacity, location);
        db.ClassSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    private async Task<Guid> OtherStudioClassAsync()
    {
        await using var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.ClassSessions.Where(c => c.Name == "Other Studio Spin").OrderBy(c => c.StartsAt).Select(c => c.Id).FirstAsync();
    }

    [GeneratedRegex("href=\"([^\"]+)\" data-testid=\"sign-in-to-book\"")]
    private static partial Regex SignInToBook();

    [GeneratedRegex(@"https?://\S+/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmLink();
}
