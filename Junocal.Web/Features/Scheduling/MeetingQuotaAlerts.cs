using Junocal.Domain.People;
using Junocal.Domain.Studios;
using Junocal.Web.Components.Shared;
using Junocal.Web.Data;
using Junocal.Web.Email;
using Junocal.Web.Features.Account;
using Junocal.Web.Meetings;
using Junocal.Web.Notifications;
using Junocal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.Scheduling;

/// <summary>
/// Emails a studio's owners, once per class, when a class starts within 24 hours and still has no link because its
/// provider's daily quota holds it back; the schedule shows the same as a banner. Run by the background jobs.
/// </summary>
public sealed class MeetingQuotaAlerts(SystemDbContextFactory contexts, AccountEmailOutbox emails, TimeProvider clock)
{
    /// <returns>How many alerts were owed.</returns>
    public async Task<int> OweDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = contexts.CreateDbContext();
        var atRisk = new List<AtRiskClass>();
        foreach (var kind in MeetingProviders.GeneratedKinds)
        {
            atRisk.AddRange(await MeetingQuotaPlan.AtRisk(db, kind, now).ToListAsync(cancellationToken));
        }

        if (atRisk.Count == 0)
        {
            return 0;
        }

        var classIds = atRisk.Select(c => (Guid?)c.Id).ToList();
        var studioIds = atRisk.Select(c => c.StudioId).Distinct().ToList();
        var alerted = (await db.AccountEmails
            .Where(e => e.Kind == AccountEmailKind.MeetingQuotaAlert && classIds.Contains(e.ReferenceId))
            .Select(e => new { e.ReferenceId, e.UserId })
            .ToListAsync(cancellationToken)).Select(e => (e.ReferenceId, e.UserId)).ToHashSet();
        var owners = await db.Memberships
            .Where(m => studioIds.Contains(m.StudioId) && m.Role == Roles.Owner && m.Status == MembershipStatus.Active)
            .Select(m => new { m.StudioId, m.UserId })
            .ToListAsync(cancellationToken);
        var owed = 0;
        foreach (var session in atRisk)
        {
            foreach (var owner in owners.Where(o => o.StudioId == session.StudioId && !alerted.Contains((session.Id, o.UserId))))
            {
                emails.Owe(db, AccountEmailKind.MeetingQuotaAlert, owner.UserId, session.StudioId, session.Id);
                owed++;
            }
        }

        if (owed > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            await emails.SendSoonAsync(cancellationToken);
        }

        return owed;
    }
}

/// <summary>"… has no Zoom link yet": the alert as it leaves, or skipped when the class got its link meanwhile.</summary>
internal sealed class MeetingQuotaAlertRenderer(UserManager<JunocalUser> users, SystemDbContextFactory contexts, PublicLinks links, TimeProvider clock)
    : IAccountEmailRenderer
{
    public AccountEmailKind Kind => AccountEmailKind.MeetingQuotaAlert;

    public async Task<AccountEmailRendering> RenderAsync(AccountEmail email, CancellationToken cancellationToken)
    {
        var user = email.UserId is null ? null : await users.FindByIdAsync(email.UserId);
        if (user?.Email is null)
        {
            return AccountEmailRendering.Skip("The account no longer exists.");
        }

        await using var db = contexts.CreateDbContext();
        var session = await db.ClassSessions.Where(c => c.Id == email.ReferenceId).ToRows(db).SingleOrDefaultAsync(cancellationToken);
        if (session?.Link is not { Url: null, Status: LinkStatus.DailyLimit } link || session.StartsAt <= clock.GetUtcNow())
        {
            return AccountEmailRendering.Skip("The class has its link now, or no longer needs one.");
        }

        var studio = await db.Studios.Where(s => s.Id == email.StudioId).Select(s => new { s.Name, s.TimeZoneId }).SingleAsync(cancellationToken);
        var zone = new StudioTimeZone(studio.TimeZoneId);
        var starts = zone.ToLocal(session.StartsAt);
        var provider = link.Provider;
        return AccountEmailRendering.Send(new AccountEmailContent(
            user.Email, user.DisplayName, $"{session.Name} on {StudioTime.ShortDay(starts)} has no {provider} link yet",
            $"{session.Name} has no {provider} link yet",
            [
                $"Hello {user.DisplayName},",
                $"{session.Name} starts {StudioTime.DateTime(starts)} ({studio.TimeZoneId}) and still has no {provider} link: {provider} allows only so many new or changed meetings a day, and {studio.Name}'s are used up.",
                $"{link.In(zone).Describe()}.",
                "If that is too late for your clients, switch the class to a custom link (paste a link from any video service): open the class and choose \"Switch to a custom link\".",
            ],
            "Open the class", links.For($"/classes/{session.Id}"),
            $"Sent once for this class to the owners of {studio.Name}."));
    }
}
