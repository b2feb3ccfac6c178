using Junocal.Domain.Scheduling;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Features.Demo;
using Microsoft.Extensions.DependencyInjection;

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

        static bool IsTheConfirmation(MimeKit.MimeMessage m) => m.Subject?.StartsWith("Booked: Quiet Flow", StringComparison.Ordinal) == true;
        var mail = await Eventually.ReturnsAsync(app.SentMailAsync, sent => sent.Any(IsTheConfirmation), what: "The booking confirmation");
        var message = Assert.Single(mail, IsTheConfirmation);
        Assert.Equal(DemoSeeder.ClientEmail, message.To.Mailboxes.Single().Address);
    }
}
