using Junocal.Domain;
using Junocal.Domain.People;

namespace Junocal.Tests.Domain.People;

public class StaffMemberCreate
{
    [Theory]
    [InlineData(Roles.Owner)]
    [InlineData(Roles.FrontDesk)]
    [InlineData(Roles.Instructor)]
    public void AcceptsEachStaffRole(string role) =>
        Assert.Equal(role, StaffMember.Create(Guid.NewGuid(), "Maya Chen", "maya@example.com", role).Role);

    [Fact]
    public void RefusesTheClientRole() =>
        Assert.Throws<DomainException>(() => StaffMember.Create(Guid.NewGuid(), "Alex", "alex@example.com", Roles.Client));

    [Fact]
    public void NormalisesTheEmailToLowerCase() =>
        Assert.Equal("maya@example.com", StaffMember.Create(Guid.NewGuid(), "Maya", " Maya@Example.com ", Roles.Instructor).Email);

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("Maya <maya@example.com>")]
    public void RefusesSomethingThatIsNotAnEmailAddress(string email) =>
        Assert.Throws<DomainException>(() => StaffMember.Create(Guid.NewGuid(), "Maya", email, Roles.Instructor));

    [Fact]
    public void AcceptsAnInstructorWithoutAnEmail() =>
        Assert.Null(StaffMember.Create(Guid.NewGuid(), "Leo Park", " ", Roles.Instructor).Email);

    [Fact]
    public void ADeactivatedMemberCannotChangeRole()
    {
        var leo = StaffMember.Create(Guid.NewGuid(), "Leo Park", null, Roles.Instructor);
        leo.Deactivate(DateTimeOffset.UnixEpoch);

        Assert.False(leo.IsActive);
        Assert.Throws<DomainException>(() => leo.ChangeRole(Roles.FrontDesk));
    }
}
