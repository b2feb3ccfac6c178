using Junocal.Domain.Scheduling;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Email;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Outbox;
using Junocal.Web.Notifications;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Junocal.Tests.Features;

public class OutboxListing(JunocalApp app) : AppTest(app)
{
    [Fact]
    public async Task ShowsTheOwnerTheStudiosSentEmailWithItsSubjectAndNoOtherStudios()
    {
        var classId = await TestClasses.AddAsync(App, "Outbox Flow", DateTimeOffset.UtcNow.AddDays(2), 5, Location.InPerson("Studio A"));
        await using (var client = await App.ScopeSignedInAsAsync(DemoSeeder.ClientEmail))
        {
            await client.ServiceProvider.GetRequiredService<ClientBookingService>().BookAsync(classId, CancellationToken.None);
        }

        await App.Services.GetRequiredService<EmailDispatcher>().DispatchDueAsync(CancellationToken.None);

        var mine = await ListAsAsync(DemoSeeder.OwnerEmail);
        var others = await ListAsAsync(DemoSeeder.OtherOwnerEmail);

        var line = Assert.Single(mine, l => l.ClassName == "Outbox Flow");
        Assert.Equal(OutboxStatus.Sent, line.Status);
        Assert.Equal(EmailKind.BookingConfirmed, line.Kind);
        Assert.StartsWith("Booked: Outbox Flow", line.File?.Subject, StringComparison.Ordinal);
        Assert.Empty(others);
    }

    private async Task<IReadOnlyList<OutboxLine>> ListAsAsync(string email)
    {
        await using var scope = await App.ScopeSignedInAsAsync(email);
        var services = scope.ServiceProvider;
        var outbox = new OutboxService(
            services.GetRequiredService<IDbContextFactory<JunocalDbContext>>(),
            services.GetRequiredService<CurrentUser>(),
            new HostingEnvironment { EnvironmentName = Environments.Development },
            services.GetRequiredService<IEmailTransport>());
        return await outbox.ListAsync(CancellationToken.None);
    }
}
