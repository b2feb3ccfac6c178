namespace Junocal.Web.Meetings;

/// <summary>Creates, updates and deletes meetings at one provider, on a studio's own account. Never retries.</summary>
public interface IMeetingProviderClient
{
    Task<MeetingCallResult> CreateAsync(Guid studioId, DesiredMeeting desired, CancellationToken cancellationToken);

    Task<MeetingCallResult> UpdateAsync(Guid studioId, string externalId, DesiredMeeting desired, CancellationToken cancellationToken);

    /// <summary>A meeting already gone counts as deleted.</summary>
    Task<MeetingCallResult> DeleteAsync(Guid studioId, string externalId, CancellationToken cancellationToken);
}
