namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>
/// The id Junocal gives a class's event: "jc", the class id in base32hex (Google allows only a–v and 0–9, 5–1024
/// characters; docs/google-meet.md, "Idempotent create"), "g" and the generation. The same class and generation
/// always give the same id, so a repeated insert is answered 409 instead of making a second event.
/// </summary>
public static class GoogleEventIds
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuv";

    public static string For(Guid classId, int generation) => $"jc{Base32Hex(classId.ToByteArray())}g{generation}";

    /// <summary>The conference request of an event: a new number asks Google for a new conference on the same event.</summary>
    public static string ConferenceRequestId(string eventId, int request) => $"{eventId}r{request}";

    private static string Base32Hex(byte[] bytes)
    {
        var chars = new char[(bytes.Length * 8 + 4) / 5];
        int buffer = 0, bits = 0, index = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[index++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            chars[index++] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(chars, 0, index);
    }
}
