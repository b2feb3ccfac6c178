using Junocal.Domain.Scheduling;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Features.Demo;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Junocal.Tests.Notifications;

/// <summary>The real scheduler (Quartz on the app's database) sends what a booking owes without anyone asking.</summary>
[Collection(SharedAppHost.Name)]
public class BackgroundDelivery
{
    [Fact]
    public async Task TheConfirmationArrivesOnItsOwn()
    {
        await using var app = JunocalApp.With(new() { Jobs = true });
        await app.InitializeAsync();
        var classId = await TestClasses.AddAsync(app, "Quiet Flow", DateTimeOffset.UtcNow.AddDays(4), 10, Location.InPerson("Studio A"));

        await using (var scope = await app.ScopeSignedInAsAsync(DemoSeeder.ClientEmail))
        {
            var booked = await scope.ServiceProvider.GetRequiredService<ClientBookingService>().BookAsync(classId, CancellationToken.None);
            Assert.True(booked.Succeeded, booked.Error);
        }

        var message = await WaitForMailAsync(app, "Booked: Quiet Flow", TimeSpan.FromSeconds(30));
        Assert.Equal(DemoSeeder.ClientEmail, message.To.Mailboxes.Single().Address);
    }

    private static async Task<MimeMessage> WaitForMailAsync(JunocalApp app, string subjectStart, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(app.MailDirectory))
            {
                foreach (var file in Directory.GetFiles(app.MailDirectory, "*.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.Subject?.StartsWith(subjectStart, StringComparison.Ordinal) == true)
                    {
                        return message;
                    }
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No email \"{subjectStart}…\" within {timeout}.");
    }
}
