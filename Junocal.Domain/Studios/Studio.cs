namespace Junocal.Domain.Studios;

public sealed class Studio
{
    public const int MaxNameLength = 200;

    private Studio(Guid id, string name, string timeZoneId)
    {
        Id = id;
        Name = name;
        TimeZoneId = timeZoneId;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }

    /// <summary>IANA zone id, e.g. Europe/London. Every time a person sees is in this zone.</summary>
    public string TimeZoneId { get; private set; }

    public StudioTimeZone TimeZone => new(TimeZoneId);

    public static Studio Create(string name, string timeZoneId)
    {
        var trimmed = Text.Required(name, "Studio name", MaxNameLength);
        _ = new StudioTimeZone(timeZoneId);
        return new Studio(Guid.CreateVersion7(), trimmed, timeZoneId);
    }
}
