namespace Junocal.Web.Email;

public enum EmailSendOutcome
{
    Sent,

    /// <summary>Worth trying again later: the server was unreachable, timed out, or answered 4xx.</summary>
    TransientFailure,

    /// <summary>Trying again will not help: the server refused this message for good (5xx), e.g. an unknown recipient.</summary>
    PermanentFailure,
}

/// <summary>What became of one send. Failures carry a reason fit for an operator to read; no secrets.</summary>
public sealed record EmailSendResult(EmailSendOutcome Outcome, string? Reason)
{
    public static EmailSendResult Sent { get; } = new(EmailSendOutcome.Sent, null);

    public static EmailSendResult TransientFailure(string reason) => new(EmailSendOutcome.TransientFailure, reason);

    public static EmailSendResult PermanentFailure(string reason) => new(EmailSendOutcome.PermanentFailure, reason);

    public bool IsSent => Outcome == EmailSendOutcome.Sent;
}
