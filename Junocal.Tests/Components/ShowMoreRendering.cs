using Bunit;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Components.Shared;

namespace Junocal.Tests.Components;

/// <summary>The "Show more" under a paged list.</summary>
public class ShowMoreRendering : JunocalBunitContext
{
    [Fact]
    public void SaysHowManyOfHowManyAreShownAndAsksForTheNextPage()
    {
        var asked = 0;
        var more = Render<ShowMore>(p => p.Add(m => m.Shown, 20).Add(m => m.Total, 500).Add(m => m.What, "upcoming bookings")
            .Add(m => m.OnMore, () => asked++));

        Assert.Equal("Showing 20 of 500 upcoming bookings.", more.Find("[role=status]").TextContent.Trim());
        Assert.Equal("polite", more.Find("[role=status]").GetAttribute("aria-live"));
        more.Find("button").Click();
        Assert.Equal(1, asked);
        Assert.Equal("Show more upcoming bookings", more.Find("button").TextContent.Trim());
    }

    [Fact]
    public void ShowsNothingOnceEverythingIsShown()
    {
        var more = Render<ShowMore>(p => p.Add(m => m.Shown, 7).Add(m => m.Total, 7).Add(m => m.What, "past bookings"));

        Assert.Empty(more.FindAll("button"));
    }

    [Fact]
    public void WithoutATotalOffersMoreOnlyWhenMoreFollow()
    {
        var more = Render<ShowMore>(p => p.Add(m => m.Shown, 25).Add(m => m.More, true).Add(m => m.What, "classes"));
        var last = Render<ShowMore>(p => p.Add(m => m.Shown, 25).Add(m => m.More, false).Add(m => m.What, "classes"));

        Assert.Equal("Showing the first 25 classes.", more.Find("[role=status]").TextContent.Trim());
        Assert.Empty(last.FindAll("button"));
    }
}
