namespace Junocal.Tests.Infrastructure;

/// <summary>
/// A test on the shared host that starts from the two freshly seeded demo studios, empty Zoom and Google sandboxes, no
/// emails, no armed faults and no captured logs (<see cref="JunocalApp.ResetAsync"/>).
/// </summary>
[Collection(SharedAppHost.Name)]
public abstract class AppTest(JunocalApp app) : IAsyncLifetime
{
    protected JunocalApp App { get; } = app;

    public virtual async ValueTask InitializeAsync() => await App.ResetAsync();

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
