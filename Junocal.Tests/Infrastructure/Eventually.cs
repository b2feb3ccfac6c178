namespace Junocal.Tests.Infrastructure;

/// <summary>
/// Waits for a state the app reaches on its own (a background job, a webhook), never for a fixed time: it returns as
/// soon as the state is there, and gives up only after <see cref="Patience"/>, which a loaded machine never needs.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Reads until <paramref name="reached"/> holds for what was read and returns that; throws after <paramref name="within"/>.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> read, Func<T, bool> reached, TimeSpan? within = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (within ?? Patience);
        while (true)
        {
            var value = await read();
            if (reached(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what ?? "The expected state"} was not reached within {within ?? Patience}; last seen: {value}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; throws after <paramref name="within"/>.</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null) =>
        ReturnsAsync(condition, held => held, within, what);

    /// <summary>Waits until <paramref name="condition"/> holds; throws after <paramref name="within"/>.</summary>
    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? within = null) =>
        ReturnsAsync(() => Task.FromResult(condition()), held => held, within, what);
}
