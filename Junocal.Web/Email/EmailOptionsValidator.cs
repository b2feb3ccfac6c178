using Microsoft.Extensions.Options;
using MimeKit;

namespace Junocal.Web.Email;

/// <summary>Refuses settings that would only fail at the first send, with the key to fix in each message.</summary>
internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var failures = new List<string>();
        ValidateFrom(options.From, failures);
        ValidateSmtp(options.Smtp, failures);
        if (options.PickupRetentionDays < 1)
        {
            failures.Add($"Email:PickupRetentionDays is {options.PickupRetentionDays}. Use 1 or more days.");
        }

        if (string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            failures.Add("Email:PickupDirectory is empty. Leave it out for the default App_Data/mail, or name a folder.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateFrom(string? from, List<string> failures)
    {
        if (!MailboxAddress.TryParse(from, out var mailbox) || !HasLocalPartAndDomain(mailbox.Address))
        {
            failures.Add($"Email:From \"{from}\" is not an email address. Use the form \"Studio Name <no-reply@example.com>\".");
        }
    }

    private static bool HasLocalPartAndDomain(string address)
    {
        var at = address.LastIndexOf('@');
        return at > 0 && at < address.Length - 1;
    }

    private static void ValidateSmtp(SmtpOptions smtp, List<string> failures)
    {
        if (!Enum.IsDefined(smtp.Security))
        {
            failures.Add($"Email:Smtp:Security \"{smtp.Security}\" is not one of None, StartTls, SslOnConnect, Auto.");
        }

        if (!string.IsNullOrWhiteSpace(smtp.Host))
        {
            if (smtp.Host.Contains(':', StringComparison.Ordinal) || smtp.Host.Any(char.IsWhiteSpace))
            {
                failures.Add($"Email:Smtp:Host \"{smtp.Host}\" must be a host name only, like smtp.example.com. Put the port in Email:Smtp:Port.");
            }

            if (smtp.Port is < 1 or > 65535)
            {
                failures.Add($"Email:Smtp:Host is set but Email:Smtp:Port is {smtp.Port}. Use 587 for StartTls or 465 for SslOnConnect.");
            }
        }

        var hasUser = !string.IsNullOrEmpty(smtp.UserName);
        var hasPassword = !string.IsNullOrEmpty(smtp.Password);
        if (hasUser && !hasPassword)
        {
            failures.Add("Email:Smtp:UserName is set but Email:Smtp:Password is not. Set both, or neither to send without authentication.");
        }
        else if (hasPassword && !hasUser)
        {
            failures.Add("Email:Smtp:Password is set but Email:Smtp:UserName is not. Set both, or neither to send without authentication.");
        }
    }
}
