namespace Junocal.Web.Meetings;

/// <summary>Runs the sync of some classes soon, each class's syncs one at a time. The background jobs provide it.</summary>
public interface IMeetingSyncTrigger
{
    Task RunSoonAsync(IEnumerable<Guid> classIds, CancellationToken cancellationToken);
}

/// <summary>Without background jobs in this process, the sweep (or a test) runs the work.</summary>
internal sealed class SweepOnlyTrigger : IMeetingSyncTrigger
{
    public Task RunSoonAsync(IEnumerable<Guid> classIds, CancellationToken cancellationToken) => Task.CompletedTask;
}
