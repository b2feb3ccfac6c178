using System.Text.RegularExpressions;

namespace Junocal.Tests.Infrastructure;

/// <summary>
/// No test may depend on the calendar year: a date spelled in a test source is a test that fails on the day the
/// calendar passes it. Dates come from <see cref="TestCalendar"/>, the one file allowed to spell a year.
/// </summary>
public partial class TestSourceDates
{
    private const string Calendar = "TestCalendar.cs";

    [Fact]
    public void NoTestSourceButTheTestCalendarSpellsAYear()
    {
        var offenders =
            from file in Directory.EnumerateFiles(SourceRoot(), "*.*", SearchOption.AllDirectories)
            where file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".razor", StringComparison.Ordinal)
            where !IsBuildOutput(file) && Path.GetFileName(file) != Calendar
            from line in File.ReadLines(file).Select((text, index) => (text, number: index + 1))
            where SpelledYear().IsMatch(line.text)
            select $"{Path.GetRelativePath(SourceRoot(), file)}:{line.number}: {line.text.Trim()}";

        Assert.Empty(offenders);
    }

    [Fact]
    public void RecognisesTheYearInTheTestCalendar()
    {
        var calendar = Directory.EnumerateFiles(SourceRoot(), Calendar, SearchOption.AllDirectories).Single(f => !IsBuildOutput(f));

        Assert.Contains(File.ReadLines(calendar), line => SpelledYear().IsMatch(line));
    }

    [Theory]
    [InlineData("new DateTime(20" + "27, 3, 15)")]
    [InlineData("new DateTimeOffset(20" + "26, 3, 2, 9, 0, 0, TimeSpan.Zero)")]
    [InlineData("start_time = \"20" + "26-03-12T18:00:00Z\"")]
    [InlineData("\"DTSTART:20" + "260330T063000Z\"")]
    [InlineData("// 29 March 20" + "26: London clocks jump")]
    public void RecognisesAYearSpelledInAnyForm(string line) => Assert.Matches(SpelledYear(), line);

    [Theory]
    [InlineData("random.Next(0, 2048)")]
    [InlineData("DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)")]
    [InlineData("new DateTime(TestCalendar.NextYear, 1, 3)")]
    public void LeavesOtherNumbersAlone(string line) => Assert.DoesNotMatch(SpelledYear(), line);

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Junocal.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The test project's sources are not above " + AppContext.BaseDirectory);
    }

    // A year of this century's first four decades standing alone (a date's year, the start of an iCalendar stamp, prose):
    // not part of a longer number. Later "years" are left alone: tests use them as plain numbers, e.g. 2048 bytes.
    [GeneratedRegex(@"(?<![\d_.])20[0-3]\d(?=[^\d_]|[01]\d[0-3]\dT|$)")]
    private static partial Regex SpelledYear();
}
