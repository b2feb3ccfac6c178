using System.Text.RegularExpressions;
using Junocal.Web.Integrations.GoogleMeet;

namespace Junocal.Tests.Integrations.GoogleMeet;

/// <summary>Event ids Google accepts (base32hex, 5–1024 characters), the same for the same class and generation only.</summary>
public partial class GoogleEventIdsFor
{
    [Fact]
    public void UsesOnlyGooglesAlphabetAndLength()
    {
        for (var i = 0; i < 200; i++)
        {
            var id = GoogleEventIds.For(Guid.NewGuid(), i);

            Assert.Matches(GoogleIdRule(), id);
        }
    }

    [Fact]
    public void GivesTheSameIdForTheSameClassAndGeneration()
    {
        var classId = Guid.NewGuid();

        Assert.Equal(GoogleEventIds.For(classId, 0), GoogleEventIds.For(classId, 0));
        Assert.NotEqual(GoogleEventIds.For(classId, 0), GoogleEventIds.For(classId, 1));
        Assert.NotEqual(GoogleEventIds.For(classId, 0), GoogleEventIds.For(Guid.NewGuid(), 0));
    }

    [Fact]
    public void KeepsDistinctClassesApartInTheEncodedPart()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => GoogleEventIds.For(Guid.NewGuid(), 0)).ToHashSet();

        Assert.Equal(1000, ids.Count);
    }

    [GeneratedRegex("^[a-v0-9]{5,1024}$")]
    private static partial Regex GoogleIdRule();
}
