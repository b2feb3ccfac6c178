namespace Junocal.Web.Email;

/// <summary>The <c>Email</c> configuration section: who emails come from and how they leave the app.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    /// <summary>The sender, with an optional display name, e.g. <c>Junocal &lt;no-reply@junocal.test&gt;</c>.</summary>
    public string From { get; set; } = "Junocal <no-reply@junocal.test>";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Where the pickup transport writes <c>.eml</c> files; relative paths start at the content root.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";

    /// <summary>Write emails to <see cref="PickupDirectory"/> outside Development too, when no SMTP host is set.</summary>
    public bool UsePickupDirectory { get; set; }

    /// <summary>Files in <see cref="PickupDirectory"/> older than this many days are deleted.</summary>
    public int PickupRetentionDays { get; set; } = 7;
}

public sealed class SmtpOptions
{
    /// <summary>The SMTP server's host name. Emails go out over SMTP exactly when this is set.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Authenticate with this user name; when empty, no authentication is attempted.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }
}

public enum SmtpSecurity
{
    /// <summary>Plain text. Only for a relay on the same machine or a test server.</summary>
    None,

    /// <summary>Connect in plain text, then require STARTTLS (usually port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,

    /// <summary>TLS on port 465, otherwise STARTTLS when the server offers it.</summary>
    Auto,
}
