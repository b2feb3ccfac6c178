using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Junocal.Web.Email;

/// <summary>Turns a <see cref="ClassEmail"/> into a ready-to-send message: text, HTML and a calendar file.</summary>
public sealed class ClassEmailComposer(IOptions<EmailOptions> options, TimeProvider timeProvider)
{
    /// <summary>Header carrying the caller's key for this email, so a sent email can be matched to its reason.</summary>
    public const string EmailKeyHeader = "X-Junocal-Email-Key";

    public const string CalendarFileName = "class.ics";

    private readonly MailboxAddress _from = MailboxAddress.Parse(options.Value.From);

    /// <param name="email">What to say, from current data.</param>
    /// <param name="emailKey">The caller's de-duplication key, stored in the <see cref="EmailKeyHeader"/> header.</param>
    public MimeMessage Compose(ClassEmail email, string emailKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(emailKey);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(email.DurationMinutes);
        if (emailKey.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("An email key is one line.", nameof(emailKey));
        }

        if (email.JoinUrl is { } joinUrl && !IsWebLink(joinUrl))
        {
            throw new ArgumentException($"A join link must be an absolute http(s) URL, not \"{joinUrl}\".", nameof(email));
        }

        var now = timeProvider.GetUtcNow();
        var content = ClassEmailContent.For(email);
        var body = new BodyBuilder
        {
            TextBody = ClassEmailPlainText.Render(content),
            HtmlBody = ClassEmailHtml.Render(content),
        };
        var method = ClassEmailCalendar.MethodFor(email.Kind);
        var calendar = Encoding.UTF8.GetBytes(ClassEmailCalendar.Create(email, _from, now));
        body.Attachments.Add(CalendarFileName, calendar, CalendarContentType(method));

        var message = new MimeMessage
        {
            Subject = content.Subject,
            Date = now,
            Body = body.ToMessageBody(),
        };
        message.From.Add(_from);
        message.To.Add(new MailboxAddress(email.ClientName, email.ClientEmail));
        if (email.StudioContactEmail is { } contact && MailboxAddress.TryParse(contact, out var studio))
        {
            // A client's reply reaches the studio, not the address Junocal sends from.
            studio.Name = email.StudioName;
            message.ReplyTo.Add(studio);
        }

        message.Headers.Add(EmailKeyHeader, emailKey);
        // Times carry an en dash and names may carry accents; a pickup file or a relay without 8BITMIME needs them encoded.
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }

    private static ContentType CalendarContentType(string method)
    {
        var type = new ContentType("text", "calendar");
        type.Parameters.Add("method", method);
        type.Charset = "utf-8";
        return type;
    }

    private static bool IsWebLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
