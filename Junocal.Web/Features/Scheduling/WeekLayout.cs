namespace Junocal.Web.Features.Scheduling;

/// <summary>
/// Places a week's classes on a days × hours grid: which hours to show, and for each class its offset, height and
/// lane, so classes that overlap on a day sit side by side instead of on top of each other.
/// </summary>
public sealed class WeekLayout
{
    private const int EarliestDefaultHour = 6;
    private const int LatestDefaultHour = 21;

    private WeekLayout(int firstHour, int lastHour, IReadOnlyDictionary<Guid, (int Lane, int Lanes)> lanes)
    {
        FirstHour = firstHour;
        LastHour = lastHour;
        _lanes = lanes;
    }

    private readonly IReadOnlyDictionary<Guid, (int Lane, int Lanes)> _lanes;

    /// <summary>The first hour row shown (studio time).</summary>
    public int FirstHour { get; }

    /// <summary>The hour the grid ends at (exclusive).</summary>
    public int LastHour { get; }

    public IEnumerable<int> Hours => Enumerable.Range(FirstHour, LastHour - FirstHour);

    public static WeekLayout For(IReadOnlyList<ClassListItem> classes)
    {
        var first = Math.Min(EarliestDefaultHour, classes.Count == 0 ? EarliestDefaultHour : classes.Min(c => c.StartsLocal.Hour));
        var last = Math.Max(LatestDefaultHour, classes.Count == 0 ? LatestDefaultHour : classes.Max(LastHourOf));
        var lanes = new Dictionary<Guid, (int, int)>();
        foreach (var day in classes.GroupBy(c => c.StartsLocal.Date))
        {
            foreach (var cluster in OverlapClusters(day.OrderBy(c => c.StartsLocal).ToList()))
            {
                var laneEnds = new List<DateTime>();
                var assigned = new List<(Guid Id, int Lane)>();
                foreach (var c in cluster)
                {
                    var lane = laneEnds.FindIndex(end => end <= c.StartsLocal);
                    if (lane < 0)
                    {
                        laneEnds.Add(c.EndsLocal);
                        lane = laneEnds.Count - 1;
                    }
                    else
                    {
                        laneEnds[lane] = c.EndsLocal;
                    }

                    assigned.Add((c.Id, lane));
                }

                foreach (var (id, lane) in assigned)
                {
                    lanes[id] = (lane, laneEnds.Count);
                }
            }
        }

        return new WeekLayout(first, Math.Min(24, last), lanes);
    }

    /// <summary>Minutes from the top of the grid to the class's start.</summary>
    public int MinutesFromTop(ClassListItem c) => (int)(c.StartsLocal.TimeOfDay.TotalMinutes - FirstHour * 60);

    public (int Lane, int Lanes) LaneOf(ClassListItem c) => _lanes.TryGetValue(c.Id, out var lane) ? lane : (0, 1);

    private static int LastHourOf(ClassListItem c) =>
        c.EndsLocal.Date > c.StartsLocal.Date ? 24 : c.EndsLocal.Hour + (c.EndsLocal.Minute > 0 ? 1 : 0);

    private static IEnumerable<List<ClassListItem>> OverlapClusters(List<ClassListItem> ordered)
    {
        var cluster = new List<ClassListItem>();
        var clusterEnd = DateTime.MinValue;
        foreach (var c in ordered)
        {
            if (cluster.Count > 0 && c.StartsLocal >= clusterEnd)
            {
                yield return cluster;
                cluster = [];
            }

            cluster.Add(c);
            clusterEnd = c.EndsLocal > clusterEnd ? c.EndsLocal : clusterEnd;
        }

        if (cluster.Count > 0)
        {
            yield return cluster;
        }
    }
}
