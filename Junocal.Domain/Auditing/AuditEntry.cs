namespace Junocal.Domain.Auditing;

/// <summary>An append-only record of something a person or an integration did in a studio.</summary>
public sealed class AuditEntry : IStudioOwned
{
    public const int MaxActorLength = 256;
    public const int MaxActionLength = 100;
    public const int MaxDetailsLength = 2000;

    private AuditEntry(Guid id, Guid studioId, DateTimeOffset occurredAt, string actor, string action, string details,
        Guid? classSessionId)
    {
        Id = id;
        StudioId = studioId;
        OccurredAt = occurredAt;
        Actor = actor;
        Action = action;
        Details = details;
        ClassSessionId = classSessionId;
    }

    public Guid Id { get; private set; }
    public Guid StudioId { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>Who did it: a user's email, or a system actor such as "Zoom".</summary>
    public string Actor { get; private set; }

    /// <summary>A stable, short action name, e.g. "class.scheduled".</summary>
    public string Action { get; private set; }

    /// <summary>The sentence a studio owner reads.</summary>
    public string Details { get; private set; }

    public Guid? ClassSessionId { get; private set; }

    public static AuditEntry Record(Guid studioId, DateTimeOffset occurredAt, string actor, string action, string details,
        Guid? classSessionId = null) =>
        new(Guid.CreateVersion7(), studioId, occurredAt,
            Truncate(actor, MaxActorLength), Text.Required(action, "Action", MaxActionLength),
            Truncate(details, MaxDetailsLength), classSessionId);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
