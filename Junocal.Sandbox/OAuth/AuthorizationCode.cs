namespace Junocal.Sandbox.OAuth;

internal sealed record AuthorizationCode(
    string Code,
    string UserId,
    IReadOnlyList<string> Scopes,
    string RedirectUri,
    string? CodeChallenge,
    string CodeChallengeMethod,
    DateTimeOffset IssuedAt);

/// <summary>What the consent page was asked for, carried from the authorize GET to the decision POST.</summary>
internal sealed record ConsentRequest(
    string RedirectUri,
    string? State,
    IReadOnlyList<string> Scopes,
    string? CodeChallenge,
    string CodeChallengeMethod);
