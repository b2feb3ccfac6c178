using Junocal.Domain.Scheduling;
using Junocal.Sandbox.Faults;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Meetings;
using Junocal.Domain.Meetings;
using Junocal.Web.Integrations.Zoom;
using Junocal.Web.Meetings;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Integrations.Zoom;

/// <summary>A studio's calls to Zoom, however many are made at once, stay under the sandbox's 20 a second; a 429 slows them.</summary>
public class ZoomApiClientPacing(JunocalApp app) : ZoomAppTest(app)
{
    [Fact]
    public async Task FortyFiveCreatesStartedAtOnceAllSucceedWithoutAPerSecond429()
    {
        var kit = new MeetingTestKit(App);
        await kit.ConnectZoomAsync();
        var studio = await kit.StudioIdAsync();
        var provider = Services.GetRequiredService<MeetingProviders>().Find(LocationKind.Zoom)!;
        var desired = new DesiredMeeting(Guid.NewGuid(), LocationKind.Zoom, "Paced", TestCalendar.NextYearOn(2, 3).AddHours(9), 45, "Europe/London");

        var results = await Task.WhenAll(Enumerable.Range(0, 45).Select(_ => Task.Run(() => provider.CreateAsync(studio, desired, Ct), Ct)));

        Assert.All(results, r => Assert.Equal(MeetingCallOutcome.Succeeded, r.Outcome));
        Assert.DoesNotContain(kit.Zoom.Requests, r => r.StatusCode == 429);
    }

    [Fact]
    public async Task APerSecond429WithRetryAfterSlowsTheStudiosPace()
    {
        var kit = new MeetingTestKit(App);
        await kit.ConnectZoomAsync();
        var studio = await kit.StudioIdAsync();
        var pacer = Services.GetRequiredService<ZoomRequestPacer>();
        var before = pacer.PaceOf(studio);
        kit.Zoom.Faults.Script(SandboxEndpoint.CreateMeeting, FaultKind.RateLimited, retryAfter: TimeSpan.FromSeconds(1));
        var provider = Services.GetRequiredService<MeetingProviders>().Find(LocationKind.Zoom)!;
        var desired = new DesiredMeeting(Guid.NewGuid(), LocationKind.Zoom, "Throttled", TestCalendar.NextYearOn(2, 3).AddHours(9), 45, "Europe/London");

        var result = await provider.CreateAsync(studio, desired, Ct);

        Assert.Equal(MeetingCallOutcome.Transient, result.Outcome);
        Assert.True(pacer.PaceOf(studio) < before, $"pace {pacer.PaceOf(studio)} after a 429, {before} before");
    }
}
