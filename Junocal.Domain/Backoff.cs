namespace Junocal.Domain;

/// <summary>How long to wait before the next attempt of work that failed for a passing reason.</summary>
public static class Backoff
{
    /// <summary>
    /// Doubles from <paramref name="first"/> with each attempt, capped at <paramref name="max"/>, with ±20 % jitter so
    /// work that failed together does not retry together.
    /// </summary>
    /// <param name="attempt">1 for the first retry.</param>
    /// <param name="first">The wait before the first retry.</param>
    /// <param name="max">The longest wait.</param>
    public static TimeSpan Exponential(int attempt, TimeSpan first, TimeSpan max)
    {
        var seconds = Math.Min(max.TotalSeconds, first.TotalSeconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30)));
        return TimeSpan.FromSeconds(seconds * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }
}
