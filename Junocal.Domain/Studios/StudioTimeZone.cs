namespace Junocal.Domain.Studios;

/// <summary>
/// Converts between a studio's wall clock and UTC instants, refusing the local times that do not exist
/// (spring-forward gap) or exist twice (fall-back overlap) instead of silently picking one.
/// </summary>
public sealed class StudioTimeZone
{
    private readonly TimeZoneInfo _zone;

    public StudioTimeZone(string ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId) || !TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone))
        {
            throw new DomainException($"\"{ianaId}\" is not a known time zone. Use an IANA name such as Europe/London.");
        }

        _zone = zone;
        Id = ianaId;
    }

    public string Id { get; }

    public DateTimeOffset ToUtc(DateTime localTime)
    {
        var local = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        if (_zone.IsInvalidTime(local))
        {
            throw new DomainException(
                $"{local:d MMM yyyy HH:mm} does not exist in {Id}: the clocks go forward then. Pick a time outside the change.");
        }

        if (_zone.IsAmbiguousTime(local))
        {
            throw new DomainException(
                $"{local:d MMM yyyy HH:mm} happens twice in {Id}: the clocks go back then. Pick a time outside the change.");
        }

        var offset = _zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone).DateTime;

    public DateTimeOffset ToLocalOffset(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);
}
