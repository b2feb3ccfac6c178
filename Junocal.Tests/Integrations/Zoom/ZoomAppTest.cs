using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Integrations.Zoom;

/// <summary>A test on the shared host that also starts from an empty Zoom sandbox.</summary>
public abstract class ZoomAppTest(JunocalApp app) : AppTest(app)
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected IServiceProvider Services => App.Services;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.Sandbox().Reset();
    }
}
