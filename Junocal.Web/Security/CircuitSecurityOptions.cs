namespace Junocal.Web.Security;

/// <summary>How often an open page re-checks that its user may still act as it signed in (<c>Security:Circuits</c>).</summary>
public sealed class CircuitSecurityOptions
{
    public const string SectionName = "Security:Circuits";

    /// <summary>
    /// A studio switch, a role change or a lockout reaches an open page at its next read of the studio's data at once;
    /// an idle page learns it at this interval, and then signs out.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}
