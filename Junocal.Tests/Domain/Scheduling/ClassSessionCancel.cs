using Junocal.Domain;
using Junocal.Domain.Scheduling;

namespace Junocal.Tests.Domain.Scheduling;

public class ClassSessionCancel
{
    private static readonly DateTimeOffset Now = ClassSessionBuilder.Now;

    [Fact]
    public void MarksTheClassCancelledWithTheReason()
    {
        var session = new ClassSessionBuilder().Build();

        session.Cancel("  Instructor ill ", Now);

        Assert.Equal(ClassStatus.Cancelled, session.Status);
        Assert.Equal("Instructor ill", session.CancellationReason);
        Assert.Equal(Now, session.CancelledAt);
    }

    [Fact]
    public void RefusesToCancelTwice()
    {
        var session = new ClassSessionBuilder().Build();
        session.Cancel(null, Now);

        Assert.Throws<DomainException>(() => session.Cancel(null, Now));
    }

    [Fact]
    public void RefusesRenamingACancelledClass()
    {
        var session = new ClassSessionBuilder().Named("Barre").Build();
        session.Cancel(null, Now);

        Assert.Throws<DomainException>(() => session.Rename("Barre Burn"));
        Assert.Equal("Barre", session.Name);
    }
}
