using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Integrations.Zoom;

/// <summary>A test on the shared host with shorthands for the Zoom tests (the reset empties the sandbox too).</summary>
public abstract class ZoomAppTest(JunocalApp app) : AppTest(app)
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected IServiceProvider Services => App.Services;
}
