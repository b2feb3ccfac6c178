using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Meetings;

/// <summary>
/// The meeting fault tests share a host of their own: they arm the line to Zoom and the database (<see cref="TestFaults"/>)
/// and run one after another, in parallel with the rest of the suite.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MeetingFaultHosts : ICollectionFixture<JunocalApp>
{
    public const string Name = "meeting-faults";
}
