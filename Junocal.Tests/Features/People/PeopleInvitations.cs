using System.Net;
using Junocal.Domain.People;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Features.People;

/// <summary>Invitations through the real host: the emailed link (over SMTP), accepted by a new or an existing account, and every way it refuses.</summary>
public class PeopleInvitations(PeopleHost host) : PeopleTest(host)
{
    private const string NewPassword = "Fresh-pass-42";

    [Fact]
    public async Task ANewAccountAcceptsAndTeachesInTheStudio()
    {
        await InviteAsync("Nina Alvarez", "nina@example.com", Roles.Instructor);
        var link = await Host.InvitationPathForAsync("nina@example.com");
        using var browser = Host.CreateBrowserlikeClient();

        var page = await browser.GetStringAsync(link);
        var accepted = await CreateAccountAsync(browser, link, "Nina Alvarez", NewPassword);

        Assert.Contains("Create account and join", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/my-classes")).StatusCode);
        await using var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var nina = await db.StaffMembers.SingleAsync(s => s.Email == "nina@example.com");
        Assert.Equal(Roles.Instructor, nina.Role);
        Assert.Single(await db.Memberships.Where(m => m.PersonId == nina.Id && m.Role == Roles.Instructor).ToListAsync());
    }

    [Fact]
    public async Task AnExistingAccountSignedInWithTheInvitedAddressAcceptsAndKeepsItsOtherStudio()
    {
        await InviteAsync("Casey Brooks", DemoSeeder.OtherOwnerEmail, Roles.FrontDesk);
        var link = await Host.InvitationPathForAsync(DemoSeeder.OtherOwnerEmail);
        using var casey = await SignIn.AsAsync(Host, DemoSeeder.OtherOwnerEmail);

        Assert.Contains("Accept and open Juno Pilates", await casey.GetStringAsync(link), StringComparison.Ordinal);
        var accepted = await FormPosts.SubmitAsync(casey, link, "accept");

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await casey.GetAsync("/clients")).StatusCode);
        await using var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var memberships = await db.Memberships.Where(m => db.Users.Any(u => u.Id == m.UserId && u.Email == DemoSeeder.OtherOwnerEmail)).ToListAsync();
        Assert.Equal(2, memberships.Count);
        Assert.Contains(memberships, m => m.Role == Roles.FrontDesk);
        Assert.Contains(memberships, m => m.Role == Roles.Owner);
    }

    [Fact]
    public async Task AnExistingAccountThatIsNotSignedInIsAskedToSignInFirst()
    {
        await InviteAsync("Casey Brooks", DemoSeeder.OtherOwnerEmail, Roles.Instructor);
        var link = await Host.InvitationPathForAsync(DemoSeeder.OtherOwnerEmail);
        using var anonymous = Host.CreateBrowserlikeClient();

        var page = await anonymous.GetStringAsync(link);

        Assert.Contains("Sign in to accept", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Create account and join", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLinkWorksOnlyOnce()
    {
        await InviteAsync("Nina Alvarez", "nina@example.com", Roles.Instructor);
        var link = await Host.InvitationPathForAsync("nina@example.com");
        using (var first = Host.CreateBrowserlikeClient())
        {
            await CreateAccountAsync(first, link, "Nina Alvarez", NewPassword);
        }

        using var second = Host.CreateBrowserlikeClient();
        var page = await second.GetStringAsync(link);

        Assert.Contains("already been used", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Create account and join", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLinkExpiresAfterSevenDaysAndChangesNothing()
    {
        await InviteAsync("Nina Alvarez", "nina@example.com", Roles.Instructor);
        var link = await Host.InvitationPathForAsync("nina@example.com");
        using var browser = Host.CreateBrowserlikeClient();
        var form = await browser.GetStringAsync(link);

        Host.Clock.Advance(TimeSpan.FromDays(7));
        var page = await browser.GetStringAsync(link);

        Assert.Contains("Create account and join", form, StringComparison.Ordinal);
        Assert.Contains("This invitation has expired", page, StringComparison.Ordinal);
        await using var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "nina@example.com"));
    }

    [Fact]
    public async Task AnAccountWithAnotherAddressIsToldWhichAddressTheInvitationIsFor()
    {
        await InviteAsync("Nina Alvarez", "nina@example.com", Roles.FrontDesk);
        var link = await Host.InvitationPathForAsync("nina@example.com");
        using var client = await SignIn.AsAsync(Host, DemoSeeder.ClientEmail);

        var page = await client.GetStringAsync(link);

        Assert.Contains("This invitation is for nina@example.com", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Accept and open", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AResendKillsTheOldLinkAndARevokeKillsTheNewOne()
    {
        await InviteAsync("Nina Alvarez", "nina@example.com", Roles.Instructor);
        var first = await Host.InvitationPathForAsync("nina@example.com");
        var invitationId = await PendingInvitationIdAsync("nina@example.com");
        Host.Smtp.ClearReceivedEmail();
        await AsOwnerAsync(people => people.ResendAsync(invitationId, CancellationToken.None));
        var second = await Host.InvitationPathForAsync("nina@example.com");
        using var browser = Host.CreateBrowserlikeClient();

        var oldPage = await browser.GetStringAsync(first);
        var newPage = await browser.GetStringAsync(second);
        await AsOwnerAsync(people => people.RevokeAsync(invitationId, CancellationToken.None));
        var revokedPage = await browser.GetStringAsync(second);

        Assert.NotEqual(first, second);
        Assert.Contains("A newer invitation was sent", oldPage, StringComparison.Ordinal);
        Assert.Contains("Create account and join", newPage, StringComparison.Ordinal);
        Assert.Contains("withdrawn by the studio", revokedPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATamperedLinkIsRefused()
    {
        using var browser = Host.CreateBrowserlikeClient();

        var page = await browser.GetStringAsync("/invite/not-a-real-token");

        Assert.Contains("This invitation link is not valid", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEmailSaysWhoInvitesWhomAndUntilWhen()
    {
        await InviteAsync("Nina Alvarez", "nina@example.com", Roles.FrontDesk);
        await Host.SendAccountEmailsAsync();

        var message = Assert.Single(await Host.MailToAsync("nina@example.com"));

        Assert.Equal("You're invited to Juno Pilates on Junocal", message.Subject);
        Assert.Contains("as a front desk", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("only for nina@example.com", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecondInvitationToAWaitingAddressIsRefusedBesideTheEmail()
    {
        await InviteAsync("Nina Alvarez", "nina@example.com", Roles.Instructor);

        var again = await AsOwnerAsync(people => people.InviteAsync(new InviteForm { Name = "Nina", Email = "NINA@example.com", Role = Roles.Owner }, CancellationToken.None));

        Assert.False(again.Succeeded);
        Assert.Contains("already waiting", again.ErrorFor(PeopleService.EmailField), StringComparison.Ordinal);
    }

    private async Task InviteAsync(string name, string email, string role)
    {
        var result = await AsOwnerAsync(people => people.InviteAsync(new InviteForm { Name = name, Email = email, Role = role }, CancellationToken.None));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
    }

    private async Task<T> AsOwnerAsync<T>(Func<PeopleService, Task<T>> action)
    {
        await using var owner = await Host.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        return await action(owner.ServiceProvider.GetRequiredService<PeopleService>());
    }

    private async Task<Guid> PendingInvitationIdAsync(string email)
    {
        await using var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.Invitations.Where(i => i.Email == email && i.Status == InvitationStatus.Pending).Select(i => i.Id).SingleAsync();
    }

    private static Task<HttpResponseMessage> CreateAccountAsync(HttpClient browser, string link, string name, string password) =>
        FormPosts.SubmitAsync(browser, link, "create-account", new()
        {
            ["Input.Name"] = name,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
}
