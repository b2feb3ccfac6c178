using Junocal.Web.Meetings;
using Junocal.Web.Security;
using Microsoft.AspNetCore.Components;

namespace Junocal.Web.Components.Shared;

/// <summary>
/// A page that shows classes' join links and keeps them current while it is open: when the link state of a class it
/// shows changes — in this app instance, or on another one (<see cref="MeetingChanges"/>) — it re-reads what it shows
/// and renders again. It follows only the signed-in person's studio, and stops when the circuit closes the page.
/// </summary>
public abstract class LiveLinksPage : ComponentBase, IDisposable
{
    private IDisposable? _watch;
    private Guid _studioId;
    private bool _reloading;
    private bool _again;
    private bool _disposed;

    [Inject] private MeetingChanges LinkChanges { get; set; } = null!;

    [Inject] private CurrentUser Viewer { get; set; } = null!;

    /// <summary>Whether the page shows <paramref name="classId"/>, whose link state just changed in this instance.</summary>
    protected abstract bool ShowsClass(Guid classId);

    /// <summary>Reads again what the page shows.</summary>
    protected abstract Task ReloadAsync();

    public override Task SetParametersAsync(ParameterView parameters)
    {
        // Follow before the page's first read, so a change saved while it reads is not missed.
        if (_watch is null && !_disposed && RendererInfo.IsInteractive && Viewer.StudioIdOrEmpty is var studioId && studioId != Guid.Empty)
        {
            _studioId = studioId;
            _watch = LinkChanges.Watch(studioId, OnLinkChanged);
        }

        return base.SetParametersAsync(parameters);
    }

    private void OnLinkChanged(Guid? classId)
    {
        if (!_disposed)
        {
            _ = InvokeAsync(() => FollowAsync(classId));
        }
    }

    private async Task FollowAsync(Guid? classId)
    {
        if (_disposed || Viewer.StudioIdOrEmpty != _studioId || (classId is { } id && !ShowsClass(id)))
        {
            return;
        }

        if (_reloading)
        {
            _again = true; // one more read once the running one ends, however many changes come meanwhile
            return;
        }

        _reloading = true;
        try
        {
            do
            {
                _again = false;
                await ReloadAsync();
                if (!_disposed)
                {
                    StateHasChanged();
                }
            }
            while (_again && !_disposed);
        }
        catch (Exception ex)
        {
            if (!_disposed)
            {
                await DispatchExceptionAsync(ex); // as if the read had failed in an event handler
            }
        }
        finally
        {
            _reloading = false;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _watch?.Dispose();
        GC.SuppressFinalize(this);
    }
}
