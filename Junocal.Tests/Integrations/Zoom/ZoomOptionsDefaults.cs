using Junocal.Web.Integrations.Zoom;

namespace Junocal.Tests.Integrations.Zoom;

/// <summary>Where Junocal talks to Zoom unless configured otherwise.</summary>
public class ZoomOptionsDefaults
{
    [Fact]
    public void TalksToZoomOnlyOverHttps()
    {
        var options = new ZoomOptions();

        Assert.All(new[] { options.AuthorizeUrl, options.TokenUrl, options.RevokeUrl, options.ApiBaseUrl },
            url => Assert.Equal(Uri.UriSchemeHttps, url.Scheme));
        Assert.All(new[] { options.AuthorizeUrl, options.TokenUrl, options.RevokeUrl }, url => Assert.Equal("zoom.us", url.Host));
        Assert.Equal("api.zoom.us", options.ApiBaseUrl.Host);
    }
}
