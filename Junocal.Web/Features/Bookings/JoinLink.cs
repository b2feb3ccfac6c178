using Junocal.Domain.Scheduling;

namespace Junocal.Web.Features.Bookings;

/// <summary>The link a client clicks to join a virtual class, or why there is none.</summary>
public sealed record JoinLink(string? Url, string? WhyNone)
{
    public string Describe() => Url is null ? WhyNone ?? "" : "Link ready";

    public static JoinLink? For(Location location, ClassStatus status) => (location.Kind, status) switch
    {
        (LocationKind.InPerson, _) => null,
        (_, ClassStatus.Cancelled) => new JoinLink(null, "The class was cancelled."),
        (LocationKind.CustomLink, _) => new JoinLink(location.Url, null),
        _ => new JoinLink(null, "The studio has not added a link yet."),
    };
}
