namespace Junocal.Web.Notifications;

/// <summary>How every email that fails for a while is retried: class emails and account emails alike.</summary>
public static class EmailRetry
{
    public const int MaxAttempts = 8;

    /// <summary>Long enough for one SMTP conversation; a dispatcher that dies mid-send lets the row fall due again after it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>30 s, 1 min, 2 min, … up to an hour, each ±20 % so many failed emails do not all come back at once.</summary>
    public static TimeSpan Backoff(int attempts) =>
        Junocal.Domain.Backoff.Exponential(attempts, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));
}
