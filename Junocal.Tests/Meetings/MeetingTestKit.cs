using Junocal.Domain.Meetings;
using Junocal.Domain.Scheduling;
using Junocal.Sandbox;
using Junocal.Sandbox.Meetings;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Web.Data;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Scheduling;
using Junocal.Web.Integrations.Zoom;
using Junocal.Web.Meetings;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Meetings;

/// <summary>
/// What the meeting tests do to a host: connect Zoom, schedule, change and cancel Zoom classes as the owner, run the
/// sync as the background job would, make rows due instead of waiting, and read what the owner sees.
/// </summary>
public sealed class MeetingTestKit(JunocalApp app)
{
    public JunocalApp App { get; } = app;

    public ZoomSandboxState Zoom => App.Services.GetRequiredService<ZoomSandboxState>();

    public static string AgendaFor(Guid classId) => $"Created by Junocal for class {classId}";

    public async Task ConnectZoomAsync(string expected = "connected")
    {
        using var owner = await ZoomFlow.OpenAsync(App);
        Assert.Equal(expected, await ZoomFlow.ConnectAsync(owner));
    }

    public async Task<Guid> ScheduleZoomClassAsync(string name, DateTime date, TimeSpan start, int minutes = 45)
    {
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var options = await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetEditorOptionsAsync(CancellationToken.None);
        var result = await owner.ServiceProvider.GetRequiredService<ClassScheduler>().ScheduleAsync(new ClassForm
        {
            Name = name, InstructorId = options.Instructors[0].Id, Date = date, StartTime = start, DurationMinutes = minutes,
            Capacity = 10, LocationKind = LocationKind.Zoom,
        }, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return Assert.Single(result.ClassIds);
    }

    public async Task UpdateAsync(Guid classId, Action<ClassForm> change)
    {
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var (form, version) = (await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetForEditAsync(classId, CancellationToken.None))!.Value;
        change(form);
        var result = await owner.ServiceProvider.GetRequiredService<ClassScheduler>().UpdateAsync(classId, version, form, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
    }

    public async Task CancelAsync(Guid classId)
    {
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var version = (await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetForEditAsync(classId, CancellationToken.None))!.Value.Version;
        Assert.True((await owner.ServiceProvider.GetRequiredService<ClassScheduler>().CancelAsync(classId, version, null, CancellationToken.None)).Succeeded);
    }

    public async Task BookAsClientAsync(Guid classId)
    {
        await using var client = await App.ScopeSignedInAsAsync(DemoSeeder.ClientEmail);
        var result = await client.ServiceProvider.GetRequiredService<ClientBookingService>().BookAsync(classId, CancellationToken.None);
        Assert.True(result.Succeeded, result.Error);
    }

    public Task<MeetingSyncState?> SyncAsync(Guid classId) =>
        App.Services.GetRequiredService<MeetingSync>().SyncAsync(classId, CancellationToken.None);

    /// <summary>One sync as the background job runs it: a failure is logged by the scheduler, not thrown at anyone.</summary>
    public async Task<Exception?> SyncAsTheJobWouldAsync(Guid classId)
    {
        try
        {
            await SyncAsync(classId);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ex;
        }
    }

    public Task<int> SweepAsync() => App.Services.GetRequiredService<MeetingSweep>().RunDueAsync(CancellationToken.None);

    public async Task<ClassDetail> DetailAsync(Guid classId)
    {
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        return (await owner.ServiceProvider.GetRequiredService<ScheduleService>().GetDetailAsync(classId, CancellationToken.None))!;
    }

    public async Task<ClassMeeting?> RowAsync(Guid classId)
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.ClassMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.ClassSessionId == classId);
    }

    /// <summary>
    /// Syncs until the class is linked. A provider's own notification of the change (Google's push) can start a sync of
    /// its own; while that one holds the row this one steps aside (null), so this waits for the row, not for a call.
    /// </summary>
    public Task SyncUntilLinkedAsync(Guid classId) =>
        Eventually.HoldsAsync(async () =>
        {
            if (await SyncAsync(classId) == MeetingSyncState.Linked)
            {
                return true;
            }

            await MakeAllDueAsync();
            return (await RowAsync(classId))!.State == MeetingSyncState.Linked;
        }, "the class linked to its meeting");

    /// <summary>Every waiting row is due now, as if its retry time (or its lease, or its quota day) had passed.</summary>
    public async Task MakeAllDueAsync()
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        await db.MeetingQuotaPauses.ExecuteDeleteAsync();
        await db.ClassMeetings.Where(m => m.NextAttemptAt != null)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
    }

    /// <summary>The meetings in Zoom that Junocal tagged as this class's.</summary>
    public IReadOnlyList<SandboxMeeting> MeetingsFor(Guid classId) => [.. Zoom.Meetings.Where(m => m.Agenda == AgendaFor(classId))];

    /// <summary>
    /// Zoom no longer accepts the access token Junocal holds (it expired early, or was replaced): the next call gets
    /// 401 code 124 and Junocal must refresh once. The token is swapped both in memory and in the database.
    /// </summary>
    public async Task InvalidateAccessTokenAsync()
    {
        var studioId = await StudioIdAsync();
        const string Stale = "access-token-zoom-no-longer-knows";
        var expiresAt = DateTimeOffset.UtcNow.AddMinutes(50);
        await using (var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext(studioId))
        {
            var row = await db.ZoomAccessTokens.SingleAsync();
            row.Replace(App.Services.GetRequiredService<ITokenVault>().Protect(Stale, TokenPurpose.ZoomAccessToken, studioId), expiresAt);
            await db.SaveChangesAsync();
        }

        App.Services.GetRequiredService<ZoomTokenStore>().Forget(studioId);
    }

    /// <summary>Junocal's access token is past its expiry, so the next call must refresh it first.</summary>
    public async Task ExpireAccessTokenAsync()
    {
        await using (var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            await db.ZoomAccessTokens.ExecuteUpdateAsync(set => set.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-5)));
        }

        App.Services.GetRequiredService<ZoomTokenStore>().Forget(await StudioIdAsync());
    }

    public async Task<Guid> StudioIdAsync()
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.Studios.Where(s => s.Name == "Juno Pilates").Select(s => s.Id).SingleAsync();
    }

    public async Task WaitForWebhooksAsync()
    {
        foreach (var delivery in Zoom.WebhookDeliveries)
        {
            await delivery.Completion.WaitAsync(TimeSpan.FromSeconds(15));
        }
    }
}
