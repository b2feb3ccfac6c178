using Junocal.Domain;
using Junocal.Domain.Scheduling;

namespace Junocal.Tests.Domain.Scheduling;

public class ClassSessionSchedule
{
    [Fact]
    public void CreatesAScheduledClassWithTrimmedNameAndUtcStart()
    {
        var start = ClassSessionBuilder.Now.AddDays(1).ToOffset(TimeSpan.FromHours(1));

        var session = new ClassSessionBuilder().Named("  Reformer Flow ").StartingAt(start).Build();

        Assert.Equal("Reformer Flow", session.Name);
        Assert.Equal(ClassStatus.Scheduled, session.Status);
        Assert.Equal(TimeSpan.Zero, session.StartsAt.Offset);
        Assert.Equal(start, session.StartsAt);
        Assert.Equal(1, session.Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void RefusesAMissingName(string name)
    {
        var error = Assert.Throws<DomainException>(() => new ClassSessionBuilder().Named(name).Build());
        Assert.Equal("Class name is required.", error.Message);
    }

    [Fact]
    public void AcceptsANameOfExactly200Characters() =>
        Assert.Equal(200, new ClassSessionBuilder().Named(new string('a', 200)).Build().Name.Length);

    [Fact]
    public void RefusesANameLongerThan200Characters()
    {
        var error = Assert.Throws<DomainException>(() => new ClassSessionBuilder().Named(new string('a', 201)).Build());
        Assert.Equal("Class name must be at most 200 characters.", error.Message);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(600)]
    public void AcceptsDurationsAtTheBounds(int minutes) =>
        Assert.Equal(minutes, new ClassSessionBuilder().Lasting(minutes).Build().DurationMinutes);

    [Theory]
    [InlineData(4)]
    [InlineData(601)]
    [InlineData(0)]
    public void RefusesDurationsOutsideFiveToSixHundredMinutes(int minutes)
    {
        var error = Assert.Throws<DomainException>(() => new ClassSessionBuilder().Lasting(minutes).Build());
        Assert.Equal("Duration must be between 5 and 600 minutes.", error.Message);
    }

    [Fact]
    public void RefusesZeroCapacity() =>
        Assert.Throws<DomainException>(() => new ClassSessionBuilder().WithCapacity(0).Build());
}
