using Junocal.Web.Notifications;
using Junocal.Domain.People;
using Junocal.Web.Components.Shared;
using Junocal.Web.Data;
using Junocal.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Features.People;

/// <summary>"You're invited to …": the invitation's current link, made as the email leaves.</summary>
internal sealed class InvitationEmailRenderer(SystemDbContextFactory contexts, InvitationLinks links, TimeProvider clock) : IAccountEmailRenderer
{
    public AccountEmailKind Kind => AccountEmailKind.Invitation;

    public async Task<AccountEmailRendering> RenderAsync(AccountEmail email, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == email.ReferenceId, cancellationToken);
        if (invitation is null || invitation.RefusalFor(invitation.LinkVersion, null, clock.GetUtcNow()) is not null)
        {
            return AccountEmailRendering.Skip("The invitation is no longer open.");
        }

        var studio = await db.Studios.Where(s => s.Id == invitation.StudioId).Select(s => new { s.Name, s.TimeZoneId }).SingleAsync(cancellationToken);
        var expires = new Junocal.Domain.Studios.StudioTimeZone(studio.TimeZoneId).ToLocal(invitation.ExpiresAt);
        var what = invitation.Role == Roles.Client
            ? $"{studio.Name} invites you to book their classes on Junocal."
            : $"{studio.Name} invites you to join them on Junocal as {Article(invitation.Role)} {Roles.DisplayName(invitation.Role).ToLowerInvariant()}.";
        return AccountEmailRendering.Send(new AccountEmailContent(
            invitation.Email, invitation.Name, $"You're invited to {studio.Name} on Junocal", $"Join {studio.Name}",
            [
                $"Hello {invitation.Name},",
                what,
                $"Accept with the link below: it works once, only for {invitation.Email}, until {StudioTime.DateTime(expires)} ({studio.TimeZoneId}).",
                "If you already have a Junocal account with this address, sign in with it; otherwise you choose a password.",
            ],
            "Accept the invitation", links.For(invitation),
            $"Sent on behalf of {invitation.InvitedBy}. If you did not expect it, ignore this email: nothing happens without the link."));
    }

    private static string Article(string role) => role is Roles.Owner or Roles.Instructor ? "an" : "a";
}
