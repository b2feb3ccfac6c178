using Junocal.Web.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Junocal.Web.Operations;

public static class OperationsModule
{
    private const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        });
        if (!builder.Environment.IsDevelopment())
        {
            // Structured output for log shippers outside Development.
            builder.Logging.ClearProviders().AddJsonConsole(json => json.UseUtcTimestamp = true);
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks().AddDbContextCheck<JunocalDbContext>("database", tags: [ReadyTag]);
        return builder;
    }

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return endpoints;
    }
}
