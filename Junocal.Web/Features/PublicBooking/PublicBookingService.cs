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
/// without an account creates one here, joined to the studio as a client; the class they chose is booked once they
/// confirm their email (<see cref="CompletePendingBookingAsync"/>).
/// </summary>
public sealed class PublicBookingService(
    SystemDbContextFactory contexts,
    PublicSchedule schedule,
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
        return user?.Email is null
            ? BookingResult.Refused("Sign in to book.")
            : await BookAsAsync(studio, session, user.Id, cancellationToken);
    }

    /// <summary>
    /// Books the class the person chose when they created their account from a booking page, once: right after they
    /// confirmed their email and were signed in.
    /// </summary>
    /// <returns>Null when no booking was waiting; otherwise the booking page of that class and how booking went.</returns>
    public async Task<PendingBookingOutcome?> CompletePendingBookingAsync(string userId, CancellationToken cancellationToken)
    {
        string? slug;
        Guid classId;
        await using (var db = contexts.CreateDbContext())
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
            if (user?.PendingBookingClassId is not { } pending)
            {
                return null;
            }

            classId = pending;
            user.PendingBookingClassId = null;
            await db.SaveChangesAsync(cancellationToken);
            slug = await db.ClassSessions.Where(c => c.Id == classId)
                .Join(db.Studios, c => c.StudioId, s => s.Id, (c, s) => s.Slug)
                .SingleOrDefaultAsync(cancellationToken);
        }

        return await BookClassAsync(userId, classId, slug, cancellationToken);
    }

    /// <summary>
    /// Books the class a person chose on a booking page before signing in, as part of their sign-in (a form post that
    /// carries their password, so no other site can book for them).
    /// </summary>
    public async Task<PendingBookingOutcome> BookAfterSignInAsync(string email, Guid classId, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email);
        string? slug;
        await using (var db = contexts.CreateDbContext())
        {
            slug = await db.ClassSessions.Where(c => c.Id == classId)
                .Join(db.Studios, c => c.StudioId, s => s.Id, (c, s) => s.Slug)
                .SingleOrDefaultAsync(cancellationToken);
        }

        return user is null
            ? new PendingBookingOutcome(null, BookingResult.Refused("Sign in to book."))
            : await BookClassAsync(user.Id, classId, slug, cancellationToken);
    }

    private async Task<PendingBookingOutcome> BookClassAsync(string userId, Guid classId, string? slug, CancellationToken cancellationToken)
    {
        var studio = slug is null ? null : await schedule.ForSlugAsync(slug, cancellationToken);
        var session = studio?.Classes.FirstOrDefault(c => c.Id == classId);
        if (studio is null || session is null)
        {
            return new PendingBookingOutcome(slug is null ? null : $"/s/{slug}", BookingResult.Refused("The class you chose can no longer be booked."));
        }

        return new PendingBookingOutcome($"/s/{studio.Slug}/book/{session.Id}", await BookAsAsync(studio, session, userId, cancellationToken));
    }

    private async Task<BookingResult> BookAsAsync(PublicStudio studio, PublicClass session, string userId, CancellationToken cancellationToken)
    {
        await using (var db = contexts.CreateDbContext())
        {
            var tracked = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
            if (await JoinAsClientAsync(db, studio, tracked, cancellationToken) is { } refusal)
            {
                return BookingResult.Refused(refusal);
            }

            tracked.ActiveStudioId = studio.Id;
            await db.SaveChangesAsync(cancellationToken);
        }

        // The request began in another studio (or none): act as the client of this one from here on.
        var refreshed = (await users.FindByIdAsync(userId))!;
        await signIn.RefreshSignInAsync(refreshed);
        currentUser.Set(await signIn.CreateUserPrincipalAsync(refreshed), checkedForThisRequest: true);
        return await bookings.BookAsync(session.Id, cancellationToken);
    }

    /// <summary>
    /// A new, unconfirmed account that is already the studio's client, with the class waiting to be booked when the email
    /// is confirmed; should that booking fail, the confirmation leads back to the class's booking page.
    /// </summary>
    public Task<AccountResult> SignUpAsync(PublicStudio studio, PublicClass session, NewAccount account, CancellationToken cancellationToken) =>
        accounts.CreateAsync(account, studio.Id, $"/s/{studio.Slug}/book/{session.Id}", async (db, user) =>
        {
            db.IsUnscoped = true;
            try
            {
                var refusal = await JoinAsClientAsync(db, studio, user, cancellationToken);
                user.ActiveStudioId = studio.Id;
                user.PendingBookingClassId = session.Id;
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

/// <summary>How the booking chosen before the email was confirmed went, and the page where that class can be booked.</summary>
public sealed record PendingBookingOutcome(string? BookingPage, BookingResult Result);
