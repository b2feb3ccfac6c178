namespace Junocal.Web.Integrations.Zoom.Webhooks;

/// <summary>The webhook settings of the <c>Zoom</c> configuration section.</summary>
public sealed class ZoomWebhookOptions
{
    public const string SectionName = "Zoom";

    /// <summary>The Marketplace app's event-subscription Secret Token. It signs every webhook and answers URL validation.</summary>
    public string? WebhookSecretToken { get; set; }

    /// <summary>
    /// Earlier secret tokens still accepted for signatures while Zoom retries events signed before a rotation
    /// (its last retry comes about 85 minutes after the first attempt). They never answer URL validation.
    /// </summary>
    public IList<string> WebhookSecretTokens { get; } = [];

    /// <summary>The secrets to try, the current one first.</summary>
    internal IReadOnlyList<string> AcceptedSecretTokens() =>
        new[] { WebhookSecretToken }.Concat(WebhookSecretTokens)
            .Where(secret => !string.IsNullOrEmpty(secret))
            .Select(secret => secret!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
