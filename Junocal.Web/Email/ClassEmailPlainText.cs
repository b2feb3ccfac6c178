using System.Text;

namespace Junocal.Web.Email;

internal static class ClassEmailPlainText
{
    public static string Render(ClassEmailContent content)
    {
        var text = new StringBuilder();
        text.AppendLine(content.Greeting).AppendLine();
        text.AppendLine(content.Lead).AppendLine();
        var width = content.Details.Max(d => d.Label.Length) + 2;
        foreach (var detail in content.Details)
        {
            text.Append((detail.Label + ":").PadRight(width)).AppendLine(detail.Value);
        }

        if (content.JoinUrl is { } url)
        {
            text.AppendLine().AppendLine("Join class:").AppendLine(url);
        }

        text.AppendLine().AppendLine(content.CalendarNote);
        text.AppendLine().AppendLine("--").AppendLine(content.Footer);
        return text.ToString();
    }
}
