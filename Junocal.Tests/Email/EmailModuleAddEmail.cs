using Junocal.Web.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Junocal.Tests.Email;

public class EmailModuleAddEmail
{
    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public void SendsOverSmtpWhenAHostIsSet(string environment)
    {
        using var host = Build(environment, new() { ["Email:Smtp:Host"] = "smtp.example.com" });

        Assert.IsType<SmtpEmailTransport>(host.Services.GetRequiredService<IEmailTransport>());
    }

    [Fact]
    public void WritesToThePickupFolderUnderTheContentRootInDevelopmentWithoutAHost()
    {
        using var host = Build("Development", []);

        var transport = Assert.IsType<PickupDirectoryEmailTransport>(host.Services.GetRequiredService<IEmailTransport>());
        var contentRoot = host.Services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        Assert.Equal(Path.GetFullPath(Path.Combine(contentRoot, "App_Data", "mail")), transport.DirectoryPath);
    }

    [Fact]
    public void WritesToThePickupFolderInProductionWhenAskedTo()
    {
        using var host = Build("Production", new() { ["Email:UsePickupDirectory"] = "true", ["Email:PickupDirectory"] = "/var/mail/junocal" });

        var transport = Assert.IsType<PickupDirectoryEmailTransport>(host.Services.GetRequiredService<IEmailTransport>());
        Assert.Equal("/var/mail/junocal", transport.DirectoryPath);
    }

    [Fact]
    public async Task StopsAProductionStartWithoutAHostNamingTheSetting()
    {
        using var host = Build("Production", []);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Email:Smtp:Host", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopsTheStartWhenTheSettingsAreInvalid()
    {
        using var host = Build("Development", new() { ["Email:From"] = "not an address", ["Email:Smtp:Host"] = "smtp.example.com:2525" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Email:From", error.Message, StringComparison.Ordinal);
        Assert.Contains("Email:Smtp:Port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BindsTheDefaults()
    {
        using var host = Build("Development", []);

        var options = host.Services.GetRequiredService<IOptions<EmailOptions>>().Value;
        Assert.Equal("Junocal <no-reply@junocal.test>", options.From);
        Assert.Equal(587, options.Smtp.Port);
        Assert.Equal(SmtpSecurity.StartTls, options.Smtp.Security);
        Assert.Equal("App_Data/mail", options.PickupDirectory);
    }

    [Fact]
    public async Task RegistersASenderThatDeliversThroughTheConfiguredTransport()
    {
        var directory = Path.Combine(Path.GetTempPath(), "junocal-module-mail-" + Guid.NewGuid().ToString("N"));
        using var host = Build("Development", new() { ["Email:PickupDirectory"] = directory });
        try
        {
            var result = await host.Services.GetRequiredService<EmailSender>().SendAsync(ClassEmails.ReformerFlow(), "booking-1:confirmed:3", CancellationToken.None);

            Assert.True(result.IsSent);
            var file = Assert.Single(Directory.GetFiles(directory, "*.eml"));
            Assert.Contains("Booked: Reformer Flow", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static IHost Build(string environment, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environment,
            ContentRootPath = Path.GetTempPath(),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.AddEmail();
        return builder.Build();
    }
}
