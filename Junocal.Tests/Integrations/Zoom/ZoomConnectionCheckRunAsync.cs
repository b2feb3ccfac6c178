using Junocal.Sandbox.Faults;
using Junocal.Sandbox.Users;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Meetings;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Junocal.Web.Integrations.Zoom;
using Junocal.Web.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Integrations.Zoom;

/// <summary>
/// The connection check (docs/adr/0009): right after connecting, a "Junocal connection check" meeting tells the
/// connected email and is deleted at once. Its fault cells arm the line to Zoom and the database, so they share the
/// meeting fault host and run one after another.
/// </summary>
[Collection(MeetingFaultHosts.Name)]
public class ZoomConnectionCheckRunAsync(JunocalApp host) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly MeetingTestKit _kit = new(host);

    public enum Call
    {
        Create,
        Delete,
    }

    public enum Fault
    {
        ServerError500,
        Timeout,
        DroppedConnection,
        RateLimited,
        DailyLimit,
        DatabaseFailureAfterTheCall,
        LostResponse,
    }

    public static TheoryData<Call, Fault> Cells()
    {
        var cells = new TheoryData<Call, Fault>();
        foreach (var fault in Enum.GetValues<Fault>())
        {
            cells.Add(Call.Create, fault);

            if (fault != Fault.DatabaseFailureAfterTheCall)
            {
                cells.Add(Call.Delete, fault);
            }
        }

        return cells;
    }

    public async ValueTask InitializeAsync() => await host.ResetAsync();

    public async ValueTask DisposeAsync()
    {
        await _kit.WaitForWebhooksAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task NamesTheConnectedEmailRightAfterConnectingAndLeavesNoMeetingBehind()
    {
        await _kit.ConnectZoomAsync();

        var card = await CardAsync();
        Assert.Equal($"Connected as {TestUsers.Owner.Email}", card.Label);
        Assert.Null(card.EmailUnknownBecause);
        Assert.Empty(_kit.Zoom.Meetings);
        var calls = _kit.Zoom.Requests.Where(r => r.Endpoint is SandboxEndpoint.CreateMeeting or SandboxEndpoint.DeleteMeeting).ToList();
        Assert.Equal([SandboxEndpoint.CreateMeeting, SandboxEndpoint.DeleteMeeting], calls.Select(r => r.Endpoint));
        Assert.Equal([201, 204], calls.Select(r => r.StatusCode));
        Assert.Null((await ConnectionAsync()).CheckMeetingId);
    }

    [Fact]
    public async Task FallsBackToTheZoomUserWithTheReasonWhenZoomsDailyLimitIsReachedAndChecksAgainAfterMidnight()
    {
        _kit.Zoom.Faults.Script(SandboxEndpoint.CreateMeeting, FaultKind.DailyLimitReached);
        var before = DateTimeOffset.UtcNow;

        await _kit.ConnectZoomAsync();

        var card = await CardAsync();
        Assert.Equal($"Connected (Zoom user {TestUsers.Owner.Id})", card.Label);
        Assert.StartsWith("Junocal could not check the email yet: Zoom's daily limit for new meetings is reached. It tries again after ",
            card.EmailUnknownBecause, StringComparison.Ordinal);
        var connection = await ConnectionAsync();
        Assert.Contains(connection.CheckDueAt, new DateTimeOffset?[] { MeetingSync.NextUtcMidnight(before), MeetingSync.NextUtcMidnight(DateTimeOffset.UtcNow) });
        Assert.Empty(_kit.Zoom.Meetings);

        await RunDueChecksAsync(); // not due before midnight: nothing happens
        Assert.Equal($"Connected (Zoom user {TestUsers.Owner.Id})", (await CardAsync()).Label);

        await MakeChecksDueAsync();
        await RunDueChecksAsync();

        card = await CardAsync();
        Assert.Equal($"Connected as {TestUsers.Owner.Email}", card.Label);
        Assert.Null(card.EmailUnknownBecause);
        Assert.Empty(_kit.Zoom.Meetings);
    }

    [Fact]
    public async Task DeletesACheckMeetingStillOwedBeforeADisconnectGivesTheGrantUp()
    {
        _kit.Zoom.Faults.Script(SandboxEndpoint.DeleteMeeting, FaultKind.ServerError);
        await _kit.ConnectZoomAsync();
        Assert.Single(_kit.Zoom.Meetings);

        await using (var owner = await host.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            Assert.Equal(ZoomDisconnectOutcome.Disconnected, await owner.ServiceProvider.GetRequiredService<ZoomConnectionService>().DisconnectAsync(Ct));
        }

        Assert.Empty(_kit.Zoom.Meetings);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task LeavesNoMeetingBehindWhateverZoomAnswers(Call call, Fault fault)
    {
        Arm(call, fault);

        await _kit.ConnectZoomAsync();

        Assert.False(host.Faults.Writes.Armed, "The injected database failure was never reached.");
        var meanwhile = await CardAsync();
        var connection = await ConnectionAsync();
        if (call == Call.Create)
        {
            // The label falls back to the Zoom user; a failed call says why, an unrecorded meeting was deleted at once.
            Assert.Equal($"Connected (Zoom user {TestUsers.Owner.Id})", meanwhile.Label);
            Assert.Null(connection.CheckMeetingId);
            Assert.Equal(fault != Fault.DatabaseFailureAfterTheCall, meanwhile.EmailUnknownBecause is not null);
            Assert.Equal(fault == Fault.LostResponse ? 1 : 0, _kit.Zoom.Meetings.Count);
        }
        else
        {
            // The email is known from the create; the delete is owed until Zoom confirms it.
            Assert.Equal($"Connected as {TestUsers.Owner.Email}", meanwhile.Label);
            // A lost delete answer: Zoom deleted it, and the repeated delete gets 3001, which counts as done.
            Assert.Equal(fault == Fault.LostResponse ? 0 : 1, _kit.Zoom.Meetings.Count);
            Assert.NotNull(connection.CheckMeetingId);
            Assert.True(connection.CheckDueAt > DateTimeOffset.UtcNow);
        }

        for (var round = 0; round < 3; round++)
        {
            await MakeChecksDueAsync();
            await RunDueChecksAsync();
        }

        var card = await CardAsync();
        Assert.Equal($"Connected as {TestUsers.Owner.Email}", card.Label);
        Assert.Null(card.EmailUnknownBecause);
        Assert.Null((await ConnectionAsync()).CheckMeetingId);
        if (call == Call.Create && fault == Fault.LostResponse)
        {
            // Zoom made the meeting but its answer never came, so Junocal never learnt its id (docs/adr/0009).
            Assert.Equal(ZoomConnectionCheck.Topic, Assert.Single(_kit.Zoom.Meetings).Topic);
        }
        else
        {
            Assert.Empty(_kit.Zoom.Meetings);
        }
    }

    private void Arm(Call call, Fault fault)
    {
        var endpoint = call == Call.Create ? SandboxEndpoint.CreateMeeting : SandboxEndpoint.DeleteMeeting;
        var method = call == Call.Create ? HttpMethod.Post : HttpMethod.Delete;
        var faults = _kit.Zoom.Faults;
        switch (fault)
        {
            case Fault.ServerError500:
                faults.Script(endpoint, FaultKind.ServerError);
                break;
            case Fault.Timeout:
                faults.Script(endpoint, FaultKind.Hang);
                host.Faults.Line.TimeOutNext(method);
                break;
            case Fault.DroppedConnection:
                faults.Script(endpoint, FaultKind.DropConnection);
                break;
            case Fault.RateLimited:
                faults.Script(endpoint, FaultKind.RateLimited);
                break;
            case Fault.DailyLimit:
                faults.Script(endpoint, FaultKind.DailyLimitReached);
                break;
            case Fault.DatabaseFailureAfterTheCall:
                host.Faults.Writes.FailNextOutcomeWrite();
                break;
            case Fault.LostResponse:
                faults.Script(endpoint, FaultKind.LoseResponse);
                break;
        }
    }

    private async Task<ZoomCard> CardAsync()
    {
        await using var owner = await host.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        return await owner.ServiceProvider.GetRequiredService<ZoomConnectionService>().GetCardAsync(Ct);
    }

    private async Task<ZoomConnection> ConnectionAsync()
    {
        var connection = await host.Services.ConnectionAsync(await host.Services.StudioIdAsync());
        Assert.NotNull(connection);
        return connection;
    }

    private Task RunDueChecksAsync() => host.Services.GetRequiredService<ZoomConnectionCheck>().RunDueAsync(Ct);

    /// <summary>Instead of waiting for a retry time or a lease to pass.</summary>
    private async Task MakeChecksDueAsync()
    {
        await using var db = host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        await db.ZoomConnections.ExecuteUpdateAsync(set => set.SetProperty(c => c.CheckDueAt, (DateTimeOffset?)null), Ct);
    }
}
