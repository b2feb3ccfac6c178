using Junocal.Domain.People;
using Microsoft.AspNetCore.Authorization;

namespace Junocal.Web.Security;

/// <summary>The authorization policies pages and endpoints name. Each maps to roles as docs/architecture.md ("Roles") describes.</summary>
public static class Policies
{
    /// <summary>Owner only: integrations, audit log, editing the schedule.</summary>
    public const string Owner = nameof(Owner);

    /// <summary>Owner and front desk: the whole studio's schedule, rosters and bookings.</summary>
    public const string StudioDesk = nameof(StudioDesk);

    /// <summary>Every staff role: class details and rosters (instructors only for the classes they teach).</summary>
    public const string Staff = nameof(Staff);

    /// <summary>Instructors: the classes they teach.</summary>
    public const string Instructor = nameof(Instructor);

    /// <summary>Clients: browse, book, My bookings.</summary>
    public const string Client = nameof(Client);

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Owner, p => p.RequireRole(Roles.Owner));
        options.AddPolicy(StudioDesk, p => p.RequireRole(Roles.Owner, Roles.FrontDesk));
        options.AddPolicy(Staff, p => p.RequireRole(Roles.Owner, Roles.FrontDesk, Roles.Instructor));
        options.AddPolicy(Instructor, p => p.RequireRole(Roles.Instructor));
        options.AddPolicy(Client, p => p.RequireRole(Roles.Client));
    }
}
