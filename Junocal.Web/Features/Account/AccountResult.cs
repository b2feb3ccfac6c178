namespace Junocal.Web.Features.Account;

/// <summary>The outcome of an account command: done, or refused with a message per field (<see cref="General"/> for the form).</summary>
public sealed record AccountResult(bool Succeeded, IReadOnlyDictionary<string, string> Errors)
{
    public const string General = "";

    /// <summary>The account the command created or changed.</summary>
    public string? UserId { get; init; }

    public static AccountResult Done(string? userId = null) => new(true, new Dictionary<string, string>()) { UserId = userId };

    public static AccountResult Invalid(IReadOnlyDictionary<string, string> errors) => new(false, errors);

    public static AccountResult Refused(string message) => Invalid(new Dictionary<string, string> { [General] = message });

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);
}

/// <summary>A new account's details as the person typed them.</summary>
public sealed record NewAccount(string DisplayName, string Email, string Password);

public enum ConfirmEmailOutcome
{
    Confirmed,

    /// <summary>The link is expired, used already, cut short or not ours: the person may ask for a new one.</summary>
    LinkNotValid,
}
