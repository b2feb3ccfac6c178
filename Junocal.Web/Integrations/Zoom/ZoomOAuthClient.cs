using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Integrations.Zoom;

/// <summary>
/// Zoom's OAuth endpoints: code exchange, refresh and revoke, with Basic client authentication and form bodies
/// (https://developers.zoom.us/docs/integrations/oauth/). Never retried here: a refresh token is single use.
/// </summary>
public sealed class ZoomOAuthClient(HttpClient http, IOptionsMonitor<ZoomOptions> options, SelfOrigin self, TimeProvider clock)
{
    public Task<ZoomTokenResult> ExchangeCodeAsync(string code, string redirectUri, string codeVerifier, CancellationToken cancellationToken) =>
        RequestTokensAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = codeVerifier,
        }, cancellationToken);

    public Task<ZoomTokenResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        RequestTokensAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        }, cancellationToken);

    /// <summary>Revokes the grant; Zoom then uninstalls the app and sends <c>app_deauthorized</c>.</summary>
    public async Task<bool> RevokeAsync(string accessToken, CancellationToken cancellationToken)
    {
        try
        {
            using var request = Post(options.CurrentValue.RevokeUrl, new Dictionary<string, string> { ["token"] = accessToken });
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private async Task<ZoomTokenResult> RequestTokensAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        try
        {
            using var request = Post(options.CurrentValue.TokenUrl, form);
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var tokens = JsonSerializer.Deserialize<TokenResponse>(body);
                return tokens is { AccessToken.Length: > 0, RefreshToken.Length: > 0 }
                    ? ZoomTokenResult.Issued(new ZoomTokens(tokens.AccessToken, tokens.RefreshToken,
                        clock.GetUtcNow().AddSeconds(Math.Max(60, tokens.ExpiresIn)), tokens.Scope ?? ""))
                    : ZoomTokenResult.Failed("Zoom answered without tokens.");
            }

            var error = TryReadError(body);
            // Zoom answers a dead refresh token or a used code with {"error":"invalid_grant"} (docs/zoom.md, "OAuth").
            return error == "invalid_grant"
                ? ZoomTokenResult.InvalidGrant
                : ZoomTokenResult.Failed($"Zoom refused the request ({(int)response.StatusCode}{(error is null ? "" : $", {error}")}).");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return ZoomTokenResult.Failed($"Zoom could not be reached: {ex.GetType().Name}.");
        }
    }

    private HttpRequestMessage Post(Uri url, Dictionary<string, string> form)
    {
        var zoom = options.CurrentValue;
        var request = new HttpRequestMessage(HttpMethod.Post, self.Resolve(url)) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{zoom.ClientId}:{zoom.ClientSecret}")));
        return request;
    }

    private static string? TryReadError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("refresh_token")] string RefreshToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("scope")] string? Scope);
}

public sealed record ZoomTokens(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, string Scope);

public sealed record ZoomTokenResult(ZoomTokens? Tokens, bool IsInvalidGrant, string? Error)
{
    public static ZoomTokenResult InvalidGrant { get; } = new(null, true, "Zoom no longer accepts Junocal's access (invalid_grant).");

    public static ZoomTokenResult Issued(ZoomTokens tokens) => new(tokens, false, null);

    public static ZoomTokenResult Failed(string error) => new(null, false, error);
}
