using Junocal.Web.Integrations;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Email;

public sealed class PublicLinkOptions
{
    public const string SectionName = "App";

    /// <summary>
    /// The address people reach Junocal at, e.g. <c>https://studio.example.com/</c>. Links in emails start with it.
    /// Without it, links use the app's own listening address (fine on one machine, wrong behind a proxy).
    /// </summary>
    public string? PublicUrl { get; set; }
}

/// <summary>
/// Absolute links to pages of this app, for emails and anything shared outside it. Never built from the request's
/// Host header: a forged host would otherwise put an attacker's address into a password-reset email.
/// </summary>
public sealed class PublicLinks(IOptions<PublicLinkOptions> options, SelfOrigin self)
{
    /// <param name="pathAndQuery">A local path such as <c>/Account/ConfirmEmail?userId=…</c>.</param>
    public Uri For(string pathAndQuery)
    {
        var relative = new Uri(pathAndQuery.TrimStart('/'), UriKind.Relative);
        if (string.IsNullOrWhiteSpace(options.Value.PublicUrl))
        {
            return self.Resolve(new Uri("/" + pathAndQuery.TrimStart('/'), UriKind.Relative));
        }

        var root = options.Value.PublicUrl.EndsWith('/') ? options.Value.PublicUrl : options.Value.PublicUrl + "/";
        return new Uri(new Uri(root), relative);
    }
}
