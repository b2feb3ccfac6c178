using System.Net;
using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Operations;

public class HealthEndpoints(JunocalApp app) : AppTest(app)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task AnswerHealthyWithoutSigningIn(string path)
    {
        using var client = App.CreateBrowserlikeClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
