namespace Junocal.Web.Integrations.Zoom.Webhooks;

/// <summary>What <see cref="ZoomSignatureVerifier.Verify"/> found. Only <see cref="Valid"/> may be acted on.</summary>
public enum ZoomSignatureResult
{
    Valid,

    /// <summary>No <c>x-zm-signature</c> header.</summary>
    MissingSignature,

    /// <summary>No <c>x-zm-request-timestamp</c> header.</summary>
    MissingTimestamp,

    /// <summary>A timestamp that is not unix seconds, or a signature that is not <c>v0=</c> and 64 hex digits.</summary>
    Malformed,

    /// <summary>A timestamp more than five minutes away from now: a replay, or a badly wrong clock.</summary>
    Stale,

    /// <summary>Well formed and fresh, but not signed with a configured secret token.</summary>
    Mismatch,
}
