using System.Globalization;
using System.Text;
using Junocal.Sandbox.Google.Calendar;
using Junocal.Sandbox.Google.OAuth;
using Junocal.Sandbox.Google.Users;
using Junocal.Sandbox.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Junocal.Sandbox.Google.Dashboard;

/// <summary>
/// The sandbox's own "Google Account and Google Calendar": accounts and the app's access, calendars with their events
/// (with "Delete event in Google"), watch channels, notifications sent, requests received and the knobs.
/// </summary>
internal static class GoogleDashboardPage
{
    private const int LogRows = 100;

    public static IResult Render(HttpContext http, GoogleSandboxState sandbox, IOptions<GoogleSandboxOptions> options)
    {
        var app = options.Value.AppName;
        var html = new StringBuilder();
        html.Append("<h1>Google sandbox</h1>");
        html.Append("<p class=\"note\">An in-memory stand-in for Google's OAuth, Calendar API and push notifications. Nothing here reaches Google.</p>");
        if (http.Request.Query["done"].ToString() is { Length: > 0 } done)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p role=\"status\">{E(done)}</p>");
        }

        AppendAccounts(html, http, sandbox, app);
        AppendCalendars(html, http, sandbox);
        AppendChannels(html, sandbox);
        AppendNotifications(html, sandbox);
        AppendRequests(html, sandbox);
        AppendKnobs(html, sandbox);
        return HtmlPage.Render("Google sandbox", html.ToString());
    }

    private static void AppendAccounts(StringBuilder html, HttpContext http, GoogleSandboxState sandbox, string app)
    {
        html.Append("<h2>Google Accounts</h2>" + HtmlPage.TableStart("Google Accounts") + "<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Email</th><th scope=\"col\">sub</th>"
            + $"<th scope=\"col\">Granted to {E(app)}</th><th scope=\"col\">Live tokens</th><th scope=\"col\">Third-party access</th></tr></thead><tbody>");
        var now = sandbox.Time.GetUtcNow();
        foreach (var user in sandbox.Users)
        {
            var grant = sandbox.Grants.FirstOrDefault(g => g.UserSub == user.Sub);
            var tokens = sandbox.Tokens.Where(t => t.UserSub == user.Sub).ToList();
            var liveRefresh = tokens.Count(t => t.Kind == GoogleTokenKind.Refresh && GoogleOAuthStore.IsLive(t, now));
            var liveAccess = tokens.Count(t => t.Kind == GoogleTokenKind.Access && GoogleOAuthStore.IsLive(t, now));
            var action = sandbox.HasAccess(user)
                ? Button(http, $"dashboard/users/{Uri.EscapeDataString(user.Sub)}/remove-access", $"Remove {app}'s access", $" for {user.Email}")
                : "No access";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(user.Name)}</td><td>{E(user.Email)}</td><td><code>{E(user.Sub)}</code></td>"
                + $"<td class=\"wrap\">{(grant is null ? "Nothing" : E(string.Join(' ', grant.Scopes)))}</td>"
                + $"<td>{liveRefresh} refresh, {liveAccess} access</td><td>{action}</td></tr>");
        }

        html.Append("</tbody>" + HtmlPage.TableEnd);
    }

    private static void AppendCalendars(StringBuilder html, HttpContext http, GoogleSandboxState sandbox)
    {
        html.Append("<h2>Calendars and events</h2>");
        html.Append(Button(http, "dashboard/sync-tokens/invalidate", "Invalidate every sync token"));
        var calendars = sandbox.CalendarList.Where(calendar => !calendar.IsPrimary || sandbox.EventsOn(calendar.Id).Count > 0).ToList();
        if (calendars.Count == 0)
        {
            html.Append("<p>No calendars yet.</p>");
            return;
        }

        foreach (var calendar in calendars)
        {
            var owner = GoogleTestUsers.Find(calendar.OwnerSub)?.Email;
            var state = calendar.IsDeleted ? " (deleted)" : "";
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(calendar.Summary)}{state}</h3><p class=\"note\">Owner {E(owner)}, zone {E(calendar.TimeZone)}, "
                + $"Meet {(calendar.AllowsMeet ? "offered" : "not offered")}. Id <code>{E(calendar.Id)}</code></p>");
            var events = sandbox.EventsOn(calendar.Id);
            if (events.Count == 0)
            {
                html.Append("<p>No events.</p>");
                continue;
            }

            html.Append(HtmlPage.TableStart($"Events on {calendar.Summary}") + "<thead><tr><th scope=\"col\">Event</th><th scope=\"col\">Start</th><th scope=\"col\">End</th><th scope=\"col\">Status</th>"
                + "<th scope=\"col\">Google Meet</th><th scope=\"col\">Actions</th></tr></thead><tbody>");
            foreach (var e in events)
            {
                var title = e.Summary ?? "(no title)";
                var meet = e.Conference switch
                {
                    null => "None",
                    { Status: ConferenceStatus.Success } c => $"<a href=\"{E(c.HangoutLink)}\">{E(c.ConferenceId)}<span class=\"visually-hidden\"> Meet link for {E(title)}</span></a>",
                    { } c => E(c.Status.ToString().ToLowerInvariant()),
                };
                var actions = e.IsCancelled
                    ? "Deleted"
                    : EventButton(http, "dashboard/events/delete", "Delete event in Google", e, title)
                      + (e.Conference is null ? "" : EventButton(http, "dashboard/events/remove-meet", "Remove Google Meet", e, title));
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(title)}<br><small>id <code>{E(e.Id)}</code>, sequence {e.Sequence}</small></td>"
                    + $"<td>{E(Describe(e.Start))}</td><td>{E(Describe(e.End))}</td><td>{E(e.Status)}</td><td>{meet}</td><td>{actions}</td></tr>");
            }

            html.Append("</tbody>" + HtmlPage.TableEnd);
        }
    }

    private static void AppendChannels(StringBuilder html, GoogleSandboxState sandbox)
    {
        html.Append("<h2>Watch channels</h2>");
        if (sandbox.ChannelList.Count == 0)
        {
            html.Append("<p>No channels.</p>");
            return;
        }

        var now = sandbox.Time.GetUtcNow();
        html.Append(HtmlPage.TableStart("Watch channels") + "<thead><tr><th scope=\"col\">Channel id</th><th scope=\"col\">Calendar</th><th scope=\"col\">Address</th>"
            + "<th scope=\"col\">Expires (UTC)</th><th scope=\"col\">State</th></tr></thead><tbody>");
        foreach (var channel in sandbox.ChannelList.Reverse())
        {
            var state = channel.StoppedAt is { } stopped ? $"Stopped at {Time(stopped)}" : channel.IsLive(now) ? "Live" : "Expired";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(channel.Id)}</code></td><td><code>{E(channel.CalendarId)}</code></td>"
                + $"<td class=\"wrap\">{E(channel.Address.ToString())}</td><td>{Time(channel.Expiration)}</td><td>{E(state)}</td></tr>");
        }

        html.Append("</tbody>" + HtmlPage.TableEnd);
    }

    private static void AppendNotifications(StringBuilder html, GoogleSandboxState sandbox)
    {
        html.Append("<h2>Notifications sent</h2>");
        if (sandbox.NotificationsSent.Count == 0)
        {
            html.Append("<p>No notifications.</p>");
            return;
        }

        html.Append(HtmlPage.TableStart("Notifications sent") + "<thead><tr><th scope=\"col\">Created (UTC)</th><th scope=\"col\">Channel</th><th scope=\"col\">State</th>"
            + "<th scope=\"col\">Message number</th><th scope=\"col\">Delivery</th><th scope=\"col\">Attempts</th></tr></thead><tbody>");
        foreach (var delivery in sandbox.NotificationsSent.Reverse().Take(LogRows))
        {
            var attempts = string.Join("<br>", delivery.Attempts.Select(attempt =>
                $"#{attempt.Number} {Time(attempt.At)}: {(attempt.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? E(attempt.Error))}"));
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Time(delivery.CreatedAt)}</td><td><code>{E(delivery.ChannelId)}</code></td>"
                + $"<td>{E(delivery.ResourceState)}</td><td>{delivery.MessageNumber}</td><td>{delivery.Status}</td><td>{attempts}</td></tr>");
        }

        html.Append("</tbody>" + HtmlPage.TableEnd);
    }

    private static void AppendRequests(StringBuilder html, GoogleSandboxState sandbox)
    {
        html.Append("<h2>Requests received</h2>" + HtmlPage.TableStart("Requests received") + "<thead><tr><th scope=\"col\">Time (UTC)</th><th scope=\"col\">Request</th>"
            + "<th scope=\"col\">Answer</th><th scope=\"col\">Scripted fault</th></tr></thead><tbody>");
        foreach (var request in sandbox.Requests.Reverse().Take(LogRows))
        {
            var answer = request.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "no answer";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Time(request.At)}</td><td class=\"wrap\">{E(request.Method)} {E(request.Path)}</td><td>{answer}</td>"
                + $"<td>{E(request.Fault?.ToString())}</td></tr>");
        }

        html.Append("</tbody>" + HtmlPage.TableEnd);
    }

    private static void AppendKnobs(StringBuilder html, GoogleSandboxState sandbox)
    {
        var knobs = sandbox.Knobs;
        html.Append("<h2>Knobs</h2><dl>");
        Item(html, "Conference delay", knobs.ConferenceDelay.ToString("c", CultureInfo.InvariantCulture));
        Item(html, "Conference outcome", knobs.ConferenceOutcome.ToString());
        Item(html, "Publishing status", knobs.TestingMode ? "Testing (refresh tokens die 7 days after consent)" : "In production");
        Item(html, "Refresh tokens per account", knobs.RefreshTokenCap.ToString(CultureInfo.InvariantCulture));
        Item(html, "Notifications", knobs.DropNotifications ? "dropped" : "delivered");
        html.Append("</dl>");
    }

    private static void Item(StringBuilder html, string name, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<dt>{E(name)}</dt><dd>{E(value)}</dd>");

    private static string Describe(System.Text.Json.Nodes.JsonNode? time) =>
        time?["dateTime"]?.GetValue<string>() is { } dateTime
            ? dateTime + (time["timeZone"]?.GetValue<string>() is { } zone ? $" ({zone})" : "")
            : time?["date"]?.GetValue<string>() ?? "";

    private static string EventButton(HttpContext http, string action, string label, GoogleEvent e, string title) =>
        $"<form method=\"post\" action=\"{E(SandboxUrls.Path(http, action))}\">"
        + HtmlPage.HiddenField("calendarId", e.CalendarId) + HtmlPage.HiddenField("eventId", e.Id)
        + $"<button type=\"submit\">{E(label)}<span class=\"visually-hidden\">: {E(title)}</span></button></form>";

    /// <summary>A one-button form; <paramref name="hiddenContext"/> tells screen-reader users which row the button acts on.</summary>
    private static string Button(HttpContext http, string relativeAction, string label, string? hiddenContext = null)
    {
        var context = hiddenContext is null ? "" : $"<span class=\"visually-hidden\">{E(hiddenContext)}</span>";
        return $"<form method=\"post\" action=\"{E(SandboxUrls.Path(http, relativeAction))}\">"
            + $"<button type=\"submit\">{E(label)}{context}</button></form>";
    }

    private static string Time(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string E(string? text) => HtmlPage.Encode(text);
}
