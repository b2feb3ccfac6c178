using System.Net;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Http;

/// <summary>Plain server-rendered pages: no JavaScript, one small stylesheet.</summary>
internal static class HtmlPage
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:64rem;padding:0 1rem;color:#1b1b1b}
        table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border:1px solid #999;padding:.35rem;text-align:left;vertical-align:top}
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
        button{padding:.4rem .9rem;margin:.2rem}fieldset{margin-bottom:1rem}.note{color:#444}
        code,.wrap{overflow-wrap:anywhere}.table-scroll{overflow-x:auto;position:relative;margin-bottom:1.5rem}.table-scroll table{margin-bottom:0}
        """;

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static IResult Render(string title, string body, int statusCode = StatusCodes.Status200OK) =>
        Results.Content(
            $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)}</title><style>{Style}</style></head>
            <body><main>
            {body}
            </main></body>
            </html>
            """,
            "text/html; charset=utf-8",
            statusCode: statusCode);

    /// <summary>
    /// Opens a table inside a region that scrolls sideways by itself when the table is still wider than a phone, so the
    /// page never does; the region is focusable so a keyboard can scroll it. Close with <see cref="TableEnd"/>.
    /// </summary>
    public static string TableStart(string label) =>
        $"""<div class="table-scroll" role="region" aria-label="{Encode(label)}" tabindex="0"><table>""";

    public const string TableEnd = "</table></div>";

    public static string HiddenField(string name, string? value) =>
        value is null ? "" : $"""<input type="hidden" name="{Encode(name)}" value="{Encode(value)}">""";
}
