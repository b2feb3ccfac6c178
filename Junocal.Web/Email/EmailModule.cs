using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Email;

public static class EmailModule
{
    /// <summary>
    /// SMTP when <c>Email:Smtp:Host</c> is set. Without it, a pickup folder outside Production (or when
    /// <c>Email:UsePickupDirectory</c> is true); in Production the app refuses to start.
    /// </summary>
    public static IHostApplicationBuilder AddEmail(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(EmailOptions.SectionName);
        services.AddOptions<EmailOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ClassEmailComposer>();
        services.AddSingleton<EmailSender>();

        var settings = section.Get<EmailOptions>() ?? new();
        if (!string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            services.AddSingleton<IEmailTransport, SmtpEmailTransport>();
        }
        else if (settings.UsePickupDirectory || !builder.Environment.IsProduction())
        {
            var directory = Path.Combine(builder.Environment.ContentRootPath, settings.PickupDirectory);
            var retention = TimeSpan.FromDays(Math.Max(1, settings.PickupRetentionDays));
            services.AddSingleton(sp => new PickupDirectoryEmailTransport(directory, sp.GetRequiredService<TimeProvider>(), retention));
            services.AddSingleton<IEmailTransport>(sp => sp.GetRequiredService<PickupDirectoryEmailTransport>());
        }
        else
        {
            services.AddHostedService<MissingSmtpHostCheck>();
        }

        return builder;
    }
}
