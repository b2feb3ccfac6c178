namespace Junocal.Web.Meetings;

/// <summary>Runs a studio's due meeting work soon. The background jobs provide it (<see cref="MeetingWork"/>).</summary>
public interface IMeetingSyncTrigger
{
    Task RunSoonAsync(Guid studioId, CancellationToken cancellationToken);
}

/// <summary>Without background jobs in this process, the sweep (or a test) runs the work.</summary>
internal sealed class SweepOnlyTrigger : IMeetingSyncTrigger
{
    public Task RunSoonAsync(Guid studioId, CancellationToken cancellationToken) => Task.CompletedTask;
}
