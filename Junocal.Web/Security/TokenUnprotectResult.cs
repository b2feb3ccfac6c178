using System.Diagnostics.CodeAnalysis;

namespace Junocal.Web.Security;

public enum TokenUnprotectFailure
{
    /// <summary>Not a value the vault writes (wrong version, shape or encoding).</summary>
    Malformed,

    /// <summary>Written with a key id that is no longer configured.</summary>
    UnknownKey,

    /// <summary>The authentication tag does not match: changed bytes, another studio or another purpose.</summary>
    Tampered,
}

/// <summary>The outcome of <see cref="ITokenVault.Unprotect"/>: the plaintext, or why there is none.</summary>
public sealed class TokenUnprotectResult
{
    private TokenUnprotectResult(string? plaintext, TokenUnprotectFailure? failure)
    {
        Plaintext = plaintext;
        Failure = failure;
    }

    [MemberNotNullWhen(true, nameof(Plaintext))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    public string? Plaintext { get; }

    public TokenUnprotectFailure? Failure { get; }

    public static TokenUnprotectResult Success(string plaintext) => new(plaintext, null);

    public static TokenUnprotectResult Failed(TokenUnprotectFailure failure) => new(null, failure);

    // Deliberately leaves the plaintext out, so logging a result can never leak a token.
    public override string ToString() => Succeeded ? "Succeeded" : $"Failed: {Failure}";
}
