namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>Google's push notifications about the studios' Junocal calendars.</summary>
public static class GoogleNotificationEndpoints
{
    public const string Path = "/integrations/google/notifications";
}
