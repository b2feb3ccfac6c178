using Junocal.Domain;
using Junocal.Web.Email;

namespace Junocal.Web.Notifications;

/// <summary>
/// An email owed to a booking, written in the same transaction as the change that owes it, and sent later by
/// <see cref="EmailDispatcher"/>. Its content is rendered only when sent, from the data current then.
/// (BookingId, Kind, ClassRevision, ReminderMinutes) is unique: an email is owed at most once per class revision.
/// </summary>
public sealed class OutboxEmail : IStudioOwned
{
    public const int MaxErrorLength = 1000;

    private OutboxEmail()
    {
    }

    public Guid Id { get; private set; }
    public Guid StudioId { get; private set; }
    public Guid BookingId { get; private set; }
    public Guid ClassSessionId { get; private set; }
    public EmailKind Kind { get; private set; }
    public int ClassRevision { get; private set; }

    /// <summary>For reminders, how long before the start it is due; 0 for every other kind.</summary>
    public int ReminderMinutes { get; private set; }

    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>Concurrency token: one dispatcher claims a row before sending it.</summary>
    public int Version { get; private set; }

    public string DedupeKey => $"{BookingId:N}:{Kind}:{ClassRevision}:{ReminderMinutes}";

    public static OutboxEmail Owe(Guid studioId, Guid bookingId, Guid classSessionId, EmailKind kind, int classRevision,
        DateTimeOffset now, int reminderMinutes = 0) => new()
        {
            Id = Guid.CreateVersion7(),
            StudioId = studioId,
            BookingId = bookingId,
            ClassSessionId = classSessionId,
            Kind = kind,
            ClassRevision = classRevision,
            ReminderMinutes = reminderMinutes,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
            Version = 1,
        };

    /// <summary>Takes the row for one attempt; a crash mid-send leaves it due again after <paramref name="lease"/>.</summary>
    public void Claim(DateTimeOffset now, TimeSpan lease)
    {
        Attempts++;
        NextAttemptAt = now + lease;
        Version++;
    }

    public void MarkSent(DateTimeOffset now)
    {
        Status = OutboxStatus.Sent;
        SentAt = now;
        LastError = null;
        Version++;
    }

    public void MarkSkipped(string why)
    {
        Status = OutboxStatus.Skipped;
        LastError = Truncate(why);
        Version++;
    }

    public void RetryAt(DateTimeOffset when, string error)
    {
        NextAttemptAt = when;
        LastError = Truncate(error);
        Version++;
    }

    public void MarkFailed(string error)
    {
        Status = OutboxStatus.Failed;
        LastError = Truncate(error);
        Version++;
    }

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
}

public enum OutboxStatus
{
    Pending,
    Sent,
    Skipped,
    Failed,
}
