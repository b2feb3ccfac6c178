using System.Diagnostics;
using System.Globalization;
using System.Text;
using Junocal.Sandbox.Users;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Tests.Integrations.Zoom.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Junocal.Tests.Benchmarks;

/// <summary>
/// The webhook endpoint against a bare endpoint in the same process, and how long a Marketplace uninstall takes to
/// erase a studio's tokens. Prints numbers; asserts none. Run explicitly:
/// <c>dotnet test -- --filter-class Junocal.Tests.Benchmarks.ZoomWebhookBenchmark --explicit only</c>.
/// </summary>
public class ZoomWebhookBenchmark : IAsyncLifetime
{
    private const string BarePath = "/benchmark/bare";
    private const int Warmup = 1_000;
    private const int LatencyRequests = 3_000;
    private const int ThroughputRequests = 10_000;
    private const int Concurrency = 8;
    private const int UninstallRepeats = 20;

    // The app with a bare endpoint in front of its pipeline, and informational logging off so it measures the work, not the console.
    private readonly JunocalApp _app = JunocalApp.With(new()
    {
        Services = services =>
        {
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            services.AddSingleton<IStartupFilter, BareEndpoint>();
        },
    });

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact(Explicit = true)]
    public async Task MeasuresTheWebhookEndpointAgainstABareEndpoint()
    {
        var report = new StringBuilder();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency }) { BaseAddress = new Uri(_app.BaseUrl) };
        var body = ZoomWebhookRequests.Deauthorized("no-such-user-" + Guid.NewGuid().ToString("N"), "no-such-account");
        HttpRequestMessage Webhook() => ZoomWebhookRequests.SignedRequest(body);
        HttpRequestMessage Bare() => new(HttpMethod.Post, BarePath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        await RunAsync(http, Bare, Warmup, Concurrency);
        await RunAsync(http, Webhook, Warmup, Concurrency);

        var bareLatency = await RunAsync(http, Bare, LatencyRequests, 1);
        var webhookLatency = await RunAsync(http, Webhook, LatencyRequests, 1);
        var bareThroughput = await RunAsync(http, Bare, ThroughputRequests, Concurrency);
        var webhookThroughput = await RunAsync(http, Webhook, ThroughputRequests, Concurrency);

        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, database {_app.Database.Provider}");
        report.AppendLine(CultureInfo.InvariantCulture, $"Latency, one request at a time ({LatencyRequests} each), ms:");
        report.AppendLine(Describe("  bare endpoint", bareLatency));
        report.AppendLine(Describe("  webhook, unmatched app_deauthorized", webhookLatency));
        report.AppendLine(CultureInfo.InvariantCulture, $"Throughput, {Concurrency} concurrent ({ThroughputRequests} each):");
        report.AppendLine(Describe("  bare endpoint", bareThroughput));
        report.AppendLine(Describe("  webhook, unmatched app_deauthorized", webhookThroughput));
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Ratio webhook/bare: throughput {webhookThroughput.PerSecond / bareThroughput.PerSecond:0.00}, p50 latency {webhookLatency.P(50) / bareLatency.P(50):0.00}x");

        var erasure = await MeasureUninstallAsync(http);
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Signed app_deauthorized for a connected studio to its tokens gone ({UninstallRepeats} times), ms: p50 {Percentile(erasure, 50):0.0}, p95 {Percentile(erasure, 95):0.0}, max {erasure.Max():0.0}");

        var text = report.ToString();
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "zoom-webhook-benchmark.txt"), text, TestContext.Current.CancellationToken);
    }

    private async Task<List<double>> MeasureUninstallAsync(HttpClient http)
    {
        var studio = await _app.Services.StudioIdAsync();
        var times = new List<double>();
        for (var i = 0; i < UninstallRepeats; i++)
        {
            await ZoomFlow.ConnectOwnerAsync(_app);
            var request = ZoomWebhookRequests.SignedRequest(ZoomWebhookRequests.Deauthorized(TestUsers.Owner.Id, TestUsers.Owner.AccountId));
            var clock = Stopwatch.StartNew();
            using (request)
            using (var response = await http.SendAsync(request))
            {
                response.EnsureSuccessStatusCode();
            }

            while ((await _app.Services.ZoomRowsAsync(studio)).AccessTokens > 0)
            {
                await Task.Delay(1);
            }

            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static async Task<Run> RunAsync(HttpClient http, Func<HttpRequestMessage> build, int count, int concurrency)
    {
        var latencies = new double[count];
        var next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var request = build();
                var one = Stopwatch.StartNew();
                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
                latencies[i] = one.Elapsed.TotalMilliseconds;
            }
        }));
        return new Run([.. latencies], count / total.Elapsed.TotalSeconds);
    }

    private static string Describe(string name, Run run) => string.Create(CultureInfo.InvariantCulture,
        $"{name,-40} {run.PerSecond,8:0} req/s   p50 {run.P(50),6:0.00}   p95 {run.P(95),6:0.00}   p99 {run.P(99),6:0.00}");

    private static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private sealed record Run(double[] Latencies, double PerSecond)
    {
        public double P(double percentile) => Percentile(Latencies, percentile);
    }

    private sealed class BareEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext http, RequestDelegate rest) =>
            {
                if (http.Request.Path != BarePath)
                {
                    await rest(http);
                    return;
                }

                // Reads the body as the webhook does, then answers 200 with nothing else.
                await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
                http.Response.StatusCode = StatusCodes.Status200OK;
            });
            next(app);
        };
    }
}
