using Junocal.Web.Notifications;
using Junocal.Web.Data;
using Junocal.Web.Jobs;
using Quartz;

namespace Junocal.Web.Features.Account;

/// <summary>
/// Owes account emails in the caller's transaction, and asks for them to go out now rather than at the next
/// dispatch tick. If the nudge is lost, the periodic email job still sends them.
/// </summary>
public sealed class AccountEmailOutbox(IServiceProvider services, TimeProvider clock)
{
    /// <summary>Adds the owed email to <paramref name="db"/>; it is sent once the caller saves.</summary>
    public AccountEmail Owe(JunocalDbContext db, AccountEmailKind kind, string? userId,
        Guid? studioId = null, Guid? referenceId = null, string? returnUrl = null)
    {
        var email = AccountEmail.Owe(kind, userId, clock.GetUtcNow(), studioId, referenceId, returnUrl);
        db.AccountEmails.Add(email);
        return email;
    }

    /// <summary>Call after the transaction that owed emails has committed.</summary>
    public async Task SendSoonAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<ISchedulerFactory>() is not { } schedulers)
        {
            return; // no scheduler in this process: the periodic job elsewhere, or a test, sends them
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(EmailDispatchJob.Key, cancellationToken);
    }
}
