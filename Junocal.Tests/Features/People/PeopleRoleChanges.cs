using System.Net;
using Junocal.Domain.People;
using Junocal.Domain.Scheduling;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.People;
using Junocal.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Features.People;

/// <summary>Role changes and deactivation through the real host: on the next request, in an open circuit, and never the last owner.</summary>
public class PeopleRoleChanges(PeopleHost host) : PeopleTest(host)
{
    [Fact]
    public async Task ARoleChangeTakesEffectOnTheNextRequest()
    {
        using var frontDesk = await SignIn.AsAsync(Host, DemoSeeder.FrontDeskEmail);
        var before = await frontDesk.GetAsync("/clients");

        var changed = await AsOwnerAsync(async people =>
            await people.ChangeRoleAsync(await StaffIdAsync(DemoSeeder.FrontDeskEmail), Roles.Instructor, UpcomingClassesChoice.None, CancellationToken.None));
        var after = await frontDesk.GetAsync("/clients");

        Assert.True(changed.Succeeded, string.Join("; ", changed.Errors.Values));
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains("/Account/AccessDenied", after.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await frontDesk.GetAsync("/my-classes")).StatusCode);
    }

    [Fact]
    public async Task DeactivationTakesEffectOnTheNextRequest()
    {
        using var frontDesk = await SignIn.AsAsync(Host, DemoSeeder.FrontDeskEmail);

        await AsOwnerAsync(async people =>
            await people.DeactivateAsync(await StaffIdAsync(DemoSeeder.FrontDeskEmail), UpcomingClassesChoice.None, CancellationToken.None));
        var after = await frontDesk.GetAsync("/schedule");

        Assert.NotEqual(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task AReactivatedMemberActsInTheStudioAgainOnTheNextRequest()
    {
        using var frontDesk = await SignIn.AsAsync(Host, DemoSeeder.FrontDeskEmail);
        var staffId = await StaffIdAsync(DemoSeeder.FrontDeskEmail);
        await AsOwnerAsync(people => people.DeactivateAsync(staffId, UpcomingClassesChoice.None, CancellationToken.None));
        Assert.NotEqual(HttpStatusCode.OK, (await frontDesk.GetAsync("/schedule")).StatusCode);

        var reactivated = await AsOwnerAsync(people => people.ReactivateAsync(staffId, CancellationToken.None));

        Assert.True(reactivated.Succeeded);
        Assert.Equal(HttpStatusCode.OK, (await frontDesk.GetAsync("/schedule")).StatusCode);
        var row = (await AsOwnerAsync(people => people.ListAsync(CancellationToken.None))).People.Single(p => p.StaffId == staffId);
        Assert.Equal((PersonStatus.Active, Roles.FrontDesk), (row.Status, row.Role));
    }

    [Fact]
    public async Task ReactivatingSomeoneActiveIsRefusedAndChangesNothing()
    {
        var staffId = await StaffIdAsync(DemoSeeder.FrontDeskEmail);

        var refused = await AsOwnerAsync(people => people.ReactivateAsync(staffId, CancellationToken.None));

        Assert.Equal("Sam Reyes is active already.", refused.ErrorFor(CommandResult.General));
    }

    [Fact]
    public async Task AnOpenCircuitLosesTheStudioOnDeactivation()
    {
        await using var circuit = await Host.ScopeSignedInAsAsync(DemoSeeder.FrontDeskEmail);
        var schedule = circuit.ServiceProvider.GetRequiredService<ScheduleService>();
        var before = await schedule.GetEditorOptionsAsync(CancellationToken.None);

        await AsOwnerAsync(async people =>
            await people.DeactivateAsync(await StaffIdAsync(DemoSeeder.FrontDeskEmail), UpcomingClassesChoice.None, CancellationToken.None));

        Assert.NotEmpty(before.Instructors);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => schedule.GetEditorOptionsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AnOpenCircuitStopsActingInTheOldRoleAfterARoleChange()
    {
        await using var circuit = await Host.ScopeSignedInAsAsync(DemoSeeder.FrontDeskEmail);
        var clients = circuit.ServiceProvider.GetRequiredService<Junocal.Web.Features.Clients.ClientDirectory>();
        Assert.NotEmpty((await clients.SearchAsync(null, CancellationToken.None)).Clients);

        await AsOwnerAsync(async people =>
            await people.ChangeRoleAsync(await StaffIdAsync(DemoSeeder.FrontDeskEmail), Roles.Instructor, UpcomingClassesChoice.None, CancellationToken.None));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => clients.SearchAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task TheLastOwnerCanBeNeitherDemotedNorDeactivated()
    {
        var owner = await StaffIdAsync(DemoSeeder.OwnerEmail);

        var demoted = await AsOwnerAsync(people => people.ChangeRoleAsync(owner, Roles.FrontDesk, UpcomingClassesChoice.None, CancellationToken.None));
        var deactivated = await AsOwnerAsync(people => people.DeactivateAsync(owner, UpcomingClassesChoice.None, CancellationToken.None));

        Assert.Contains("last owner", demoted.ErrorFor(""), StringComparison.Ordinal);
        Assert.Contains("last owner", deactivated.ErrorFor(""), StringComparison.Ordinal);
        await using var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var row = await db.StaffMembers.SingleAsync(s => s.Id == owner);
        Assert.Equal(Roles.Owner, row.Role);
        Assert.True(row.IsActive);
        Assert.True(await db.Memberships.AnyAsync(m => m.PersonId == owner && m.Role == Roles.Owner && m.Status == MembershipStatus.Active));
    }

    [Fact]
    public async Task AnOwnerStepsDownOnceAnotherOwnerCanSignIn()
    {
        var frontDesk = await StaffIdAsync(DemoSeeder.FrontDeskEmail);
        var owner = await StaffIdAsync(DemoSeeder.OwnerEmail);

        await AsOwnerAsync(people => people.ChangeRoleAsync(frontDesk, Roles.Owner, UpcomingClassesChoice.None, CancellationToken.None));
        var demoted = await AsOwnerAsync(people => people.ChangeRoleAsync(owner, Roles.FrontDesk, UpcomingClassesChoice.None, CancellationToken.None));

        Assert.True(demoted.Succeeded, string.Join("; ", demoted.Errors.Values));
    }

    [Fact]
    public async Task AnInstructorWithUpcomingClassesIsDeactivatedOnlyOnceTheyAreHandedOver()
    {
        var maya = await StaffIdAsync(DemoSeeder.InstructorEmail);
        var leo = await StaffIdAsync("leo.park@demo.junocal.test");
        var upcoming = await UpcomingClassesOfAsync(maya);

        var refused = await AsOwnerAsync(people => people.DeactivateAsync(maya, UpcomingClassesChoice.None, CancellationToken.None));
        var unchanged = await UpcomingClassesOfAsync(maya);
        var handedOver = await AsOwnerAsync(people => people.DeactivateAsync(maya, new UpcomingClassesChoice(leo, false), CancellationToken.None));

        Assert.NotEmpty(upcoming);
        Assert.Contains($"teaches {upcoming.Count} upcoming", refused.ErrorFor(nameof(UpcomingClassesChoice.ReplacementId)), StringComparison.Ordinal);
        Assert.Equal(upcoming, unchanged);
        Assert.True(handedOver.Succeeded, string.Join("; ", handedOver.Errors.Values));
        Assert.Empty(await UpcomingClassesOfAsync(maya));
        Assert.True((await UpcomingClassesOfAsync(leo)).ToHashSet().IsSupersetOf(upcoming));
    }

    [Fact]
    public async Task PastClassesKeepTheNameOfADeactivatedInstructor()
    {
        var maya = await StaffIdAsync(DemoSeeder.InstructorEmail);

        var deactivated = await AsOwnerAsync(people => people.DeactivateAsync(maya, new UpcomingClassesChoice(null, KeepThem: true), CancellationToken.None));

        Assert.True(deactivated.Succeeded, string.Join("; ", deactivated.Errors.Values));
        await using var owner = await Host.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var options = await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetEditorOptionsAsync(CancellationToken.None);
        Assert.DoesNotContain(options.Instructors, i => i.Id == maya);
        await using var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        Assert.True(await db.ClassSessions.AnyAsync(c => c.InstructorId == maya));
        Assert.Equal("Maya Chen", (await db.StaffMembers.SingleAsync(s => s.Id == maya)).Name);
    }

    [Fact]
    public async Task AnInstructorWithoutALoginIsAssignableAtOnce()
    {
        var added = await AsOwnerAsync(people => people.AddInstructorAsync("Ivy Stone", null, CancellationToken.None));

        Assert.True(added.Succeeded, string.Join("; ", added.Errors.Values));
        await using var owner = await Host.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var options = await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetEditorOptionsAsync(CancellationToken.None);
        Assert.Contains(options.Instructors, i => i.Name == "Ivy Stone");
        var list = await owner.ServiceProvider.GetRequiredService<PeopleService>().ListAsync(CancellationToken.None);
        Assert.Equal(PersonStatus.NoLogin, list.People.Single(p => p.Name == "Ivy Stone").Status);
    }

    [Fact]
    public async Task TheFrontDeskCannotManagePeople()
    {
        await using var frontDesk = await Host.ScopeSignedInAsAsync(DemoSeeder.FrontDeskEmail);
        var people = frontDesk.ServiceProvider.GetRequiredService<PeopleService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => people.AddInstructorAsync("Ivy Stone", null, CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => people.ListAsync(CancellationToken.None));
    }

    private async Task<T> AsOwnerAsync<T>(Func<PeopleService, Task<T>> action)
    {
        await using var owner = await Host.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        return await action(owner.ServiceProvider.GetRequiredService<PeopleService>());
    }

    private async Task<Guid> StaffIdAsync(string email)
    {
        await using var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.StaffMembers.Where(s => s.Email == email).Select(s => s.Id).SingleAsync();
    }

    private async Task<List<Guid>> UpcomingClassesOfAsync(Guid instructorId)
    {
        var now = Host.Clock.GetUtcNow();
        await using var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.ClassSessions.Where(c => c.InstructorId == instructorId && c.Status == ClassStatus.Scheduled && c.StartsAt > now)
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
    }
}
