using Bunit;
using Junocal.Domain.Scheduling;
using Junocal.Web.Features.Scheduling;
using Junocal.Web.Meetings;
using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Components;

public class LocationPickerRendering : JunocalBunitContext
{
    private static readonly MeetingProviderStatus ZoomOff =
        new(LocationKind.Zoom, false, "Connect Zoom in Settings → Integrations", MeetingProviderStatus.IntegrationsUrl);
    private static readonly MeetingProviderStatus MeetOff =
        new(LocationKind.GoogleMeet, false, "Connect Google Meet in Settings → Integrations", MeetingProviderStatus.IntegrationsUrl);

    [Fact]
    public void DisablesTheAutoOptionsWithTheReasonAndALinkWhenNothingIsConnected()
    {
        var cut = Render<LocationPicker>(p => p.Add(x => x.Providers, [ZoomOff, MeetOff]));

        Assert.True(RadioInput(cut, "location-zoom").HasAttribute("disabled"));
        Assert.True(RadioInput(cut, "location-googlemeet").HasAttribute("disabled"));
        Assert.False(RadioInput(cut, "location-inperson").HasAttribute("disabled"));
        var reason = cut.Find("[data-testid=location-zoom-reason]");
        Assert.Contains("Connect Zoom in Settings → Integrations", reason.TextContent, StringComparison.Ordinal);
        Assert.Equal("/settings/integrations", reason.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void EnablesZoomWithoutAReasonOnceItIsConnected()
    {
        var zoomOn = ZoomOff with { IsConnected = true, WhyNot = null };

        var cut = Render<LocationPicker>(p => p.Add(x => x.Providers, [zoomOn, MeetOff]));

        Assert.False(RadioInput(cut, "location-zoom").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=location-zoom-reason]"));
        Assert.True(RadioInput(cut, "location-googlemeet").HasAttribute("disabled"));
    }

    [Fact]
    public void KeepsAClassesCurrentProviderSelectableAfterItDisconnects()
    {
        var cut = Render<LocationPicker>(p => p
            .Add(x => x.Providers, [ZoomOff, MeetOff])
            .Add(x => x.Kind, LocationKind.Zoom)
            .Add(x => x.CurrentKind, LocationKind.Zoom));

        Assert.False(RadioInput(cut, "location-zoom").HasAttribute("disabled"));
    }

    [Fact]
    public void ReportsTheChosenKind()
    {
        LocationKind? chosen = null;
        var cut = Render<LocationPicker>(p => p
            .Add(x => x.Providers, [ZoomOff, MeetOff])
            .Add(x => x.KindChanged, kind => chosen = kind));

        RadioInput(cut, "location-customlink").Click();

        Assert.Equal(LocationKind.CustomLink, chosen);
    }

    private static AngleSharp.Dom.IElement RadioInput(IRenderedComponent<LocationPicker> cut, string testId) =>
        cut.Find($"input[type=radio][data-testid={testId}]");
}
