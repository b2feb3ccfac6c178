using Microsoft.AspNetCore.Identity;

namespace Junocal.Web.Security;

/// <summary>
/// A person's one account (email + password). What they may do in a studio comes from their
/// <see cref="Junocal.Domain.People.Membership"/> there, never from the account itself.
/// </summary>
public sealed class JunocalUser : IdentityUser
{
    public const int MaxDisplayNameLength = 200;

    public string DisplayName { get; set; } = "";

    /// <summary>
    /// The studio the person acts in, remembered as the last used. Sign-in scopes the cookie to it; a cookie or open
    /// circuit for another studio stops seeing data once this changes.
    /// </summary>
    public Guid? ActiveStudioId { get; set; }

    /// <summary>
    /// The class the person chose on a studio's booking page while creating this account; it is booked when they
    /// confirm their email, then cleared.
    /// </summary>
    public Guid? PendingBookingClassId { get; set; }
}
