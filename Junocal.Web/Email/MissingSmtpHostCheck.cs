namespace Junocal.Web.Email;

/// <summary>
/// Stops a production start that has nowhere to send email. It runs as a hosted service, after the ones
/// registered before it, so a database that cannot be opened is still the first thing an operator is told.
/// </summary>
internal sealed partial class MissingSmtpHostCheck(ILogger<MissingSmtpHostCheck> logger) : IHostedService
{
    public const string Problem =
        "Email:Smtp:Host is not set, so emails cannot be sent. Set Email:Smtp:Host (and Email:Smtp:Port, " +
        "Email:Smtp:UserName, Email:Smtp:Password), or set Email:UsePickupDirectory=true to write them to files.";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogMissingHost(logger, Problem);
        throw new InvalidOperationException(Problem);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = LogEvents.Email.SmtpHostMissing, Level = LogLevel.Critical, Message = "{Problem}")]
    private static partial void LogMissingHost(ILogger logger, string problem);
}
