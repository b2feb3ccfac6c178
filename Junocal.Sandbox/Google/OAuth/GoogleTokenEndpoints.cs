using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Junocal.Sandbox.Google.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Junocal.Sandbox.Google.OAuth;

/// <summary><c>POST oauth2/token</c>, <c>POST oauth2/revoke</c>, <c>GET openidconnect/v1/userinfo</c> and the JWKS.</summary>
internal static class GoogleTokenEndpoints
{
    // The value Google's token endpoint answers for a one-hour token.
    public const int ExpiresInSeconds = 3599;

    public static async Task<IResult> IssueAsync(HttpContext http, GoogleSandboxState sandbox, IOptions<GoogleSandboxOptions> options)
    {
        var app = options.Value;
        var form = await FormAsync(http);
        if (ClientProblem(http.Request, form, app) is { } problem)
        {
            return problem;
        }

        IssuedTokens? tokens;
        switch (form.GetValueOrDefault("grant_type"))
        {
            case "authorization_code":
                if (string.IsNullOrEmpty(form.GetValueOrDefault("code")))
                {
                    return OAuthErrors.InvalidRequest("Missing required parameter: code");
                }

                var exchange = sandbox.OAuth.Exchange(form["code"], form.GetValueOrDefault("redirect_uri"), form.GetValueOrDefault("code_verifier"));
                if (exchange.Tokens is null)
                {
                    return exchange.Failure switch
                    {
                        ExchangeFailure.RedirectMismatch => OAuthErrors.RedirectMismatch(),
                        // Google's wording for PKCE failures is UNSOURCED (docs/google-sandbox.md); invalid_grant is what matters.
                        ExchangeFailure.MissingVerifier => OAuthErrors.Error(400, "invalid_grant", "Missing code verifier."),
                        ExchangeFailure.PkceMismatch => OAuthErrors.Error(400, "invalid_grant", "Invalid code verifier."),
                        _ => OAuthErrors.BadCode(),
                    };
                }

                tokens = exchange.Tokens;
                break;
            case "refresh_token":
                if (string.IsNullOrEmpty(form.GetValueOrDefault("refresh_token")))
                {
                    return OAuthErrors.InvalidRequest("Missing required parameter: refresh_token");
                }

                tokens = sandbox.OAuth.Refresh(form["refresh_token"]);
                if (tokens is null)
                {
                    return OAuthErrors.DeadRefreshToken();
                }

                break;
            default:
                return OAuthErrors.UnsupportedGrantType();
        }

        var scopes = tokens.Access.Scopes;
        var body = new JsonObject
        {
            ["access_token"] = tokens.Access.Value,
            ["expires_in"] = ExpiresInSeconds,
        };
        if (tokens.Refresh is { } refresh)
        {
            body["refresh_token"] = refresh.Value;
        }

        body["scope"] = string.Join(' ', scopes);
        body["token_type"] = "Bearer";
        if (scopes.Contains(GoogleScopes.OpenId))
        {
            body["id_token"] = sandbox.IdTokens.Mint(tokens.User, scopes, app.ClientId, tokens.Access.Value, tokens.Nonce, sandbox.Time.GetUtcNow());
        }

        http.Response.Headers.CacheControl = "no-cache, no-store, max-age=0, must-revalidate";
        return new GoogleJsonResult(200, body);
    }

    /// <summary>
    /// <c>token</c> as a query parameter or form field; 200 with an empty body, or 400 <c>invalid_token</c>. Revoking
    /// any token of a grant ends the whole grant at once (docs/google-sandbox.md, "Choices").
    /// </summary>
    public static async Task<IResult> RevokeAsync(HttpContext http, GoogleSandboxState sandbox)
    {
        var form = await FormAsync(http);
        var token = form.GetValueOrDefault("token");
        if (string.IsNullOrEmpty(token))
        {
            return OAuthErrors.InvalidRequest("Bad Request");
        }

        return sandbox.RevokeToken(token) ? Results.Ok() : OAuthErrors.InvalidToken();
    }

    /// <summary>The new revoke host answers a GET with 404 (google-auth-library-ruby#157).</summary>
    public static IResult RevokeByGet() => Results.NotFound();

    public static IResult UserInfo(HttpContext http, GoogleSandboxState sandbox)
    {
        if (sandbox.OAuth.Authenticate(Bearer(http.Request)) is not { } access || !GoogleScopes.HasOpenIdOrEmail(access.Scopes))
        {
            // Google's wording for a bad token here is UNSOURCED (docs/google-sandbox.md).
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"";
            return OAuthErrors.Error(401, "invalid_token", "Invalid Credentials");
        }

        var user = access.User;
        var body = new JsonObject { ["sub"] = user.Sub };
        if (GoogleScopes.HasProfile(access.Scopes))
        {
            body["name"] = user.Name;
            body["picture"] = "https://lh3.googleusercontent.com/a/sandbox";
        }

        if (GoogleScopes.HasEmail(access.Scopes))
        {
            body["email"] = user.Email;
            body["email_verified"] = user.EmailVerified;
        }

        if (user.HostedDomain is not null)
        {
            body["hd"] = user.HostedDomain;
        }

        return new GoogleJsonResult(200, body);
    }

    public static IResult Certs(GoogleSandboxState sandbox) => new GoogleJsonResult(200, sandbox.IdTokens.Jwks());

    public static string? Bearer(HttpRequest request) =>
        AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
        && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            ? header.Parameter
            : null;

    /// <summary>The secret in the body (client_secret_post, Google's libraries' default) or as HTTP Basic.</summary>
    private static GoogleJsonResult? ClientProblem(HttpRequest request, Dictionary<string, string> form, GoogleSandboxOptions app)
    {
        var clientId = form.GetValueOrDefault("client_id");
        var secret = form.GetValueOrDefault("client_secret");
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is not null)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    clientId = Uri.UnescapeDataString(pair[..colon]);
                    secret = Uri.UnescapeDataString(pair[(colon + 1)..]);
                }
            }
            catch (FormatException)
            {
                return OAuthErrors.InvalidClient("The OAuth client was not found.");
            }
        }

        if (clientId is null || !Same(clientId, app.ClientId))
        {
            return OAuthErrors.InvalidClient("The OAuth client was not found.");
        }

        return secret is not null && Same(secret, app.ClientSecret) ? null : OAuthErrors.InvalidClient("Unauthorized");
    }

    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static async Task<Dictionary<string, string>> FormAsync(HttpContext http)
    {
        var parameters = http.Request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        if (http.Request.HasFormContentType)
        {
            foreach (var (key, value) in await http.Request.ReadFormAsync(http.RequestAborted))
            {
                parameters[key] = value.ToString();
            }
        }

        return parameters;
    }
}
