using Junocal.Web.Notifications;
using Junocal.Domain;
using Junocal.Domain.Auditing;
using Junocal.Domain.People;
using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Junocal.Web.Features.Account;
using Junocal.Web.Features.Scheduling;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.People;

/// <summary>
/// The owner's People page: the studio's staff with their status, instructors without a login, invitations
/// (send, resend, revoke), role changes and deactivation. The studio always keeps one active owner.
/// </summary>
public sealed class PeopleService(
    IDbContextFactory<JunocalDbContext> contexts,
    CurrentUser user,
    AccountEmailOutbox emails,
    TimeProvider clock)
{
    public const string NameField = nameof(InviteForm.Name);
    public const string EmailField = nameof(InviteForm.Email);
    public const string RoleField = nameof(InviteForm.Role);

    public static IReadOnlyList<string> StaffRoles { get; } = [Roles.Owner, Roles.FrontDesk, Roles.Instructor];

    public async Task<PeopleList> ListAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var zone = await db.StudioTimeZoneAsync(cancellationToken);
        var staff = await db.StaffMembers
            .OrderBy(s => s.Name)
            .Select(s => new
            {
                s.Id,
                s.Name,
                s.Email,
                s.Role,
                s.DeactivatedAt,
                HasLogin = db.Memberships.Any(m => m.PersonId == s.Id && m.Status == MembershipStatus.Active),
                UpcomingClasses = db.ClassSessions.Count(c => c.InstructorId == s.Id && c.Status == ClassStatus.Scheduled && c.StartsAt > now),
            })
            .ToListAsync(cancellationToken);
        var invitations = await db.Invitations
            .Where(i => i.Status == InvitationStatus.Pending && StaffRoles.Contains(i.Role))
            .OrderBy(i => i.Email)
            .Select(i => new { i.Id, i.Name, i.Email, i.Role, i.PersonId, i.ExpiresAt })
            .ToListAsync(cancellationToken);

        var rows = staff.Select(s =>
        {
            var invitation = invitations.FirstOrDefault(i => i.PersonId == s.Id);
            var status = s.DeactivatedAt is not null ? PersonStatus.Deactivated
                : s.HasLogin ? PersonStatus.Active
                : invitation is not null ? (invitation.ExpiresAt <= now ? PersonStatus.InvitationExpired : PersonStatus.Invited)
                : PersonStatus.NoLogin;
            return new PersonRow(s.Id, invitation?.Id, s.Name, s.Email, s.Role, status, s.UpcomingClasses,
                invitation is null ? null : zone.ToLocal(invitation.ExpiresAt));
        }).ToList();
        rows.AddRange(invitations.Where(i => i.PersonId is null).Select(i => new PersonRow(null, i.Id, i.Name, i.Email, i.Role,
            i.ExpiresAt <= now ? PersonStatus.InvitationExpired : PersonStatus.Invited, 0, zone.ToLocal(i.ExpiresAt))));
        return new PeopleList(zone.Id, [.. rows.OrderBy(r => r.Status == PersonStatus.Deactivated).ThenBy(r => r.Name)],
            staff.Where(s => s.DeactivatedAt is null && s.Role == Roles.Instructor).Select(s => new InstructorChoice(s.Id, s.Name)).ToList());
    }

    /// <summary>An instructor without a login: assignable to classes at once; an email is optional.</summary>
    public async Task<CommandResult> AddInstructorAsync(string name, string? email, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        var errors = new FieldErrors();
        var validName = errors.Check(NameField, () => Client.ValidName(name));
        var validEmail = string.IsNullOrWhiteSpace(email) ? null : errors.Check(EmailField, () => EmailAddress.Normalize(email));
        if (errors.Any)
        {
            return CommandResult.Invalid(errors.ToDictionary());
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (validEmail is not null && await db.StaffMembers.AnyAsync(s => s.Email == validEmail, cancellationToken))
        {
            return Field(EmailField, "Someone on your staff already has this email.");
        }

        var instructor = StaffMember.Create(user.StudioId, validName!, validEmail, Roles.Instructor);
        db.StaffMembers.Add(instructor);
        db.AuditEntries.Add(Audit("staff.added", $"Added the instructor {instructor.Name} (no login)."));
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Success;
    }

    /// <summary>
    /// Invites an address as <see cref="InviteForm.Role"/>. A staff member who already has that email (say, an instructor
    /// added without a login) is the one who will sign in; otherwise accepting adds them to the staff.
    /// </summary>
    public async Task<CommandResult> InviteAsync(InviteForm form, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        var errors = new FieldErrors();
        var name = errors.Check(NameField, () => Client.ValidName(form.Name));
        var email = errors.Check(EmailField, () => EmailAddress.Normalize(form.Email));
        if (!StaffRoles.Contains(form.Role))
        {
            errors.Add(RoleField, "Choose Owner, Front desk or Instructor.");
        }

        if (errors.Any)
        {
            return CommandResult.Invalid(errors.ToDictionary());
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.StaffMembers.SingleOrDefaultAsync(s => s.Email == email, cancellationToken);
        if (existing is not null)
        {
            if (!existing.IsActive)
            {
                return Field(EmailField, $"{existing.Name} was deactivated. Invite them again once you have reactivated them.");
            }

            if (await db.Memberships.AnyAsync(m => m.PersonId == existing.Id && m.Status == MembershipStatus.Active, cancellationToken))
            {
                return Field(EmailField, $"{existing.Name} can already sign in here. Change their role instead.");
            }
        }

        return await IssueAsync(db, email!, existing?.Name ?? name!, form.Role, existing?.Id, cancellationToken);
    }

    /// <summary>Invites a staff member added without a login to sign in, in their current role.</summary>
    public async Task<CommandResult> InviteStaffMemberAsync(Guid staffId, string? email, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (staff is null || !staff.IsActive)
        {
            return CommandResult.Refused("This person is no longer on your staff.");
        }

        if (staff.Email is null)
        {
            var errors = new FieldErrors();
            var address = errors.Check(EmailField, () => EmailAddress.Normalize(email));
            if (address is null)
            {
                return CommandResult.Invalid(errors.ToDictionary());
            }

            if (await db.StaffMembers.AnyAsync(s => s.Email == address, cancellationToken))
            {
                return Field(EmailField, "Someone on your staff already has this email.");
            }

            staff.SetEmail(address);
        }

        return await IssueAsync(db, staff.Email!, staff.Name, staff.Role, staff.Id, cancellationToken);
    }

    public Task<CommandResult> ResendAsync(Guid invitationId, CancellationToken cancellationToken) =>
        ChangeInvitationAsync(invitationId, (db, invitation, now) =>
        {
            invitation.Resend(now);
            OweEmail(db, invitation);
            return $"Sent a new invitation link to {invitation.Email}; earlier links no longer work.";
        }, cancellationToken);

    public Task<CommandResult> RevokeAsync(Guid invitationId, CancellationToken cancellationToken) =>
        ChangeInvitationAsync(invitationId, (_, invitation, now) =>
        {
            invitation.Revoke(now);
            return $"Revoked the invitation of {invitation.Email}.";
        }, cancellationToken);

    /// <summary>How many upcoming classes the staff member teaches: they must be handed over or kept knowingly first.</summary>
    public async Task<int> UpcomingClassesAsync(Guid staffId, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return await db.ClassSessions.CountAsync(c => c.InstructorId == staffId && c.Status == ClassStatus.Scheduled && c.StartsAt > now, cancellationToken);
    }

    public Task<CommandResult> ChangeRoleAsync(Guid staffId, string role, UpcomingClassesChoice upcoming, CancellationToken cancellationToken) =>
        ChangeStaffAsync(staffId, upcoming, leavesOwners: role != Roles.Owner, leavesTeaching: role != Roles.Instructor,
            (db, staff, membership, now) =>
            {
                if (!StaffRoles.Contains(role))
                {
                    throw new DomainException("Choose Owner, Front desk or Instructor.");
                }

                var before = staff.Role;
                staff.ChangeRole(role);
                membership?.ChangeRole(role, staff.Id);
                return $"Changed the role of {staff.Name} from {Roles.DisplayName(before)} to {Roles.DisplayName(role)}.";
            }, cancellationToken);

    public Task<CommandResult> DeactivateAsync(Guid staffId, UpcomingClassesChoice upcoming, CancellationToken cancellationToken) =>
        ChangeStaffAsync(staffId, upcoming, leavesOwners: true, leavesTeaching: true,
            (db, staff, membership, now) =>
            {
                staff.Deactivate(now);
                membership?.Deactivate();
                return $"Deactivated {staff.Name}: they can no longer act in this studio.";
            }, cancellationToken);

    /// <summary>Undoes a deactivation: the person acts in this studio again, in their role, from their next click.</summary>
    public async Task<CommandResult> ReactivateAsync(Guid staffId, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (staff is null)
        {
            return CommandResult.Refused("This person is no longer on your staff.");
        }

        try
        {
            staff.Reactivate();
        }
        catch (DomainException refused)
        {
            return CommandResult.Refused(refused.Message);
        }

        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.PersonId == staff.Id, cancellationToken);
        membership?.Reactivate();
        db.AuditEntries.Add(Audit("staff.changed", membership is null
            ? $"Reactivated {staff.Name} as {Roles.DisplayName(staff.Role)}."
            : $"Reactivated {staff.Name}: they can act in this studio again as {Roles.DisplayName(staff.Role)}."));
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Success;
    }

    private async Task<CommandResult> ChangeStaffAsync(Guid staffId, UpcomingClassesChoice upcoming, bool leavesOwners, bool leavesTeaching,
        Func<JunocalDbContext, StaffMember, Membership?, DateTimeOffset, string> change, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (staff is null || !staff.IsActive)
        {
            return CommandResult.Refused("This person is no longer on your staff.");
        }

        if (staff.Role == Roles.Owner && leavesOwners
            && !await db.StaffMembers.AnyAsync(s => s.Id != staff.Id && s.Role == Roles.Owner && s.DeactivatedAt == null
                && db.Memberships.Any(m => m.PersonId == s.Id && m.Status == MembershipStatus.Active), cancellationToken))
        {
            return CommandResult.Refused($"{staff.Name} is the studio's last owner. Make someone else an owner first.");
        }

        var handedOver = 0;
        if (staff.Role == Roles.Instructor && leavesTeaching)
        {
            var classes = await db.ClassSessions
                .Where(c => c.InstructorId == staff.Id && c.Status == ClassStatus.Scheduled && c.StartsAt > now)
                .ToListAsync(cancellationToken);
            if (classes.Count > 0)
            {
                if (upcoming.ReplacementId is { } replacementId)
                {
                    if (replacementId == staff.Id
                        || !await db.StaffMembers.AnyAsync(s => s.Id == replacementId && s.Role == Roles.Instructor && s.DeactivatedAt == null, cancellationToken))
                    {
                        return Field(nameof(UpcomingClassesChoice.ReplacementId), "Choose another active instructor.");
                    }

                    classes.ForEach(c => c.AssignInstructor(replacementId));
                    handedOver = classes.Count;
                }
                else if (!upcoming.KeepThem)
                {
                    return Field(nameof(UpcomingClassesChoice.ReplacementId),
                        $"{staff.Name} teaches {classes.Count} upcoming {(classes.Count == 1 ? "class" : "classes")}. Choose who takes them over, or confirm that they stay with {staff.Name}.");
                }
            }
        }

        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.PersonId == staff.Id, cancellationToken);
        string details;
        try
        {
            details = change(db, staff, membership, now);
        }
        catch (DomainException refused)
        {
            return CommandResult.Refused(refused.Message);
        }

        if (handedOver > 0)
        {
            details += $" Their {handedOver} upcoming {(handedOver == 1 ? "class goes" : "classes go")} to another instructor.";
        }

        db.AuditEntries.Add(Audit("staff.changed", details));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Refused("One of their classes changed meanwhile. Look again and retry.");
        }

        return CommandResult.Success;
    }

    private async Task<CommandResult> IssueAsync(JunocalDbContext db, string email, string name, string role, Guid? personId,
        CancellationToken cancellationToken)
    {
        if (await db.Invitations.AnyAsync(i => i.Email == email && i.Status == InvitationStatus.Pending, cancellationToken))
        {
            return Field(EmailField, "An invitation to this address is already waiting. Resend or revoke it instead.");
        }

        var invitation = Invitation.Issue(user.StudioId, email, name, role, personId, user.Email, clock.GetUtcNow());
        db.Invitations.Add(invitation);
        OweEmail(db, invitation);
        db.AuditEntries.Add(Audit("invitation.sent", $"Invited {email} as {Roles.DisplayName(role)}."));
        await db.SaveChangesAsync(cancellationToken);
        await emails.SendSoonAsync(cancellationToken);
        return CommandResult.Success;
    }

    private async Task<CommandResult> ChangeInvitationAsync(Guid invitationId, Func<JunocalDbContext, Invitation, DateTimeOffset, string> change,
        CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        if (invitation is null)
        {
            return CommandResult.Refused("This invitation no longer exists.");
        }

        try
        {
            db.AuditEntries.Add(Audit("invitation.changed", change(db, invitation, clock.GetUtcNow())));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException refused)
        {
            return CommandResult.Refused(refused.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Refused("The invitation changed meanwhile (perhaps it was just accepted). Look again.");
        }

        await emails.SendSoonAsync(cancellationToken);
        return CommandResult.Success;
    }

    private void OweEmail(JunocalDbContext db, Invitation invitation) =>
        emails.Owe(db, AccountEmailKind.Invitation, userId: null, invitation.StudioId, invitation.Id);

    private AuditEntry Audit(string action, string details) =>
        AuditEntry.Record(user.StudioId, clock.GetUtcNow(), user.Email, action, details);

    private static CommandResult Field(string field, string message) =>
        CommandResult.Invalid(new Dictionary<string, string> { [field] = message });
}

public enum PersonStatus
{
    /// <summary>Signs in and acts in the studio.</summary>
    Active,

    /// <summary>Staff without a login (an instructor classes are assigned to).</summary>
    NoLogin,

    Invited,
    InvitationExpired,
    Deactivated,
}

/// <summary>
/// One line of the People page: a staff member (with their pending invitation, if any), or an invitation that adds a
/// staff member when accepted (no <see cref="StaffId"/> yet).
/// </summary>
public sealed record PersonRow(
    Guid? StaffId, Guid? InvitationId, string Name, string? Email, string Role, PersonStatus Status, int UpcomingClasses,
    DateTime? InvitationExpiresLocal);

public sealed record InstructorChoice(Guid Id, string Name);

public sealed record PeopleList(string TimeZoneId, IReadOnlyList<PersonRow> People, IReadOnlyList<InstructorChoice> Instructors);

public sealed class InviteForm
{
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string Role { get; set; } = Roles.Instructor;
}

/// <summary>What happens to an instructor's upcoming classes when they stop teaching: handed to another, or kept.</summary>
public sealed record UpcomingClassesChoice(Guid? ReplacementId, bool KeepThem)
{
    public static UpcomingClassesChoice None { get; } = new(null, false);
}
