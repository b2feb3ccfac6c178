using Microsoft.AspNetCore.Identity;

namespace Junocal.Web.Security;

/// <summary>A person who signs in. Belongs to exactly one studio and holds exactly one role there.</summary>
public sealed class JunocalUser : IdentityUser
{
    public Guid StudioId { get; set; }

    public string DisplayName { get; set; } = "";

    /// <summary>The staff member or client this login speaks for.</summary>
    public Guid PersonId { get; set; }
}
