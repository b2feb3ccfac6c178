using Junocal.Web.Notifications;

namespace Junocal.Web.Security;

/// <summary>Accepts only paths on this site, so no link or form can send a person elsewhere after signing in.</summary>
public static class LocalPath
{
    public static bool IsLocal(string? path) =>
        !string.IsNullOrEmpty(path) && path.Length <= AccountEmail.MaxReturnUrlLength && path.StartsWith('/')
        && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal);

    public static string? OrNull(string? path) => IsLocal(path) ? path : null;

    public static string OrStart(string? path) => IsLocal(path) ? path! : "/";
}
