namespace Junocal.Sandbox.OAuth;

/// <summary>Granular scopes (https://developers.zoom.us/docs/integrations/oauth-scopes-granular/) in plain words.</summary>
internal static class ScopeDescriptions
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["meeting:write:meeting"] = "Create meetings for you",
        ["meeting:update:meeting"] = "Change meetings you host",
        ["meeting:delete:meeting"] = "Delete meetings you host",
        ["meeting:read:meeting"] = "See the details of your meetings",
        ["meeting:read:list_meetings"] = "See the list of your meetings",
        ["user:read:user"] = "See your profile: name, email address and account",
        ["user:read:settings"] = "See your Zoom settings",
    };

    public static string Describe(string scope) =>
        Known.TryGetValue(scope, out var words) ? words : $"Use the permission \u201c{scope}\u201d";
}
