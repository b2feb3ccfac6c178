using System.Security.Cryptography;
using System.Text.Json;

namespace Junocal.Web.Security;

/// <summary>
/// Development only: a token key generated once into <c>App_Data/secrets/token-keys.json</c> under the content root,
/// outside the database, readable by the owner only. The file is a configuration file, so the vault reads it like
/// any other key source.
/// </summary>
internal static class DevelopmentTokenKeyFile
{
    public const string KeyId = "development";

    public static string PathUnder(string contentRoot) =>
        Path.GetFullPath(Path.Combine(contentRoot, "App_Data", "secrets", "token-keys.json"));

    /// <summary>Creates the file when it does not exist yet and returns its full path.</summary>
    public static string EnsureExists(string contentRoot)
    {
        var path = PathUnder(contentRoot);
        if (File.Exists(path))
        {
            return path;
        }

        CreateDirectory(Path.GetDirectoryName(path)!);
        var content = JsonSerializer.SerializeToUtf8Bytes(new
        {
            Security = new
            {
                ActiveTokenKey = KeyId,
                TokenKeys = new Dictionary<string, string> { [KeyId] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(TokenKeyRing.KeySize)) },
            },
        });
        try
        {
            using var file = new FileStream(path, CreateOwnerOnly());
            file.Write(content);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process (a second dotnet watch, a test run) created it first; theirs is the key.
        }

        return path;
    }

    private static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    // The mode is set as the file is created, so there is no moment in which others could read the key.
    private static FileStreamOptions CreateOwnerOnly()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }
}
