using System.Buffers.Text;
using System.Security.Cryptography;

namespace Junocal.Sandbox.Http;

internal static class SandboxIds
{
    /// <summary>Eleven-digit ids like Zoom's (e.g. 98399082887), always beyond 2^32 so a 32-bit store breaks.</summary>
    public static long NewMeetingId() => 80_000_000_000L + RandomNumberGenerator.GetInt32(0, int.MaxValue);

    /// <summary>Zoom meeting uuids are base64 of 16 bytes, e.g. "aDYlohsHRtCd4ii1uC2+hA==".</summary>
    public static string NewMeetingUuid() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    public static string NewSecret(int bytes = 32) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    public static string NewPasscode()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 8);
    }
}
