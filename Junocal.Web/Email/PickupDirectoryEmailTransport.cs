using System.Globalization;
using System.Text;
using MimeKit;

namespace Junocal.Web.Email;

/// <summary>
/// Delivers into a folder as <c>.eml</c> files instead of sending, for development. Names sort by the time of
/// sending; each file appears whole or not at all. The files hold join links, passcodes and client addresses, so
/// each send deletes the files older than <paramref name="retention"/> (by default <see cref="DefaultRetention"/>).
/// </summary>
public sealed class PickupDirectoryEmailTransport(string directoryPath, TimeProvider timeProvider, TimeSpan? retention = null) : IEmailTransport
{
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(7);

    private const string StampFormat = "yyyyMMdd'T'HHmmssfffffff'Z'";

    public TimeSpan Retention { get; } = retention ?? DefaultRetention;

    /// <summary>The absolute folder the files are written to.</summary>
    public string DirectoryPath { get; } = Path.GetFullPath(directoryPath);

    public async Task<EmailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var finalPath = Path.Combine(DirectoryPath, FileNameFor(message));
        var temporaryPath = finalPath + ".tmp";
        try
        {
            Directory.CreateDirectory(DirectoryPath);
            await using (var file = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await message.WriteToAsync(file, cancellationToken);
            }

            // Readers (the outbox page, a person with a mail client) only ever see complete files.
            File.Move(temporaryPath, finalPath);
            DeleteExpired();
            return EmailSendResult.Sent;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporaryPath))
            {
                File.Delete(temporaryPath);
            }

            return EmailSendResult.TransientFailure($"Could not write to the pickup directory {DirectoryPath}: {ex.Message}");
        }
    }

    /// <summary>Deletes the files sent longer ago than <see cref="Retention"/>, judged by the send time in their names.</summary>
    public void DeleteExpired()
    {
        var cutoff = timeProvider.GetUtcNow() - Retention;
        foreach (var file in Directory.EnumerateFiles(DirectoryPath, "*.eml"))
        {
            var name = Path.GetFileName(file);
            if (name.Length > StampFormat.Length - 4
                && DateTimeOffset.TryParseExact(name[..(StampFormat.Length - 4)], StampFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal, out var sentAt)
                && sentAt < cutoff)
            {
                File.Delete(file);
            }
        }
    }

    private string FileNameFor(MimeMessage message)
    {
        var stamp = timeProvider.GetUtcNow().ToString(StampFormat, CultureInfo.InvariantCulture);
        var id = string.IsNullOrEmpty(message.MessageId) ? Guid.NewGuid().ToString("N") : message.MessageId;
        return $"{stamp}-{SafeForFileName(id)}.eml";
    }

    private static string SafeForFileName(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '@' ? c : '_');
        }

        return safe.ToString();
    }
}
