using Junocal.Domain;
using Junocal.Domain.People;
using Junocal.Tests.Infrastructure;

namespace Junocal.Tests.Domain.People;

public class InvitationAccept
{
    private static readonly DateTimeOffset Sent = TestCalendar.FakeNow;

    private static Invitation Invite() =>
        Invitation.Issue(Guid.NewGuid(), "Maya@Example.com", "Maya Chen", Roles.Instructor, null, "owner@example.com", Sent);

    [Fact]
    public void AcceptsTheInvitedAddressInAnyCaseWithinSevenDays()
    {
        var invitation = Invite();
        var person = Guid.NewGuid();

        invitation.Accept(1, "MAYA@example.com", "user-1", person, Sent.AddDays(7).AddSeconds(-1));

        Assert.Equal(InvitationStatus.Accepted, invitation.Status);
        Assert.Equal(person, invitation.PersonId);
        Assert.Equal("user-1", invitation.AcceptedByUserId);
    }

    [Fact]
    public void RefusesASecondUse()
    {
        var invitation = Invite();
        invitation.Accept(1, "maya@example.com", "user-1", Guid.NewGuid(), Sent);

        var refused = Assert.Throws<DomainException>(() => invitation.Accept(1, "maya@example.com", "user-1", Guid.NewGuid(), Sent));

        Assert.Contains("already been used", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesOnceSevenDaysHavePassed()
    {
        var invitation = Invite();

        var refused = Assert.Throws<DomainException>(() => invitation.Accept(1, "maya@example.com", "user-1", Guid.NewGuid(), Sent.AddDays(7)));

        Assert.Contains("expired", refused.Message, StringComparison.Ordinal);
        Assert.Equal(InvitationStatus.Pending, invitation.Status);
    }

    [Fact]
    public void RefusesAnotherEmailAddressAndNamesTheInvitedOne()
    {
        var invitation = Invite();

        var refused = Assert.Throws<DomainException>(() => invitation.Accept(1, "someone@example.com", "user-2", Guid.NewGuid(), Sent));

        Assert.Contains("maya@example.com", refused.Message, StringComparison.Ordinal);
        Assert.Equal(InvitationStatus.Pending, invitation.Status);
    }

    [Fact]
    public void RefusesTheOldLinkAfterAResendAndAcceptsTheNewOneForAnotherWeek()
    {
        var invitation = Invite();
        invitation.Resend(Sent.AddDays(6));

        Assert.Throws<DomainException>(() => invitation.Accept(1, "maya@example.com", "user-1", Guid.NewGuid(), Sent.AddDays(6)));
        invitation.Accept(2, "maya@example.com", "user-1", Guid.NewGuid(), Sent.AddDays(12));

        Assert.Equal(InvitationStatus.Accepted, invitation.Status);
    }

    [Fact]
    public void RefusesARevokedInvitation()
    {
        var invitation = Invite();
        invitation.Revoke(Sent.AddHours(1));

        var refused = Assert.Throws<DomainException>(() => invitation.Accept(1, "maya@example.com", "user-1", Guid.NewGuid(), Sent.AddHours(2)));

        Assert.Contains("withdrawn", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CannotBeResentOrRevokedOnceAccepted()
    {
        var invitation = Invite();
        invitation.Accept(1, "maya@example.com", "user-1", Guid.NewGuid(), Sent);

        Assert.Throws<DomainException>(() => invitation.Resend(Sent.AddHours(1)));
        Assert.Throws<DomainException>(() => invitation.Revoke(Sent.AddHours(1)));
    }
}
