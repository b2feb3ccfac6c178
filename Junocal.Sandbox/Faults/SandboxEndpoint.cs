namespace Junocal.Sandbox.Faults;

/// <summary>The sandbox endpoints a test can script faults for.</summary>
public enum SandboxEndpoint
{
    Authorize,
    Token,
    Revoke,
    GetUser,
    CreateMeeting,
    GetMeeting,
    UpdateMeeting,
    DeleteMeeting,
}

/// <summary>Route metadata naming the endpoint, for fault lookup and the request log.</summary>
internal sealed record SandboxEndpointTag(SandboxEndpoint Endpoint);
