using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Data;

/// <summary>
/// A write guarded by a row version, tried again from a fresh read when another writer changed the rows in between
/// (a token refresh, a sync). After the last attempt the conflict is the caller's: it is never taken for "nothing there".
/// </summary>
public static class ConcurrentWrites
{
    public const int Attempts = 5;

    /// <param name="attempt">Reads what it needs in a context of its own, then saves.</param>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> attempt)
    {
        for (var tried = 1; ; tried++)
        {
            try
            {
                return await attempt();
            }
            catch (DbUpdateConcurrencyException) when (tried < Attempts)
            {
            }
        }
    }
}
