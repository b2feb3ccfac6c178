using System.Globalization;
using Junocal.Sandbox.Http;
using Microsoft.AspNetCore.Http;

namespace Junocal.Sandbox.Dashboard;

/// <summary>The dashboard's form posts; each answers 303 back to the dashboard with what happened.</summary>
internal static class DashboardEndpoints
{
    public static IResult DeleteMeeting(string meetingId, HttpContext http, ZoomSandboxState sandbox)
    {
        var deleted = long.TryParse(meetingId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && sandbox.DeleteMeetingInZoom(id);
        return Back(http, deleted ? $"Meeting {meetingId} deleted; meeting.deleted queued." : $"Meeting {meetingId} does not exist.");
    }

    public static IResult Uninstall(string userId, HttpContext http, ZoomSandboxState sandbox) =>
        Back(http, sandbox.UninstallApp(userId) ? "App uninstalled; app_deauthorized queued." : "The app was not installed for that user.");

    public static IResult SendUrlValidation(HttpContext http, ZoomSandboxState sandbox)
    {
        var delivery = sandbox.SendUrlValidation();
        return Back(http, delivery.Status == Webhooks.WebhookDeliveryStatus.NotSent
            ? "No webhook URL is configured."
            : "endpoint.url_validation queued; reload to see the result.");
    }

    private static SeeOther Back(HttpContext http, string message) =>
        new($"{SandboxUrls.Path(http, "")}?done={Uri.EscapeDataString(message)}");

    /// <summary>303 so the browser follows a form post with a GET.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
