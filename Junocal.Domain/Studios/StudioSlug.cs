using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Junocal.Domain.Studios;

/// <summary>
/// A studio's short address (<c>/s/{slug}</c>): 3 to 40 lowercase letters, digits and single hyphens,
/// starting and ending with a letter or digit.
/// </summary>
public static partial class StudioSlug
{
    public const int MinLength = 3;
    public const int MaxLength = 40;

    /// <summary>Checks a slug someone typed; the message is for them.</summary>
    public static string Validate(string? slug)
    {
        var trimmed = slug?.Trim().ToLowerInvariant() ?? "";
        if (trimmed.Length < MinLength || trimmed.Length > MaxLength)
        {
            throw new DomainException($"The short address must be {MinLength} to {MaxLength} characters.");
        }

        if (!Shape().IsMatch(trimmed))
        {
            throw new DomainException("The short address may hold lowercase letters, digits and single hyphens, and must start and end with a letter or digit.");
        }

        return trimmed;
    }

    /// <summary>A valid slug derived from a studio's name ("Juno Pilates" → "juno-pilates").</summary>
    public static string FromName(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var text = new StringBuilder();
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            text.Append(lower is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? lower : '-');
        }

        var slug = Hyphens().Replace(text.ToString(), "-").Trim('-');
        if (slug.Length > MaxLength)
        {
            slug = slug[..MaxLength].TrimEnd('-');
        }

        return slug.Length >= MinLength ? slug : (slug + "-studio").Trim('-');
    }

    /// <summary>The <paramref name="attempt"/>-th alternative when a slug is taken: "juno-pilates-2", "juno-pilates-3", …</summary>
    public static string WithSuffix(string slug, int attempt)
    {
        var suffix = "-" + attempt.ToString(CultureInfo.InvariantCulture);
        return (slug.Length + suffix.Length > MaxLength ? slug[..(MaxLength - suffix.Length)].TrimEnd('-') : slug) + suffix;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Shape();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Hyphens();
}
