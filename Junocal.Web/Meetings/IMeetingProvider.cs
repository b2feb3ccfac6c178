using Junocal.Domain.Meetings;
using Junocal.Domain.Scheduling;

namespace Junocal.Web.Meetings;

/// <summary>
/// One meeting provider (Zoom, Google Meet) as the meeting sync and the scheduler see it: whether a studio is
/// connected, and create / update / delete on the studio's own account, each answer classified for the sync.
/// Implementations never retry: retries belong to <see cref="MeetingSync"/>, which knows what already happened.
/// Register one per provider with <c>AddSingleton&lt;IMeetingProvider, …&gt;()</c>; <see cref="MeetingProviders"/>
/// finds them by kind.
/// </summary>
public interface IMeetingProvider
{
    /// <summary>The location kind whose link this provider generates.</summary>
    LocationKind Kind { get; }

    /// <summary>The provider's name as people know it ("Zoom"), for the texts the owner and clients read.</summary>
    string DisplayName { get; }

    /// <summary>
    /// A create repeated after a lost answer finds the meeting the first one made (the provider takes an id Junocal
    /// chooses), so no create is ever uncertain and none needs undoing.
    /// </summary>
    bool CreatesIdempotently => false;

    /// <summary>
    /// How many meetings the provider lets one account create or change a day, when it limits them (its answer at the
    /// limit is <see cref="MeetingCallOutcome.DailyLimit"/>); null when it does not. The quota plan spreads waiting
    /// classes over the days ahead by it.
    /// </summary>
    int? DailyChangeLimit { get; }

    Task<MeetingProviderStatus> GetStatusAsync(Guid studioId, CancellationToken cancellationToken);

    Task<MeetingCallResult> CreateAsync(Guid studioId, DesiredMeeting desired, CancellationToken cancellationToken);

    /// <summary>An update whose answer carries <see cref="MeetingCallResult.Created"/> tells the meeting's link as it is now, to notice a change.</summary>
    Task<MeetingCallResult> UpdateAsync(Guid studioId, string externalId, DesiredMeeting desired, CancellationToken cancellationToken);

    /// <summary>
    /// Reads back a meeting created without its join link (a provider that makes links asynchronously): the meeting
    /// with its link once ready, without it while still in the making, <see cref="MeetingCallOutcome.NotFound"/> when
    /// gone. A provider whose create always returns the link never gets this call.
    /// </summary>
    Task<MeetingCallResult> ReadAsync(Guid studioId, string externalId, DesiredMeeting desired, CancellationToken cancellationToken) =>
        Task.FromResult(new MeetingCallResult(MeetingCallOutcome.Rejected, Reason: $"{DisplayName} returned a meeting without a link."));

    /// <summary>A meeting already gone counts as deleted.</summary>
    Task<MeetingCallResult> DeleteAsync(Guid studioId, string externalId, CancellationToken cancellationToken);
}
