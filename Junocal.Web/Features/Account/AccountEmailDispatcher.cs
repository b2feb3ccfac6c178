using Junocal.Web.Data;
using Junocal.Web.Email;
using Junocal.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.Account;

/// <summary>
/// Sends the account emails owed, each rendered at send time by its <see cref="IAccountEmailRenderer"/> (so a token
/// is made only when it leaves, and never stored). Failures are retried like class emails (<see cref="EmailRetry"/>).
/// Logs name the kind, the row and the recipient's domain — never the link.
/// </summary>
public sealed partial class AccountEmailDispatcher(
    SystemDbContextFactory contexts,
    IServiceScopeFactory scopes,
    AccountEmailComposer composer,
    IEmailTransport transport,
    TimeProvider clock,
    ILogger<AccountEmailDispatcher> logger)
{
    private const int BatchSize = 50;

    /// <returns>How many emails were sent.</returns>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var db = contexts.CreateDbContext())
        {
            due = await db.AccountEmails
                .Where(e => e.Status == OutboxStatus.Pending && e.NextAttemptAt <= now)
                .OrderBy(e => e.NextAttemptAt)
                .Select(e => e.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        var sent = 0;
        foreach (var id in due)
        {
            sent += await DispatchAsync(id, cancellationToken) ? 1 : 0;
        }

        return sent;
    }

    private async Task<bool> DispatchAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var now = clock.GetUtcNow();
        var owed = await db.AccountEmails.SingleAsync(e => e.Id == id, cancellationToken);
        if (owed.Status != OutboxStatus.Pending || owed.NextAttemptAt > now)
        {
            return false;
        }

        owed.Claim(now, EmailRetry.Lease);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false; // another dispatcher claimed it first
        }

        AccountEmailRendering rendering;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var renderer = scope.ServiceProvider.GetServices<IAccountEmailRenderer>().SingleOrDefault(r => r.Kind == owed.Kind);
            rendering = renderer is null
                ? AccountEmailRendering.Skip($"Nothing renders {owed.Kind} emails.")
                : await renderer.RenderAsync(owed, cancellationToken);
        }

        if (rendering.Content is not { } content)
        {
            owed.MarkSkipped(rendering.SkipReason ?? "Nothing to send.");
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        var domain = content.ToAddress[(content.ToAddress.LastIndexOf('@') + 1)..];
        var result = await transport.SendAsync(composer.Compose(content, owed.Id), cancellationToken);
        now = clock.GetUtcNow();
        switch (result.Outcome)
        {
            case EmailSendOutcome.Sent:
                owed.MarkSent(now);
                LogSent(logger, owed.Kind, owed.Id, domain);
                break;
            case EmailSendOutcome.TransientFailure when owed.Attempts < EmailRetry.MaxAttempts:
                owed.RetryAt(now + EmailRetry.Backoff(owed.Attempts), result.Reason ?? "temporary failure");
                LogRetry(logger, owed.Kind, owed.Id, domain, owed.Attempts, result.Reason);
                break;
            default:
                owed.MarkFailed(result.Reason ?? "the mail server refused it");
                LogGaveUp(logger, owed.Kind, owed.Id, domain, owed.Attempts, result.Reason);
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        return result.IsSent;
    }

    [LoggerMessage(EventId = LogEvents.AccountEmails.Sent, Level = LogLevel.Information, Message = "Sent {Kind} account email {EmailId} to a recipient at {RecipientDomain}")]
    private static partial void LogSent(ILogger logger, AccountEmailKind kind, Guid emailId, string recipientDomain);

    [LoggerMessage(EventId = LogEvents.AccountEmails.Retry, Level = LogLevel.Warning,
        Message = "{Kind} account email {EmailId} to a recipient at {RecipientDomain} failed (attempt {Attempts}); will retry: {Reason}")]
    private static partial void LogRetry(ILogger logger, AccountEmailKind kind, Guid emailId, string recipientDomain, int attempts, string? reason);

    [LoggerMessage(EventId = LogEvents.AccountEmails.GaveUp, Level = LogLevel.Error,
        Message = "{Kind} account email {EmailId} to a recipient at {RecipientDomain} given up after {Attempts} attempt(s): {Reason}")]
    private static partial void LogGaveUp(ILogger logger, AccountEmailKind kind, Guid emailId, string recipientDomain, int attempts, string? reason);
}
