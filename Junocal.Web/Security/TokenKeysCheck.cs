using Microsoft.Extensions.Options;

namespace Junocal.Web.Security;

/// <summary>
/// Stops a start whose token keys are missing or unusable. A hosted service rather than <c>ValidateOnStart</c>:
/// it runs after the database initializer, so a database that cannot be opened is still the first thing an operator is told.
/// </summary>
internal sealed partial class TokenKeysCheck(IOptionsMonitor<TokenVaultOptions> options, ILogger<TokenKeysCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _ = options.CurrentValue;
        }
        catch (OptionsValidationException invalid)
        {
            foreach (var failure in invalid.Failures)
            {
                LogUnusableKeys(logger, failure);
            }

            throw;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = LogEvents.Security.TokenKeysProblem, Level = LogLevel.Critical, Message = "{Problem}")]
    private static partial void LogUnusableKeys(ILogger logger, string problem);
}
