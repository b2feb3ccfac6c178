using System.Security.Claims;
using Junocal.Domain;
using Junocal.Domain.Auditing;
using Junocal.Domain.People;
using Junocal.Web.Data;
using Junocal.Web.Features.Account;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.PublicBooking;

/// <summary>
/// Booking from a studio's public page: a signed-in person joins the studio as a client if they are not one yet, the
/// studio becomes their active one, and the booking goes through the same path as every client booking. A visitor
/// without an account creates one here, joined to the studio as a client; the booking waits for the confirmed email.
/// </summary>
public sealed class PublicBookingService(
    SystemDbContextFactory contexts,
    UserManager<JunocalUser> users,
    SignInManager<JunocalUser> signIn,
    CurrentUser currentUser,
    ClientBookingService bookings,
    AccountService accounts,
    TimeProvider clock)
{
    public async Task<BookingResult> BookAsync(PublicStudio studio, PublicClass session, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(principal);
        if (user?.Email is null)
        {
            return BookingResult.Refused("Sign in to book.");
        }

        await using (var db = contexts.CreateDbContext())
        {
            var tracked = await db.Users.SingleAsync(u => u.Id == user.Id, cancellationToken);
            if (await JoinAsClientAsync(db, studio, tracked, cancellationToken) is { } refusal)
            {
                return BookingResult.Refused(refusal);
            }

            tracked.ActiveStudioId = studio.Id;
            await db.SaveChangesAsync(cancellationToken);
        }

        // The request began in another studio (or none): act as the client of this one from here on.
        var refreshed = (await users.FindByIdAsync(user.Id))!;
        await signIn.RefreshSignInAsync(refreshed);
        currentUser.Set(await signIn.CreateUserPrincipalAsync(refreshed), checkedForThisRequest: true);
        return await bookings.BookAsync(session.Id, cancellationToken);
    }

    /// <summary>A new, unconfirmed account that is already the studio's client; its confirmation link leads back to the class.</summary>
    public Task<AccountResult> SignUpAsync(PublicStudio studio, PublicClass session, NewAccount account, CancellationToken cancellationToken) =>
        accounts.CreateAsync(account, studio.Id, $"/s/{studio.Slug}/book/{session.Id}", async (db, user) =>
        {
            db.IsUnscoped = true;
            try
            {
                var refusal = await JoinAsClientAsync(db, studio, user, cancellationToken);
                user.ActiveStudioId = studio.Id;
                return refusal is null ? null : new Dictionary<string, string> { [AccountResult.General] = refusal };
            }
            finally
            {
                db.IsUnscoped = false;
            }
        }, cancellationToken);

    /// <returns>Why the person cannot book here as a client, or null once they are (or will be, on save) its client.</returns>
    private async Task<string?> JoinAsClientAsync(JunocalDbContext db, PublicStudio studio, JunocalUser user, CancellationToken cancellationToken)
    {
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.StudioId == studio.Id && m.UserId == user.Id, cancellationToken);
        if (membership is not null)
        {
            return !membership.IsActive ? $"Your access to {studio.Name} was removed. Contact the studio if this is a mistake."
                : membership.Role != Roles.Client ? $"You work at {studio.Name}, so you cannot book its classes as a client."
                : null;
        }

        var email = user.Email!.Trim().ToLowerInvariant();
        var client = await db.Clients.SingleOrDefaultAsync(c => c.StudioId == studio.Id && c.Email == email, cancellationToken);
        if (client is null)
        {
            try
            {
                client = Client.Create(studio.Id, user.DisplayName, email);
            }
            catch (DomainException refused)
            {
                return refused.Message;
            }

            db.Clients.Add(client);
        }

        var now = clock.GetUtcNow();
        db.Memberships.Add(Membership.Create(studio.Id, user.Id, Roles.Client, client.Id, now));
        db.AuditEntries.Add(AuditEntry.Record(studio.Id, now, email, "client.joined", $"{client.Name} ({email}) joined from the booking page."));
        return null;
    }
}
