using Junocal.Domain.Meetings;
using Junocal.Domain.Scheduling;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Meetings;

namespace Junocal.Tests.Features.Bookings;

public class JoinLinkFor
{
    private const string Url = "https://zoom.us/j/81234567890";
    private static readonly Location Zoom = Location.Zoom();

    [Theory]
    [InlineData(MeetingSyncState.Pending, "The Zoom link will appear here shortly.")]
    [InlineData(MeetingSyncState.Retrying, "The Zoom link will appear here shortly.")]
    [InlineData(MeetingSyncState.WaitingReconnect, "The Zoom link will appear here shortly.")]
    [InlineData(MeetingSyncState.DailyLimit, "The Zoom link will be here after 00:00 UTC.")]
    [InlineData(MeetingSyncState.Failed, "The studio is arranging a new link.")]
    [InlineData(MeetingSyncState.LinkNeeded, "The studio is arranging a new link.")]
    public void GivesClientsNoUrlAndAPlainReasonUntilTheMeetingIsLinked(MeetingSyncState state, string why)
    {
        var link = JoinLink.For(Zoom, ClassStatus.Scheduled, new MeetingSnapshot(null, state, 1, null, "Zoom answered 500."))!;

        Assert.Null(link.Url);
        Assert.Equal(why, link.WhyNone);
    }

    [Fact]
    public void SaysTheLinkWasRemovedWhenTheMeetingWasDeletedAtTheProvider()
    {
        var link = JoinLink.For(Zoom, ClassStatus.Scheduled, meeting: null, meetingDeletedAtProvider: true)!;

        Assert.Null(link.Url);
        Assert.Equal(LinkStatus.RemovedAtProvider, link.Status);
        Assert.Equal("The studio is arranging a new link.", link.WhyNone);
        Assert.Equal("Zoom link removed — the meeting was deleted in Zoom. Reschedule to regenerate, or switch to a custom link.", link.Describe());
    }

    [Fact]
    public void NamesTheProviderOfTheClass()
    {
        var link = JoinLink.For(Location.GoogleMeet(), ClassStatus.Scheduled, new MeetingSnapshot(null, MeetingSyncState.WaitingReconnect, 0, null, null))!;

        Assert.Equal("Waiting for Google Meet reconnect", link.Describe());
        Assert.Equal("The Google Meet link will appear here shortly.", link.WhyNone);
    }

    [Fact]
    public void KeepsTheLiveUrlWhileAnUpdateRetriesAndSaysSoToStaff()
    {
        var at = TestCalendar.Utc(TestCalendar.FakeNow.UtcDateTime, 3, 4).AddSeconds(5);

        var link = JoinLink.For(Zoom, ClassStatus.Scheduled, new MeetingSnapshot(Url, MeetingSyncState.Retrying, 2, at, "Zoom did not answer in time."))!;

        Assert.Equal(Url, link.Url);
        Assert.Equal("Retrying (attempt 2, next at 03:04:05 UTC): Zoom did not answer in time.", link.Describe());
    }

    [Fact]
    public void NeverHandsOutTheLinkOfACancelledClass()
    {
        var link = JoinLink.For(Zoom, ClassStatus.Cancelled, new MeetingSnapshot(Url, MeetingSyncState.Pending, 0, null, null))!;

        Assert.Null(link.Url);
        Assert.Equal("The class was cancelled.", link.Describe());
    }

    [Fact]
    public void SaysLinkReadyOnceLinked()
    {
        var link = JoinLink.For(Zoom, ClassStatus.Scheduled, new MeetingSnapshot(Url, MeetingSyncState.Linked, 0, null, null))!;

        Assert.Equal(Url, link.Url);
        Assert.Equal("Link ready", link.Describe());
    }
}
