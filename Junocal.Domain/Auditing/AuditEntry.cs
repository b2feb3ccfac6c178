namespace Junocal.Domain.Auditing;

/// <summary>
/// An append-only record of something a person or an integration did in a studio. The one change it allows is
/// <see cref="ForgetIdentity"/>: an integration's account identity leaves with the rest of that integration's data.
/// </summary>
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

    /// <summary>Replaces every mention of <paramref name="identities"/> (an email, an account or user id) with <paramref name="replacement"/>.</summary>
    /// <returns>True when the entry mentioned one.</returns>
    public bool ForgetIdentity(IEnumerable<string> identities, string replacement)
    {
        var details = Details;
        foreach (var identity in identities.Where(i => i.Length > 0))
        {
            details = details.Replace(identity, replacement, StringComparison.OrdinalIgnoreCase);
        }

        var changed = details != Details;
        Details = details;
        return changed;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
