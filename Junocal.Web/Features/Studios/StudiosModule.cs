namespace Junocal.Web.Features.Studios;

public static class StudiosModule
{
    /// <summary>A studio's own life: signing one up, its settings, and the owner's first steps.</summary>
    public static IHostApplicationBuilder AddStudios(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<SignupOptions>(builder.Configuration.GetSection(SignupOptions.SectionName));
        builder.Services.AddScoped<StudioSignup>();
        builder.Services.AddScoped<StudioSettingsService>();
        builder.Services.AddScoped<FirstSteps>();
        return builder;
    }
}
