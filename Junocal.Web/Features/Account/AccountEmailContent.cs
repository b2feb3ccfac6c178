using Junocal.Web.Notifications;
using System.Net;
using System.Text;
using Junocal.Web.Email;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Junocal.Web.Features.Account;

/// <summary>
/// What an account email says: a greeting, a few lines, one button with its link, and a closing note.
/// The link carries a secret token: it goes into the message and nowhere else (never a log).
/// </summary>
public sealed record AccountEmailContent(
    string ToAddress, string ToName, string Subject, string Heading, IReadOnlyList<string> Lines,
    string ActionText, Uri ActionUrl, string Footer);

/// <summary>What a renderer made of an owed account email: a message to send, or the reason to skip it.</summary>
public sealed record AccountEmailRendering(AccountEmailContent? Content, string? SkipReason)
{
    public static AccountEmailRendering Send(AccountEmailContent content) => new(content, null);

    public static AccountEmailRendering Skip(string reason) => new(null, reason);
}

/// <summary>
/// Renders one <see cref="AccountEmailKind"/> at send time, from current data (e.g. makes a fresh Identity token).
/// Registered as scoped; one renderer per kind.
/// </summary>
public interface IAccountEmailRenderer
{
    AccountEmailKind Kind { get; }

    Task<AccountEmailRendering> RenderAsync(AccountEmail email, CancellationToken cancellationToken);
}

/// <summary>Turns <see cref="AccountEmailContent"/> into a plain text + HTML message, every text encoded.</summary>
public sealed class AccountEmailComposer(IOptions<EmailOptions> options, TimeProvider clock)
{
    private readonly MailboxAddress _from = MailboxAddress.Parse(options.Value.From);

    public MimeMessage Compose(AccountEmailContent content, Guid emailId)
    {
        var text = new StringBuilder();
        text.Append(content.Heading).Append("\n\n");
        foreach (var line in content.Lines)
        {
            text.Append(line).Append("\n\n");
        }

        text.Append(content.ActionText).Append(": ").Append(content.ActionUrl.AbsoluteUri).Append("\n\n").Append(content.Footer).Append('\n');

        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Encode(content.Subject)).Append("</title>\n</head>\n")
            .Append("<body style=\"margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2328;\">\n")
            .Append("<div role=\"article\" aria-label=\"").Append(Encode(content.Subject))
            .Append("\" style=\"max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px;\">\n")
            .Append("<h1 style=\"font-size:22px;line-height:28px;margin:0 0 16px;\">").Append(Encode(content.Heading)).Append("</h1>\n");
        foreach (var line in content.Lines)
        {
            html.Append("<p style=\"font-size:16px;line-height:24px;margin:0 0 12px;\">").Append(Encode(line)).Append("</p>\n");
        }

        var href = Encode(content.ActionUrl.AbsoluteUri);
        html.Append("<p style=\"margin:24px 0 8px;\"><a href=\"").Append(href)
            .Append("\" style=\"display:inline-block;background:#3949ab;color:#ffffff;padding:12px 24px;border-radius:6px;text-decoration:none;font-weight:bold;font-size:16px;\">")
            .Append(Encode(content.ActionText)).Append("</a></p>\n")
            .Append("<p style=\"color:#57606a;font-size:14px;line-height:20px;\">Or open this link: <a href=\"").Append(href)
            .Append("\" style=\"color:#3949ab;word-break:break-all;\">").Append(href).Append("</a></p>\n")
            .Append("<hr style=\"border:none;border-top:1px solid #d0d7de;margin:24px 0 16px;\">\n")
            .Append("<p style=\"color:#57606a;font-size:14px;line-height:20px;\">").Append(Encode(content.Footer)).Append("</p>\n")
            .Append("</div>\n</body>\n</html>\n");

        var message = new MimeMessage
        {
            Subject = content.Subject,
            Date = clock.GetUtcNow(),
            Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody(),
        };
        message.From.Add(_from);
        message.To.Add(new MailboxAddress(content.ToName, content.ToAddress));
        message.Headers.Add(ClassEmailComposer.EmailKeyHeader, $"account:{emailId:N}");
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
