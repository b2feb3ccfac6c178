using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Junocal.Sandbox.Users;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Junocal.Tests.Integrations.Zoom.Webhooks.ZoomWebhookRequests;

namespace Junocal.Tests.Integrations.Zoom.Webhooks;

/// <summary>
/// Ten thousand random requests at the webhook endpoint — garbled bodies and headers, odd sizes, chunked bodies,
/// forged deauthorizations of the connected studio, and correctly signed random JSON — never get a 5xx and never
/// change a row.
/// </summary>
public class ZoomWebhookControllerFuzz(JunocalApp app) : ZoomAppTest(app)
{
    private const int Requests = 10_000;
    private const int Parallel = 16;
    private static readonly int[] ExpectedAnswers = [200, 400, 401, 413];
    private static readonly string[] Events = ["app_deauthorized", "endpoint.url_validation", "meeting.deleted", "meeting.started", "", "APP_DEAUTHORIZED"];

    [Fact]
    public async Task AnswersOnly2xxOr4xxAndChangesNothing()
    {
        await ZoomFlow.ConnectOwnerAsync(App);
        await ZoomFlow.ConnectOwnerAsync(App, DemoSeeder.OtherOwnerEmail, TestUsers.Other);
        var before = await SnapshotAsync();
        var seed = Environment.TickCount;
        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Parallel }) { BaseAddress = new Uri(App.BaseUrl) };

        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = Ct },
            async (i, ct) =>
            {
                var random = new Random(seed + i);
                var (kind, request) = RandomRequest(random);
                try
                {
                    using (request)
                    using (var response = await http.SendAsync(request, ct))
                    {
                        statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                        if ((int)response.StatusCode >= 500 || (int)response.StatusCode < 200)
                        {
                            failures.Enqueue($"request {i} ({kind}): {(int)response.StatusCode}");
                        }
                    }
                }
                catch (HttpRequestException ex)
                {
                    failures.Enqueue($"request {i} ({kind}): {ex.Message}");
                }
            });

        TestContext.Current.SendDiagnosticMessage($"Seed {seed}; answers: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.True(failures.IsEmpty, $"Seed {seed}: {failures.Count} bad answers, e.g. {string.Join("; ", failures.Take(5))}");
        Assert.Equal(Requests, statuses.Values.Sum());
        // The mix reached every answer the endpoint has: accepted, malformed, unverified, too large.
        Assert.All(ExpectedAnswers, status => Assert.True(statuses.ContainsKey(status), $"No request was answered {status}."));
        Assert.Equal(before, await SnapshotAsync());
    }

    private static (string Kind, HttpRequestMessage Request) RandomRequest(Random random)
    {
        var now = Now();
        switch (random.Next(10))
        {
            case 0:
            case 1:
            {
                var body = random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), random.Next(0, 2048));
                return ("garbage, garbled headers", Build(body, Maybe(random, GarbledTimestamp(random, now)), Maybe(random, GarbledSignature(random))));
            }

            case 2:
            {
                var body = random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), random.Next(0, 512));
                return ("signed garbage", SignedRequest(body, now));
            }

            case 3:
            case 4:
            case 5:
                return ("signed random JSON", SignedRequest(Encoding.UTF8.GetBytes(RandomEvent(random)?.ToJsonString() ?? "null"), now));

            case 6:
            case 7:
            {
                // A deauthorization of the connected studios that is not properly signed.
                var user = random.Next(2) == 0 ? TestUsers.Owner : TestUsers.Other;
                var body = Encoding.UTF8.GetBytes(Deauthorized(user.Id, user.AccountId));
                var stale = DateTimeOffset.UtcNow.AddSeconds(random.Next(2) == 0 ? -301 - random.Next(100_000) : 301 + random.Next(100_000))
                    .ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                return ("forged deauthorization", random.Next(5) switch
                {
                    0 => Build(body, now, null),
                    1 => Build(body, now, Signature(now, body, "wrong-secret")),
                    2 => Build(body, stale, Signature(stale, body)),
                    3 => Build(body, GarbledTimestamp(random, now) is var other && other != now ? other : now + "0", Signature(now, body)),
                    _ => Build([.. body, (byte)' '], now, Signature(now, body)),
                });
            }

            case 8:
            {
                var request = SignedRequest(Encoding.UTF8.GetBytes(RandomEvent(random)?.ToJsonString() ?? "null"), now);
                request.Headers.TransferEncodingChunked = true;
                return ("chunked signed JSON", request);
            }

            default:
            {
                var size = random.Next(10) == 0 ? (64 * 1024) + random.Next(1, 8 * 1024) : random.Next(0, 64 * 1024);
                var body = new byte[size];
                random.NextBytes(body);
                var request = random.Next(2) == 0 ? SignedRequest(body, now) : Build(body, now, GarbledSignature(random));
                request.Headers.TransferEncodingChunked = random.Next(3) == 0;
                return ("sized body", request);
            }
        }
    }

    private static JsonNode? RandomEvent(Random random)
    {
        var root = new JsonObject();
        if (random.Next(8) != 0)
        {
            root["event"] = random.Next(6) == 0 ? RandomValue(random, 2) : Events[random.Next(Events.Length)];
        }

        var payload = new JsonObject();
        foreach (var field in new[] { "user_id", "account_id", "plainToken", "object", "client_id" })
        {
            if (random.Next(2) == 0)
            {
                // Random ids never match a connected studio: only forged requests carry the real ones.
                payload[field] = random.Next(4) == 0 ? RandomValue(random, 2) : Convert.ToHexString(random.GetItems<byte>([1, 2, 3, 250], random.Next(0, 30)));
            }
        }

        root["payload"] = random.Next(10) == 0 ? RandomValue(random, 3) : payload;
        return random.Next(20) == 0 ? RandomValue(random, 4) : root;
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth <= 0 ? 5 : 7) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next()),
        2 => JsonValue.Create(random.NextDouble() * 1e300),
        3 => JsonValue.Create(random.Next(2) == 0),
        4 => JsonValue.Create(new string(random.GetItems("abc\u00e9\u4e2d\"\\\n\0{}[]".ToCharArray(), random.Next(0, 40)))),
        5 => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth - 1))]),
        _ => new JsonObject(Enumerable.Range(0, random.Next(4)).Select(k => KeyValuePair.Create($"k{k}", RandomValue(random, depth - 1)))),
    };

    private static string? Maybe(Random random, string value) => random.Next(4) == 0 ? null : value;

    private static string GarbledTimestamp(Random random, string now) => random.Next(6) switch
    {
        0 => now,
        1 => "-" + now,
        2 => long.MaxValue.ToString(CultureInfo.InvariantCulture),
        3 => "99999999999999999999999",
        4 => now + ".5",
        _ => new string(random.GetItems("0123456789 +-ex".ToCharArray(), random.Next(0, 25))),
    };

    private static string GarbledSignature(Random random) => random.Next(4) switch
    {
        0 => "v0=" + Convert.ToHexStringLower(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 32)),
        1 => "v0=" + Convert.ToHexStringLower(random.GetItems<byte>([0, 1, 2], random.Next(0, 40))),
        2 => "v1=" + new string(random.GetItems("0123456789abcdefXYZ=".ToCharArray(), 64)),
        _ => new string(random.GetItems("v0=abcdef0123456789 ,;".ToCharArray(), random.Next(0, 90))),
    };

    private async Task<string> SnapshotAsync()
    {
        await using var db = Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var connections = await db.ZoomConnections.AsNoTracking().OrderBy(c => c.ZoomUserId)
            .Select(c => $"{c.StudioId}:{c.ZoomUserId}:{c.Status}:{c.Version}:{c.EncryptedRefreshToken}").ToListAsync(Ct);
        var tokens = await db.ZoomAccessTokens.AsNoTracking().Select(t => t.EncryptedToken).ToListAsync(Ct);
        return string.Join('|', connections) + $"|tokens {string.Join(',', tokens.Order(StringComparer.Ordinal))}"
            + $"|requests {await db.ZoomAuthorizationRequests.CountAsync(Ct)}|audit {await db.AuditEntries.CountAsync(Ct)}";
    }
}
