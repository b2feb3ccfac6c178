using Junocal.Domain.People;
using Junocal.Web.Data;
using Junocal.Web.Email;
using Junocal.Web.Notifications;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Junocal.Web.Features.Outbox;

/// <summary>
/// The owner's view of the emails the studio owes and sent, for Development: each row of the outbox with its state,
/// matched to the .eml file the pickup folder holds for it. Only the studio's own rows are ever matched.
/// </summary>
public sealed class OutboxService(
    IDbContextFactory<JunocalDbContext> contexts,
    CurrentUser user,
    IHostEnvironment environment,
    IEmailTransport transport)
{
    private const int Shown = 200;

    public bool IsAvailable => environment.IsDevelopment();

    public async Task<IReadOnlyList<OutboxLine>> ListAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.Owner);
        if (!IsAvailable)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var zone = await db.StudioTimeZoneAsync(cancellationToken);
        var rows = await db.OutboxEmails
            .OrderByDescending(e => e.CreatedAt)
            .Take(Shown)
            .Join(db.Bookings, e => e.BookingId, b => b.Id, (e, b) => new { Email = e, b.ClientId })
            .Join(db.Clients, x => x.ClientId, c => c.Id, (x, c) => new { x.Email, Client = c.Email })
            .Join(db.ClassSessions, x => x.Email.ClassSessionId, s => s.Id, (x, s) => new { x.Email, x.Client, ClassName = s.Name })
            .ToListAsync(cancellationToken);

        var files = await PickupFilesByKeyAsync(cancellationToken);
        return rows
            .OrderByDescending(r => r.Email.CreatedAt)
            .Select(r => new OutboxLine(
                zone.ToLocal(r.Email.SentAt ?? r.Email.CreatedAt), r.Email.Kind, r.Client, r.ClassName, r.Email.Status,
                r.Email.Attempts, r.Email.LastError, files.GetValueOrDefault(r.Email.DedupeKey)))
            .ToList();
    }

    private async Task<Dictionary<string, PickupFile>> PickupFilesByKeyAsync(CancellationToken cancellationToken)
    {
        var byKey = new Dictionary<string, PickupFile>();
        if (transport is not PickupDirectoryEmailTransport pickup || !Directory.Exists(pickup.DirectoryPath))
        {
            return byKey;
        }

        foreach (var path in Directory.EnumerateFiles(pickup.DirectoryPath, "*.eml").OrderDescending().Take(Shown * 2))
        {
            var message = await MimeMessage.LoadAsync(path, cancellationToken);
            if (message.Headers[ClassEmailComposer.EmailKeyHeader] is { } key)
            {
                byKey.TryAdd(key, new PickupFile(Path.GetFileName(path), message.Subject ?? ""));
            }
        }

        return byKey;
    }
}

public sealed record PickupFile(string FileName, string Subject);

public sealed record OutboxLine(
    DateTime WhenLocal, EmailKind Kind, string To, string ClassName, OutboxStatus Status, int Attempts, string? LastError, PickupFile? File);
