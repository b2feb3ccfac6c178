using Junocal.Domain;
using Junocal.Domain.Meetings;
using Junocal.Domain.Scheduling;

namespace Junocal.Tests.Domain.Meetings;

/// <summary>A class's meeting row changes only through named transitions, none of which leaves it inconsistent.</summary>
public class ClassMeetingTransitions
{
    private static readonly DateTimeOffset Now = ClassSessionBuilder.Now;
    private static readonly CreatedMeeting Meeting = new("81234567890", "https://zoom.example/j/81234567890", "pw", null, null);

    [Fact]
    public void AZoomClassWantsAMeetingThatIsDueAtOnce()
    {
        var row = ClassMeeting.Want(ZoomClass(), Now);

        Assert.Equal(MeetingSyncState.Pending, row.State);
        Assert.Equal(LocationKind.Zoom, row.Provider);
        Assert.Equal(Now, row.NextAttemptAt);
        Assert.False(row.HasMeeting);
    }

    [Fact]
    public void AnInPersonOrCancelledClassWantsNoMeeting()
    {
        var cancelled = ZoomClass();
        cancelled.Cancel(null, Now);

        Assert.Throws<DomainException>(() => ClassMeeting.Want(new ClassSessionBuilder().Build(), Now));
        Assert.Throws<DomainException>(() => ClassMeeting.Want(cancelled, Now));
    }

    [Fact]
    public void AClaimedRowIsNotDueUntilItsLeaseRunsOutAndTheQueryAgrees()
    {
        var claimed = ClassMeeting.Want(ZoomClass(), Now);
        claimed.Claim(Now.AddMinutes(2));
        var linked = ClassMeeting.Want(ZoomClass(), Now);
        linked.Linked(Meeting, "fingerprint");
        var retrying = ClassMeeting.Want(ZoomClass(), Now);
        retrying.Retry(Now.AddSeconds(2), "Zoom answered 500.");
        var isDue = ClassMeeting.IsDue(Now.AddMinutes(1)).Compile();

        Assert.False(claimed.IsDueAt(Now.AddMinutes(1)));
        Assert.True(claimed.IsDueAt(Now.AddMinutes(2)));
        Assert.False(linked.IsDueAt(Now.AddMinutes(1)));
        Assert.True(retrying.IsDueAt(Now.AddMinutes(1)));
        Assert.All(new[] { claimed, linked, retrying }, row => Assert.Equal(isDue(row), row.IsDueAt(Now.AddMinutes(1))));
    }

    [Fact]
    public void OnlyARowWithAMeetingCanBeSettled()
    {
        var row = ClassMeeting.Want(ZoomClass(), Now);

        Assert.Throws<DomainException>(() => row.Settled("fingerprint"));
        Assert.Equal(MeetingSyncState.Pending, row.State);
    }

    [Fact]
    public void LinkingRecordsTheMeetingAndClearsWhatWasPending()
    {
        var row = ClassMeeting.Want(ZoomClass(), Now);
        row.Retry(Now.AddSeconds(2), "Zoom answered 500.");

        row.Linked(Meeting, "fingerprint");

        Assert.Equal(MeetingSyncState.Linked, row.State);
        Assert.Equal(Meeting.JoinUrl, row.JoinUrl);
        Assert.Null(row.NextAttemptAt);
        Assert.Null(row.LastError);
        Assert.Equal(0, row.Attempts);
    }

    [Fact]
    public void AClassCannotSwitchProviderWhileTheOldOneHoldsItsMeeting()
    {
        var row = ClassMeeting.Want(ZoomClass(), Now);
        row.Linked(Meeting, "fingerprint");

        Assert.Throws<DomainException>(() => row.SwitchTo(LocationKind.GoogleMeet));

        row.Forget();
        row.SwitchTo(LocationKind.GoogleMeet);
        Assert.Equal(LocationKind.GoogleMeet, row.Provider);
    }

    [Theory]
    [InlineData(MeetingSyncState.Pending)]
    [InlineData(MeetingSyncState.Linked)]
    [InlineData(MeetingSyncState.Retrying)]
    public void OnlyAReasonToWaitCanDeferARow(MeetingSyncState state)
    {
        var row = ClassMeeting.Want(ZoomClass(), Now);

        Assert.Throws<DomainException>(() => row.Defer(state, null, "why"));
    }

    [Fact]
    public void ADisconnectTakesTheLinkAndSaysALinkIsNeeded()
    {
        var row = ClassMeeting.Want(ZoomClass(), Now);
        row.Linked(Meeting, "fingerprint");

        row.Disconnected("Zoom was disconnected.");

        Assert.Equal(MeetingSyncState.LinkNeeded, row.State);
        Assert.False(row.HasMeeting);
        Assert.Null(row.JoinUrl);
        Assert.True(row.WaitsForItsProvider);
    }

    [Fact]
    public void EveryTransitionMovesTheVersionSoTwoWritersCannotBothWin()
    {
        var row = ClassMeeting.Want(ZoomClass(), Now);
        var versions = new List<int> { row.Version };

        row.Claim(Now.AddMinutes(2));
        versions.Add(row.Version);
        row.Linked(Meeting, "fingerprint");
        versions.Add(row.Version);
        row.MarkPending(Now);
        versions.Add(row.Version);

        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    private static ClassSession ZoomClass() => new ClassSessionBuilder().At(Location.Zoom()).Build();
}
