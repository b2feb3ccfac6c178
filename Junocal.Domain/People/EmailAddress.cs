using System.Net.Mail;

namespace Junocal.Domain.People;

/// <summary>Checks an address someone typed and gives the form every lookup uses (trimmed, lower case).</summary>
public static class EmailAddress
{
    public const int MaxLength = 256;

    public static string Normalize(string? email)
    {
        var trimmed = Text.Required(email, "Email", MaxLength);
        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed)
        {
            throw new DomainException($"\"{trimmed}\" is not an email address.");
        }

        return trimmed.ToLowerInvariant();
    }
}
