namespace Junocal.Web.Features.Scheduling;

/// <summary>
/// The outcome of a command a person ran: done, refused with messages (per field where one is to blame),
/// or overtaken by someone else's change.
/// </summary>
public sealed record CommandResult(bool Succeeded, IReadOnlyDictionary<string, string> Errors, bool IsConflict)
{
    public const string General = "";

    /// <summary>The classes a successful command created or changed.</summary>
    public IReadOnlyList<Guid> ClassIds { get; init; } = [];

    public static CommandResult Done(params Guid[] classIds) => Success with { ClassIds = classIds };

    public static CommandResult Success { get; } = new(true, new Dictionary<string, string>(), false);

    public static CommandResult Conflict { get; } = new(false, new Dictionary<string, string>
    {
        [General] = "Someone else changed this class while you were editing. It has been reloaded; check it and try again.",
    }, true);

    public static CommandResult Invalid(IReadOnlyDictionary<string, string> errors) => new(false, errors, false);

    public static CommandResult Refused(string message) => Invalid(new Dictionary<string, string> { [General] = message });

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);
}
