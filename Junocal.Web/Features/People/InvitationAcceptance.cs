using System.Security.Claims;
using Junocal.Domain;
using Junocal.Domain.Auditing;
using Junocal.Domain.People;
using Junocal.Web.Data;
using Junocal.Web.Features.Account;
using Junocal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.People;

/// <summary>
/// Accepting an invitation link: by the account that already has the invited address (signed in as it), or by a new
/// account made on the spot for that address. Either way the person gets the membership, the studio becomes their
/// active one, and the link is used up — all in one transaction.
/// </summary>
public sealed class InvitationAcceptance(
    SystemDbContextFactory contexts,
    InvitationLinks links,
    UserManager<JunocalUser> users,
    SignInManager<JunocalUser> signIn,
    AccountService accounts,
    TimeProvider clock)
{
    public const string NameField = AccountService.DisplayNameField;
    public const string PasswordField = AccountService.PasswordField;

    public async Task<InvitationView> InspectAsync(string? token, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (links.Read(token) is not var (invitationId, version))
        {
            return InvitationView.Refused("This invitation link is not valid. Check that you opened the whole link from the email.");
        }

        await using var db = contexts.CreateDbContext();
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        if (invitation is null)
        {
            return InvitationView.Refused("This invitation no longer exists. Ask the studio to send a new one.");
        }

        var studio = await db.Studios.Where(s => s.Id == invitation.StudioId).Select(s => s.Name).SingleAsync(cancellationToken);
        var signedInEmail = principal.Identity?.IsAuthenticated == true ? principal.FindFirstValue(ClaimTypes.Email) ?? principal.Identity.Name : null;
        if (invitation.RefusalFor(version, signedInEmail, clock.GetUtcNow()) is { } refusal)
        {
            return InvitationView.Refused(refusal, studio);
        }

        var step = signedInEmail is not null ? InvitationStep.Accept
            : await users.FindByEmailAsync(invitation.Email) is not null ? InvitationStep.SignIn
            : InvitationStep.CreateAccount;
        return new InvitationView(step, null, studio, invitation.Role, invitation.Email, invitation.Name);
    }

    /// <summary>The signed-in account accepts; it must hold the invited address.</summary>
    public async Task<AcceptOutcome> AcceptAsync(string? token, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(principal);
        if (user?.Email is null || links.Read(token) is not var (invitationId, version))
        {
            return AcceptOutcome.Refused("This invitation link is not valid.");
        }

        await using var db = contexts.CreateDbContext();
        var tracked = await db.Users.SingleAsync(u => u.Id == user.Id, cancellationToken);
        var refusal = await JoinAsync(db, invitationId, version, tracked, cancellationToken);
        if (refusal is not null)
        {
            return AcceptOutcome.Refused(refusal);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AcceptOutcome.Refused("This invitation has already been used. Sign in to reach the studio.");
        }

        await signIn.RefreshSignInAsync((await users.FindByIdAsync(user.Id))!);
        return AcceptOutcome.Done;
    }

    /// <summary>
    /// A new account for the invited address accepts. Following the emailed link proves the address, so the account
    /// starts confirmed.
    /// </summary>
    public async Task<AcceptOutcome> CreateAccountAndAcceptAsync(string? token, string name, string password, CancellationToken cancellationToken)
    {
        if (links.Read(token) is not var (invitationId, version))
        {
            return AcceptOutcome.Refused("This invitation link is not valid.");
        }

        string email;
        await using (var db = contexts.CreateDbContext())
        {
            var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
            if (invitation?.RefusalFor(version, null, clock.GetUtcNow()) is { } refused)
            {
                return AcceptOutcome.Refused(refused);
            }

            email = invitation?.Email ?? "";
        }

        var result = await accounts.CreateAsync(new NewAccount(name, email, password), null, null, async (db, user) =>
        {
            user.EmailConfirmed = true;
            // Nobody is signed in yet, so the request's context sees no studio; joining works on the invitation's.
            db.IsUnscoped = true;
            string? refusal;
            try
            {
                refusal = await JoinAsync(db, invitationId, version, user, cancellationToken);
            }
            finally
            {
                db.IsUnscoped = false;
            }

            return refusal is null ? null : new Dictionary<string, string> { [AccountResult.General] = refusal };
        }, cancellationToken);
        if (!result.Succeeded)
        {
            return new AcceptOutcome(false, result.Errors);
        }

        await signIn.SignInAsync((await users.FindByIdAsync(result.UserId!))!, isPersistent: false);
        return AcceptOutcome.Done;
    }

    /// <returns>Why the account cannot join, or null once the membership and the used invitation are in <paramref name="db"/>.</returns>
    private async Task<string?> JoinAsync(JunocalDbContext db, Guid invitationId, int version, JunocalUser user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        if (invitation is null)
        {
            return "This invitation no longer exists. Ask the studio to send a new one.";
        }

        if (invitation.RefusalFor(version, user.Email, now) is { } refusal)
        {
            return refusal;
        }

        try
        {
            var personId = invitation.Role == Roles.Client
                ? await ClientFor(db, invitation, cancellationToken)
                : await StaffMemberFor(db, invitation, cancellationToken);
            var membership = await db.Memberships.SingleOrDefaultAsync(m => m.StudioId == invitation.StudioId && m.UserId == user.Id, cancellationToken);
            if (membership is null)
            {
                db.Memberships.Add(Membership.Create(invitation.StudioId, user.Id, invitation.Role, personId, now));
            }
            else
            {
                membership.ChangeRole(invitation.Role, personId);
                membership.Reactivate();
            }

            invitation.Accept(version, user.Email!, user.Id, personId, now);
        }
        catch (DomainException refused)
        {
            return refused.Message;
        }

        user.ActiveStudioId = invitation.StudioId;
        db.AuditEntries.Add(AuditEntry.Record(invitation.StudioId, now, invitation.Email, "invitation.accepted",
            $"{invitation.Name} ({invitation.Email}) accepted the invitation as {Roles.DisplayName(invitation.Role)}."));
        return null;
    }

    private static async Task<Guid> StaffMemberFor(JunocalDbContext db, Invitation invitation, CancellationToken cancellationToken)
    {
        var staff = invitation.PersonId is { } id
            ? await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            : await db.StaffMembers.SingleOrDefaultAsync(s => s.StudioId == invitation.StudioId && s.Email == invitation.Email, cancellationToken);
        if (staff is null)
        {
            staff = StaffMember.Create(invitation.StudioId, invitation.Name, invitation.Email, invitation.Role);
            db.StaffMembers.Add(staff);
        }
        else if (!staff.IsActive)
        {
            throw new DomainException("The studio deactivated this person. Ask them to send a new invitation.");
        }
        else if (staff.Role != invitation.Role)
        {
            staff.ChangeRole(invitation.Role);
        }

        return staff.Id;
    }

    private static async Task<Guid> ClientFor(JunocalDbContext db, Invitation invitation, CancellationToken cancellationToken)
    {
        var client = invitation.PersonId is { } id
            ? await db.Clients.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            : await db.Clients.SingleOrDefaultAsync(c => c.StudioId == invitation.StudioId && c.Email == invitation.Email, cancellationToken);
        if (client is null)
        {
            client = Client.Create(invitation.StudioId, invitation.Name, invitation.Email);
            db.Clients.Add(client);
        }

        return client.Id;
    }
}

public enum InvitationStep
{
    /// <summary>The link cannot be used; <see cref="InvitationView.Message"/> says why.</summary>
    Refused,

    /// <summary>An account has the address: sign in with it, then accept.</summary>
    SignIn,

    /// <summary>No account has the address: choose a name and password.</summary>
    CreateAccount,

    /// <summary>Signed in with the invited address: one click accepts.</summary>
    Accept,
}

public sealed record InvitationView(InvitationStep Step, string? Message, string? StudioName, string? Role, string? Email, string? Name)
{
    public static InvitationView Refused(string message, string? studioName = null) => new(InvitationStep.Refused, message, studioName, null, null, null);
}

public sealed record AcceptOutcome(bool Succeeded, IReadOnlyDictionary<string, string> Errors)
{
    public static AcceptOutcome Done { get; } = new(true, new Dictionary<string, string>());

    public static AcceptOutcome Refused(string message) => new(false, new Dictionary<string, string> { [AccountResult.General] = message });

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);
}
