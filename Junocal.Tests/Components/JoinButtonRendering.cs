using Bunit;
using Junocal.Domain.Scheduling;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Meetings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Junocal.Tests.Components;

/// <summary>A booking's Join button through the join moment, on a fake clock.</summary>
public class JoinButtonRendering : JunocalBunitContext
{
    private const string Url = "https://zoom.sandbox.test/sandbox/zoom/j/81234567890?pwd=abc";

    // Tuesday 10 March, 18:00–18:45 in London (GMT, so the same in UTC), the evening of the fake clock's day.
    private static readonly DateTimeOffset Start = TestCalendar.Utc(TestCalendar.FakeNow.UtcDateTime, 18);

    private readonly FakeTimeProvider _clock = new();

    public JoinButtonRendering() => Services.AddSingleton<TimeProvider>(_clock);

    [Fact]
    public void MoreThanFifteenMinutesBeforeStillJoinsAndSaysWhenTheClassStarts()
    {
        _clock.SetUtcNow(Start.AddMinutes(-60));

        var join = Render<JoinButton>(p => p.Add(b => b.Booking, Booking(Url)).Add(b => b.FullWidth, true)).Find("[data-testid=join]");

        Assert.Equal(Url, join.GetAttribute("href"));
        Assert.Equal("Join — starts Tue 10 Mar at 18:00", join.TextContent.Trim());
        Assert.Contains("mud-button-outlined", join.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void WithinFifteenMinutesIsTheProminentJoinNowWithTheMinutesLeft()
    {
        _clock.SetUtcNow(Start.AddMinutes(-12));

        var join = Render<JoinButton>(p => p.Add(b => b.Booking, Booking(Url)).Add(b => b.FullWidth, true)).Find("[data-testid=join]");

        Assert.Equal(Url, join.GetAttribute("href"));
        Assert.Equal("Join now — starts in 12 min", join.TextContent.Trim());
        Assert.Contains("mud-button-filled", join.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void WhileTheClassRunsIsJoinNowUntilItsEnd()
    {
        _clock.SetUtcNow(Start.AddMinutes(10));

        var join = Render<JoinButton>(p => p.Add(b => b.Booking, Booking(Url)).Add(b => b.FullWidth, true)).Find("[data-testid=join]");

        Assert.Equal(Url, join.GetAttribute("href"));
        Assert.Equal("Join now — on until 18:45", join.TextContent.Trim());
        Assert.Contains("mud-button-filled", join.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void InTheDesktopTableSaysJustJoinUntilTheMomentComes()
    {
        _clock.SetUtcNow(Start.AddMinutes(-60));
        var cut = Render<JoinButton>(p => p.Add(b => b.Booking, Booking(Url)));
        Assert.Equal("Join", cut.Find("[data-testid=join]").TextContent.Trim());

        _clock.Advance(TimeSpan.FromMinutes(50));

        cut.WaitForAssertion(() => Assert.Equal("Join now — starts in 10 min", cut.Find("[data-testid=join]").TextContent.Trim()));
    }

    [Fact]
    public void AfterTheEndOffersNoLink()
    {
        _clock.SetUtcNow(Start.AddMinutes(45));

        var cut = Render<JoinButton>(p => p.Add(b => b.Booking, Booking(Url)).Add(b => b.FullWidth, true));

        Assert.Empty(cut.FindAll("a"));
        Assert.Equal("This class has ended.", cut.Find("[data-testid=join-note]").TextContent.Trim());
    }

    [Theory]
    [InlineData("The studio is arranging a new link.")]
    [InlineData("The class was cancelled.")]
    public void WithoutALinkSaysWhyInTheClientsWordsEvenAtStartTime(string why)
    {
        _clock.SetUtcNow(Start.AddMinutes(-5));

        var cut = Render<JoinButton>(p => p.Add(b => b.Booking, Booking(null, why)));

        Assert.Empty(cut.FindAll("a"));
        Assert.Equal(why, cut.Find("[data-testid=join-note]").TextContent.Trim());
    }

    [Fact]
    public void FollowsTheClockFromStartsAtToJoinNowToEnded()
    {
        _clock.SetUtcNow(Start.AddMinutes(-16));
        var cut = Render<JoinButton>(p => p.Add(b => b.Booking, Booking(Url)).Add(b => b.FullWidth, true));
        Assert.Equal("Join — starts Tue 10 Mar at 18:00", cut.Find("[data-testid=join]").TextContent.Trim());

        _clock.Advance(TimeSpan.FromMinutes(2));
        cut.WaitForAssertion(() => Assert.Equal("Join now — starts in 14 min", cut.Find("[data-testid=join]").TextContent.Trim()));

        _clock.Advance(TimeSpan.FromMinutes(60));
        cut.WaitForAssertion(() => Assert.Equal("This class has ended.", cut.Find("[data-testid=join-note]").TextContent.Trim()));
    }

    [Fact]
    public void InPersonClassesHaveNothingToJoin()
    {
        _clock.SetUtcNow(Start.AddMinutes(-5));
        var booking = Booking(Url) with { LocationKind = LocationKind.InPerson, LocationText = "Studio A", Join = null };

        var cut = Render<JoinButton>(p => p.Add(b => b.Booking, booking));

        Assert.Empty(cut.Markup.Trim());
    }

    private static MyBooking Booking(string? url, string? whyNone = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "Evening Flow", Start, Start.UtcDateTime, 45, "Maya Chen",
            LocationKind.Zoom, "Online · Zoom", new JoinLink(url, StatusSaying(whyNone), "Zoom"), ClassCancelled: false, IsPast: false);

    private static LinkStatus StatusSaying(string? whyNone) => whyNone switch
    {
        null => LinkStatus.Ready,
        "The class was cancelled." => LinkStatus.ClassCancelled,
        "The studio is arranging a new link." => LinkStatus.RemovedAtProvider,
        _ => LinkStatus.Creating,
    };
}
