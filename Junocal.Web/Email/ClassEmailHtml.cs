using System.Net;
using System.Text;

namespace Junocal.Web.Email;

/// <summary>
/// A plain, inline-styled page: mail clients drop style sheets and scripts, and every text in it is encoded,
/// so whatever an owner typed into a class name shows as text.
/// </summary>
internal static class ClassEmailHtml
{
    private const string Muted = "color:#57606a;font-size:14px;line-height:20px;";

    public static string Render(ClassEmailContent content)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(content.Subject)).Append("</title>\n</head>\n")
            .Append("<body style=\"margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2328;\">\n")
            .Append("<div role=\"article\" aria-label=\"").Append(Encode(content.Subject))
            .Append("\" style=\"max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px;\">\n")
            .Append("<h1 style=\"font-size:22px;line-height:28px;margin:0 0 16px;\">").Append(Encode(content.Heading)).Append("</h1>\n")
            .Append(Paragraph(content.Greeting))
            .Append(Paragraph(content.Lead));
        AppendDetails(html, content.Details);
        if (content.JoinUrl is { } url)
        {
            AppendJoinLink(html, url);
        }

        html.Append("<p style=\"").Append(Muted).Append("\">").Append(Encode(content.CalendarNote)).Append("</p>\n")
            .Append("<hr style=\"border:none;border-top:1px solid #d0d7de;margin:24px 0 16px;\">\n")
            .Append("<p style=\"").Append(Muted).Append("\">").Append(Encode(content.Footer)).Append("</p>\n")
            .Append("</div>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendDetails(StringBuilder html, IReadOnlyList<EmailDetail> details)
    {
        html.Append("<table role=\"presentation\" style=\"border-collapse:collapse;margin:16px 0;font-size:16px;line-height:24px;\">\n");
        foreach (var detail in details)
        {
            html.Append("<tr><th scope=\"row\" style=\"text-align:left;vertical-align:top;padding:4px 16px 4px 0;color:#57606a;font-weight:normal;\">")
                .Append(Encode(detail.Label))
                .Append("</th><td style=\"padding:4px 0;overflow-wrap:anywhere;word-break:break-word;\">")
                .Append(Encode(detail.Value))
                .Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void AppendJoinLink(StringBuilder html, string url)
    {
        var href = Encode(url);
        html.Append("<p style=\"margin:24px 0 8px;\"><a href=\"").Append(href)
            .Append("\" style=\"display:inline-block;background:#3949ab;color:#ffffff;padding:12px 24px;border-radius:6px;text-decoration:none;font-weight:bold;font-size:16px;\">Join class</a></p>\n")
            .Append("<p style=\"").Append(Muted).Append("\">Or open this link: <a href=\"").Append(href)
            .Append("\" style=\"color:#3949ab;word-break:break-all;\">").Append(href).Append("</a></p>\n");
    }

    private static string Paragraph(string text) =>
        $"<p style=\"font-size:16px;line-height:24px;margin:0 0 12px;\">{Encode(text)}</p>\n";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
