using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Integrations.GoogleMeet;

/// <summary>
/// Google's OAuth endpoints: code exchange, refresh and revoke, form bodies with the client secret in the body
/// (client_secret_post, as Google's own libraries send it; docs/google-meet.md, "OAuth"). Never retried here.
/// </summary>
public sealed class GoogleOAuthClient(HttpClient http, IOptionsMonitor<GoogleOptions> options, SelfOrigin self, TimeProvider clock)
{
    public Task<GoogleTokenResult> ExchangeCodeAsync(string code, string redirectUri, string codeVerifier, CancellationToken cancellationToken) =>
        RequestTokensAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = codeVerifier,
        }, cancellationToken);

    public Task<GoogleTokenResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        RequestTokensAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        }, cancellationToken);

    /// <summary>
    /// Revokes the grant with the refresh token (which also ends its access tokens). Google answers an unknown or
    /// already revoked token with 400 <c>invalid_token</c>: the grant is gone either way, so that counts as revoked.
    /// </summary>
    public async Task<bool> RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, self.Resolve(options.CurrentValue.RevokeUrl))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = refreshToken }),
            };
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            return (int)response.StatusCode == 400 && TryReadError(await response.Content.ReadAsStringAsync(cancellationToken)) == "invalid_token";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private async Task<GoogleTokenResult> RequestTokensAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        var google = options.CurrentValue;
        form["client_id"] = google.ClientId ?? "";
        form["client_secret"] = google.ClientSecret ?? "";
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, self.Resolve(google.TokenUrl)) { Content = new FormUrlEncodedContent(form) };
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var tokens = JsonSerializer.Deserialize<TokenResponse>(body);
                return tokens is { AccessToken.Length: > 0 }
                    ? GoogleTokenResult.Issued(new GoogleTokens(tokens.AccessToken, tokens.RefreshToken,
                        clock.GetUtcNow().AddSeconds(Math.Max(60, tokens.ExpiresIn)), tokens.Scope ?? "", tokens.IdToken))
                    : GoogleTokenResult.Failed("Google answered without an access token.");
            }

            var error = TryReadError(body);
            // A dead refresh token (revoked, expired, evicted) and a used code both answer 400 invalid_grant.
            return error == "invalid_grant"
                ? GoogleTokenResult.InvalidGrant
                : GoogleTokenResult.Failed($"Google refused the request ({(int)response.StatusCode}{(error is null ? "" : $", {error}")}).");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return GoogleTokenResult.Failed($"Google could not be reached: {ex.GetType().Name}.");
        }
    }

    private static string? TryReadError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String ? error.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("scope")] string? Scope,
        [property: JsonPropertyName("id_token")] string? IdToken);
}

/// <summary>Tokens as Google issued them; <see cref="RefreshToken"/> only when Google sent one (a first consent, or prompt=consent).</summary>
public sealed record GoogleTokens(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, string Scope, string? IdToken)
{
    public IReadOnlyCollection<string> GrantedScopes => Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Every scope Junocal asks for was granted (Google lets the owner untick some on its consent screen).</summary>
    public bool GrantsAll(IEnumerable<string> scopes) => scopes.All(s => GrantedScopes.Contains(s, StringComparer.Ordinal)
        // Google reports "email" as its long form.
        || (s == "email" && GrantedScopes.Contains("https://www.googleapis.com/auth/userinfo.email", StringComparer.Ordinal)));
}

public sealed record GoogleTokenResult(GoogleTokens? Tokens, bool IsInvalidGrant, string? Error)
{
    public static GoogleTokenResult InvalidGrant { get; } = new(null, true, "Google no longer accepts Junocal's access (invalid_grant).");

    public static GoogleTokenResult Issued(GoogleTokens tokens) => new(tokens, false, null);

    public static GoogleTokenResult Failed(string error) => new(null, false, error);
}
