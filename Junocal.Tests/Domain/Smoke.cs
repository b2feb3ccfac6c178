namespace Junocal.Tests.Domain;

public class Smoke
{
    [Fact]
    public void Runs() => Assert.True(true);
}
