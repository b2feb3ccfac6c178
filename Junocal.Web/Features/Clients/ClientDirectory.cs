using Junocal.Web.Notifications;
using Junocal.Domain.Auditing;
using Junocal.Domain.People;
using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Junocal.Web.Features.Account;
using Junocal.Web.Features.Scheduling;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.Clients;

/// <summary>
/// The studio's clients as the desk sees them: found by name or email, each with their bookings. Owners and front
/// desk read it; only the owner adds clients.
/// </summary>
public sealed class ClientDirectory(IDbContextFactory<JunocalDbContext> contexts, CurrentUser user, AccountEmailOutbox emails, TimeProvider clock)
{
    public const int MaxResults = 50;

    public async Task<ClientSearchResult> SearchAsync(string? text, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner, Roles.FrontDesk);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var clients = db.Clients.AsQueryable();
        if (text?.Trim() is { Length: > 0 } term)
        {
            // LIKE ignores case on both providers (SQLite for ASCII, SQL Server under its default collation).
            var pattern = "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            clients = clients.Where(c => EF.Functions.Like(c.Name, pattern, "\\") || EF.Functions.Like(c.Email, pattern, "\\"));
        }

        var rows = await clients
            .OrderBy(c => c.Name)
            .ThenBy(c => c.Email)
            .Select(c => new ClientRow(c.Id, c.Name, c.Email,
                db.Bookings.Count(b => b.ClientId == c.Id && b.Status == BookingStatus.Active
                    && db.ClassSessions.Any(s => s.Id == b.ClassSessionId && s.Status == ClassStatus.Scheduled && s.StartsAt > now))))
            .Take(MaxResults + 1)
            .ToListAsync(cancellationToken);
        return new ClientSearchResult(rows.Take(MaxResults).ToList(), rows.Count > MaxResults);
    }

    /// <returns>The client's bookings, or null when there is no such client in this studio.</returns>
    public async Task<ClientBookings?> BookingsAsync(Guid clientId, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner, Roles.FrontDesk);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.Where(c => c.Id == clientId).Select(c => new { c.Name, c.Email }).SingleOrDefaultAsync(cancellationToken);
        if (client is null)
        {
            return null;
        }

        var zone = await db.StudioTimeZoneAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var rows = await db.Bookings
            .Where(b => b.ClientId == clientId)
            .Join(db.ClassSessions.WithInstructor(db), b => b.ClassSessionId, x => x.Class.Id, (b, x) => new
            {
                ClassId = x.Class.Id,
                x.Class.Name,
                x.Class.StartsAt,
                x.Class.DurationMinutes,
                x.Instructor,
                x.Class.Location,
                ClassCancelled = x.Class.Status == ClassStatus.Cancelled,
                BookingCancelled = b.Status == BookingStatus.Cancelled,
            })
            .OrderBy(r => r.StartsAt)
            .ToListAsync(cancellationToken);

        var bookings = rows
            .Select(r => new ClientBooking(r.ClassId, r.Name, zone.ToLocal(r.StartsAt), zone.ToLocal(r.StartsAt.AddMinutes(r.DurationMinutes)),
                r.Instructor, r.Location.Kind, r.Location.Describe(), r.ClassCancelled, r.BookingCancelled, r.StartsAt.AddMinutes(r.DurationMinutes) <= now))
            .ToList();
        return new ClientBookings(clientId, client.Name, client.Email, zone.Id,
            bookings.Where(b => !b.IsPast).ToList(),
            bookings.Where(b => b.IsPast).Reverse().ToList());
    }

    /// <summary>The owner adds a client by hand; the email must not already belong to a client of this studio.</summary>
    public async Task<CommandResult> AddAsync(NewClientForm form, CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        var errors = new FieldErrors();
        var name = errors.Check(nameof(NewClientForm.Name), () => Client.ValidName(form.Name));
        var email = errors.Check(nameof(NewClientForm.Email), () => EmailAddress.Normalize(form.Email));
        if (errors.Any)
        {
            return CommandResult.Invalid(errors.ToDictionary());
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Clients.AnyAsync(c => c.Email == email, cancellationToken))
        {
            return CommandResult.Invalid(new Dictionary<string, string>
            {
                [nameof(NewClientForm.Email)] = "A client with this email is already on your list.",
            });
        }

        var now = clock.GetUtcNow();
        var client = Client.Create(user.StudioId, name!, email!);
        db.Clients.Add(client);
        db.AuditEntries.Add(AuditEntry.Record(user.StudioId, now, user.Email, "client.added", $"Added the client {client.Name} ({client.Email})."));
        if (form.SendInvitation && !await db.Invitations.AnyAsync(i => i.Email == client.Email && i.Status == InvitationStatus.Pending, cancellationToken))
        {
            var invitation = Invitation.Issue(user.StudioId, client.Email, client.Name, Roles.Client, client.Id, user.Email, now);
            db.Invitations.Add(invitation);
            emails.Owe(db, AccountEmailKind.Invitation, userId: null, user.StudioId, invitation.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        await emails.SendSoonAsync(cancellationToken);
        return CommandResult.Success;
    }
}

public sealed record ClientRow(Guid Id, string Name, string Email, int UpcomingBookings);

public sealed record ClientSearchResult(IReadOnlyList<ClientRow> Clients, bool HasMore);

public sealed record ClientBooking(
    Guid ClassId, string ClassName, DateTime StartsLocal, DateTime EndsLocal, string Instructor,
    LocationKind LocationKind, string LocationText, bool ClassCancelled, bool BookingCancelled, bool IsPast);

public sealed record ClientBookings(
    Guid ClientId, string Name, string Email, string TimeZoneId, IReadOnlyList<ClientBooking> Upcoming, IReadOnlyList<ClientBooking> Past);

public sealed class NewClientForm
{
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";

    /// <summary>Also email them an invitation to sign in to the studio.</summary>
    public bool SendInvitation { get; set; } = true;
}
