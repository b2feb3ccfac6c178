using Junocal.Domain;
using Junocal.Domain.Studios;

namespace Junocal.Tests.Domain.Studios;

public class StudioCreate
{
    [Fact]
    public void KeepsTheIanaZone() =>
        Assert.Equal("Europe/London", Studio.Create("Juno Pilates", "Europe/London").TimeZone.Id);

    [Fact]
    public void RefusesAnUnknownZone() =>
        Assert.Throws<DomainException>(() => Studio.Create("Juno Pilates", "Nowhere/Special"));

    [Fact]
    public void RefusesAMissingName() =>
        Assert.Throws<DomainException>(() => Studio.Create(" ", "Europe/London"));
}
