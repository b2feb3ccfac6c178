using Junocal.Web.Data;

namespace Junocal.Web.Features.Demo;

public static class DemoModule
{
    public static IHostApplicationBuilder AddDemoData(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.SectionName));
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddSingleton<IDatabaseSeeder>(services => services.GetRequiredService<DemoSeeder>());
        return builder;
    }
}
