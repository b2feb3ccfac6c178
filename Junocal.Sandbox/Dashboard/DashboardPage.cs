using System.Globalization;
using System.Text;
using Junocal.Sandbox.Http;
using Junocal.Sandbox.Meetings;
using Junocal.Sandbox.Users;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Dashboard;

/// <summary>The sandbox's own "Zoom web portal": users, grants, meetings, received requests and sent webhooks.</summary>
internal static class DashboardPage
{
    private const int LogRows = 100;

    public static IResult Render(HttpContext http, ZoomSandboxState sandbox)
    {
        var html = new StringBuilder();
        html.Append("<h1>Zoom sandbox</h1>");
        html.Append("<p class=\"note\">An in-memory stand-in for Zoom's OAuth, meetings API and webhooks. Nothing here reaches Zoom.</p>");
        if (http.Request.Query["done"].ToString() is { Length: > 0 } done)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p role=\"status\">{HtmlPage.Encode(done)}</p>");
        }

        AppendUsers(html, http, sandbox);
        AppendGrants(html, sandbox);
        AppendMeetings(html, http, sandbox);
        AppendWebhooks(html, http, sandbox);
        AppendRequests(html, sandbox);
        return HtmlPage.Render("Zoom sandbox", html.ToString());
    }

    private static void AppendUsers(StringBuilder html, HttpContext http, ZoomSandboxState sandbox)
    {
        html.Append("<h2>Users</h2><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Email</th><th scope=\"col\">User id</th>"
            + "<th scope=\"col\">Account id</th><th scope=\"col\">Zone</th><th scope=\"col\">Creates+updates today</th><th scope=\"col\">App</th></tr></thead><tbody>");
        foreach (var user in sandbox.Users)
        {
            var installed = sandbox.Grants.Any(grant => grant.UserId == user.Id && grant.IsActive);
            var action = installed
                ? Button(http, $"dashboard/users/{Uri.EscapeDataString(user.Id)}/uninstall", "Uninstall app", $" for {user.Email}")
                : "Not installed";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(user.DisplayName)}</td><td>{E(user.Email)}</td><td><code>{E(user.Id)}</code></td>"
                + $"<td><code>{E(user.AccountId)}</code></td><td>{E(user.Timezone)}</td><td>{sandbox.DailyRequestsUsed(user.Id)}</td><td>{action}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void AppendGrants(StringBuilder html, ZoomSandboxState sandbox)
    {
        html.Append("<h2>Grants</h2>");
        if (sandbox.Grants.Count == 0)
        {
            html.Append("<p>No app has been authorized yet.</p>");
            return;
        }

        html.Append("<table><thead><tr><th scope=\"col\">User</th><th scope=\"col\">Client</th><th scope=\"col\">Scopes</th>"
            + "<th scope=\"col\">Granted (UTC)</th><th scope=\"col\">State</th></tr></thead><tbody>");
        foreach (var grant in sandbox.Grants.Reverse())
        {
            var state = grant.IsActive ? "Active" : $"{grant.EndReason} at {Time(grant.EndedAt!.Value)}";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(TestUsers.Find(grant.UserId)?.Email)}</td><td><code>{E(grant.ClientId)}</code></td>"
                + $"<td>{E(string.Join(' ', grant.Scopes))}</td><td>{Time(grant.GrantedAt)}</td><td>{E(state)}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void AppendMeetings(StringBuilder html, HttpContext http, ZoomSandboxState sandbox)
    {
        html.Append("<h2>Meetings</h2>");
        if (sandbox.Meetings.Count == 0)
        {
            html.Append("<p>No meetings.</p>");
            return;
        }

        html.Append("<table><thead><tr><th scope=\"col\">Topic</th><th scope=\"col\">Host</th><th scope=\"col\">Start</th><th scope=\"col\">Zone</th>"
            + "<th scope=\"col\">Minutes</th><th scope=\"col\">Settings</th><th scope=\"col\">Link</th><th scope=\"col\">Action</th></tr></thead><tbody>");
        foreach (var meeting in sandbox.Meetings)
        {
            var id = meeting.Id.ToString(CultureInfo.InvariantCulture);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(meeting.Topic)}<br><small>id {id}</small></td><td>{E(meeting.HostEmail)}</td>"
                + $"<td>{LocalStart(meeting)}<br><small>{ZoomStartTime.Format(meeting.StartTime)}</small></td><td>{E(meeting.Timezone)}</td>"
                + $"<td>{meeting.Duration}</td><td>{E(Settings(meeting.Settings))}</td>"
                + $"<td><a href=\"{E(meeting.JoinUrl)}\">Join link<span class=\"visually-hidden\"> for {E(meeting.Topic)}</span></a></td>"
                + $"<td>{Button(http, $"dashboard/meetings/{id}/delete", "Delete in Zoom", $": {meeting.Topic}")}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void AppendWebhooks(StringBuilder html, HttpContext http, ZoomSandboxState sandbox)
    {
        html.Append("<h2>Webhooks sent</h2>");
        html.Append(Button(http, "dashboard/webhooks/validate", "Send endpoint.url_validation"));
        html.Append("<table><thead><tr><th scope=\"col\">Created (UTC)</th><th scope=\"col\">Event</th><th scope=\"col\">Status</th>"
            + "<th scope=\"col\">Attempts</th><th scope=\"col\">Body</th></tr></thead><tbody>");
        foreach (var delivery in sandbox.WebhookDeliveries.Reverse().Take(LogRows))
        {
            var attempts = string.Join("<br>", delivery.Attempts.Select(attempt =>
                $"#{attempt.Number} {Time(attempt.At)}: {(attempt.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? E(attempt.Error))}"));
            var status = delivery.Validation is Webhooks.UrlValidationOutcome.NotApplicable
                ? delivery.Status.ToString()
                : $"{delivery.Status}; validation {delivery.Validation}: {delivery.ValidationDetail}";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Time(delivery.CreatedAt)}</td><td>{E(delivery.Event)}</td><td>{E(status)}</td>"
                + $"<td>{attempts}</td><td><code>{E(delivery.Body)}</code></td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void AppendRequests(StringBuilder html, ZoomSandboxState sandbox)
    {
        html.Append("<h2>Requests received</h2><table><thead><tr><th scope=\"col\">Time (UTC)</th><th scope=\"col\">Request</th>"
            + "<th scope=\"col\">Answer</th><th scope=\"col\">Scripted fault</th></tr></thead><tbody>");
        foreach (var request in sandbox.Requests.Reverse().Take(LogRows))
        {
            var answer = request.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "no answer";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Time(request.At)}</td><td>{E(request.Method)} {E(request.Path)}</td><td>{answer}</td>"
                + $"<td>{E(request.Fault?.ToString())}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    /// <summary>A one-button form; <paramref name="hiddenContext"/> tells screen-reader users which row the button acts on.</summary>
    private static string Button(HttpContext http, string relativeAction, string label, string? hiddenContext = null)
    {
        var context = hiddenContext is null ? "" : $"<span class=\"visually-hidden\">{E(hiddenContext)}</span>";
        return $"<form method=\"post\" action=\"{E(SandboxUrls.Path(http, relativeAction))}\">"
            + $"<button type=\"submit\">{E(label)}{context}</button></form>";
    }

    private static string LocalStart(SandboxMeeting meeting) =>
        ZoomStartTime.FindZone(meeting.Timezone) is { } zone
            ? TimeZoneInfo.ConvertTime(meeting.StartTime, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : "";

    private static string Settings(MeetingSettings settings) =>
        $"waiting room {OnOff(settings.WaitingRoom)}, mute on entry {OnOff(settings.MuteUponEntry)}, join before host {OnOff(settings.JoinBeforeHost)}";

    private static string OnOff(bool value) => value ? "on" : "off";

    private static string Time(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string E(string? text) => HtmlPage.Encode(text);
}
