using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Operations;

/// <summary>The web app manifest and icons that let a client add Junocal to their home screen.</summary>
public class WebAppManifest(JunocalApp app) : AppTest(app)
{
    [Fact]
    public async Task EveryPageLinksTheManifest()
    {
        using var client = App.CreateBrowserlikeClient();

        var page = await client.GetStringAsync("/Account/Login");

        Assert.Contains("<link rel=\"manifest\" href=\"manifest.webmanifest\"", page, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"theme-color\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribesAnInstallableStandaloneAppWithItsIconsOnThisSite()
    {
        using var client = App.CreateBrowserlikeClient();

        var response = await client.GetAsync("/manifest.webmanifest");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType!.MediaType);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = manifest.RootElement;
        Assert.Equal("Junocal", root.GetProperty("name").GetString());
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        Assert.Equal("/", root.GetProperty("start_url").GetString());
        var icons = root.GetProperty("icons").EnumerateArray().ToList();
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "192x192" && i.GetProperty("purpose").GetString() == "any");
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "512x512" && i.GetProperty("purpose").GetString() == "any");
        Assert.Contains(icons, i => i.GetProperty("purpose").GetString() == "maskable");
        foreach (var icon in icons)
        {
            var src = icon.GetProperty("src").GetString()!;
            Assert.StartsWith("/", src, StringComparison.Ordinal); // same origin: no other site is asked for anything
            await AssertPngOfSizeAsync(client, src, icon.GetProperty("sizes").GetString()!);
        }
    }

    private static async Task AssertPngOfSizeAsync(HttpClient client, string src, string sizes)
    {
        var response = await client.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        // A PNG's IHDR chunk follows the 8-byte signature: length, "IHDR", then width and height, big-endian.
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
        Assert.Equal(sizes, $"{width}x{height}");
    }
}
