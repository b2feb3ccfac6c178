using System.Text;

namespace Junocal.Tests.Infrastructure;

/// <summary>The SQLite database file of a host as bytes (with its write-ahead log), for proving what is not stored in clear.</summary>
public static class DatabaseFileBytes
{
    public static byte[] Read(JunocalApp app)
    {
        var file = app.Database.ConnectionString["Data Source=".Length..];
        return [.. ReadShared(file), .. ReadShared(file + "-wal")];
    }

    /// <summary>Whether the text is in the bytes as UTF-8 or as UTF-16.</summary>
    public static bool Holds(byte[] bytes, string text) =>
        bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;

    private static byte[] ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
