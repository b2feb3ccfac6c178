namespace Junocal.Web.Features.Audit;

public static class AuditModule
{
    public static IHostApplicationBuilder AddAuditLog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditLogService>();
        return builder;
    }
}
