using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Audit;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Scheduling;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Data;

/// <summary>A studio's users never read another studio's rows, whatever they ask for.</summary>
public class StudioIsolation(JunocalApp app) : AppTest(app)
{
    [Fact]
    public async Task StudioQueriesReturnOnlyTheSignedInUsersStudio()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var juno = scope.ServiceProvider.GetRequiredService<CurrentUser>().StudioId;
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<JunocalDbContext>>().CreateDbContextAsync();

        Assert.Equal(["Juno Pilates"], await db.Studios.Select(s => s.Name).ToListAsync());
        Assert.All(await db.ClassSessions.ToListAsync(), c => Assert.Equal(juno, c.StudioId));
        Assert.All(await db.Bookings.ToListAsync(), b => Assert.Equal(juno, b.StudioId));
        Assert.All(await db.Clients.ToListAsync(), c => Assert.Equal(juno, c.StudioId));
        Assert.All(await db.StaffMembers.ToListAsync(), s => Assert.Equal(juno, s.StudioId));
        Assert.All(await db.AuditEntries.ToListAsync(), a => Assert.Equal(juno, a.StudioId));
        Assert.NotEmpty(await db.ClassSessions.ToListAsync());
    }

    [Fact]
    public async Task ACraftedIdFromAnotherStudioFindsNothing()
    {
        Guid otherClassId, otherClientId;
        await using (var system = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            var other = await system.Studios.SingleAsync(s => s.Name == "Other Studio");
            otherClassId = await system.ClassSessions.Where(c => c.StudioId == other.Id).Select(c => c.Id).FirstAsync();
            otherClientId = await system.Clients.Where(c => c.StudioId == other.Id).Select(c => c.Id).FirstAsync();
        }

        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<JunocalDbContext>>().CreateDbContextAsync();

        Assert.Null(await db.ClassSessions.FindAsync(otherClassId));
        Assert.Null(await db.ClassSessions.SingleOrDefaultAsync(c => c.Id == otherClassId));
        Assert.Empty(await db.Bookings.Where(b => b.ClassSessionId == otherClassId).ToListAsync());
        Assert.Null(await db.Clients.FindAsync(otherClientId));
    }

    [Fact]
    public async Task AnAnonymousCallerSeesNoStudioData()
    {
        await using var scope = App.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<JunocalDbContext>>().CreateDbContextAsync();

        Assert.Equal(0, await db.Studios.CountAsync());
        Assert.Equal(0, await db.ClassSessions.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task TheOtherStudiosOwnerSeesOnlyTheirOwnSchedule()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OtherOwnerEmail);

        var list = await scope.ServiceProvider.GetRequiredService<ScheduleService>().ListAsync(new ClassListQuery(), CancellationToken.None);

        Assert.Equal("America/New_York", list.TimeZoneId);
        Assert.NotEmpty(list.Classes);
        Assert.All(list.Classes, c => Assert.Equal("Other Studio Spin", c.Name));
    }

    [Fact]
    public async Task AnInstructorSeesOnlyTheClassesTheyTeach()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.InstructorEmail);

        var list = await scope.ServiceProvider.GetRequiredService<ScheduleService>().ListAsync(new ClassListQuery(), CancellationToken.None);

        Assert.NotEmpty(list.Classes);
        Assert.All(list.Classes, c => Assert.Equal("Maya Chen", c.Instructor));
    }

    [Theory]
    [InlineData(DemoSeeder.ClientEmail)]
    public async Task TheScheduleServiceRefusesAClient(string email)
    {
        await using var scope = await App.ScopeSignedInAsAsync(email);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            scope.ServiceProvider.GetRequiredService<ScheduleService>().ListAsync(new ClassListQuery(), CancellationToken.None));
    }

    [Theory]
    [InlineData(DemoSeeder.FrontDeskEmail)]
    [InlineData(DemoSeeder.InstructorEmail)]
    [InlineData(DemoSeeder.ClientEmail)]
    public async Task TheAuditLogServiceRefusesEveryoneButTheOwner(string email)
    {
        await using var scope = await App.ScopeSignedInAsAsync(email);

        var error = await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            scope.ServiceProvider.GetRequiredService<AuditLogService>().ListAsync(0, CancellationToken.None));
        Assert.Equal("Only Owner can do this.", error.Message);
    }
}
