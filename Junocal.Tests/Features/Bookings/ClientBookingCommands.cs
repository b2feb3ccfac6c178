using Junocal.Domain.People;
using Junocal.Domain.Scheduling;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Features.Bookings;

public class ClientBookingCommands(JunocalApp app) : AppTest(app)
{
    private static readonly string[] LosingAnswers = ["This class is full.", "The class is very busy right now. Please try again."];

    [Fact]
    public async Task BooksAPlaceAndShowsItInMyBookings()
    {
        var classId = await NewClassAsync(capacity: 5);
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.ClientEmail);
        var bookings = scope.ServiceProvider.GetRequiredService<ClientBookingService>();

        var result = await bookings.BookAsync(classId, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        var mine = await bookings.MyBookingsAsync(CancellationToken.None);
        var booked = Assert.Single(mine.Upcoming, b => b.ClassId == classId);
        Assert.Equal("https://meet.example.com/late-flow", booked.Join?.Url);
    }

    [Fact]
    public async Task RefusesBookingTheSameClassTwice()
    {
        var classId = await NewClassAsync(capacity: 5);
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.ClientEmail);
        var bookings = scope.ServiceProvider.GetRequiredService<ClientBookingService>();
        await bookings.BookAsync(classId, CancellationToken.None);

        var second = await bookings.BookAsync(classId, CancellationToken.None);

        Assert.Equal("You have already booked this class.", second.Error);
    }

    [Fact]
    public async Task CancelsOwnBookingAndFreesThePlace()
    {
        var classId = await NewClassAsync(capacity: 1);
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.ClientEmail);
        var bookings = scope.ServiceProvider.GetRequiredService<ClientBookingService>();
        await bookings.BookAsync(classId, CancellationToken.None);

        var result = await bookings.CancelBookingAsync(classId, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        var upcoming = await bookings.UpcomingClassesAsync(14, CancellationToken.None);
        Assert.Equal(1, Assert.Single(upcoming, c => c.Id == classId).PlacesLeft);
    }

    [Fact]
    public async Task ThrottlesABookAndCancelLoopAndOwesOneConfirmationPerBooking()
    {
        var classId = await NewClassAsync(capacity: 5);
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.ClientEmail);
        var bookings = scope.ServiceProvider.GetRequiredService<ClientBookingService>();
        var cycles = ClassSession.MaxBookingChangesPerWindow / 2;
        for (var i = 0; i < cycles; i++)
        {
            Assert.True((await bookings.BookAsync(classId, CancellationToken.None)).Succeeded);
            Assert.True((await bookings.CancelBookingAsync(classId, CancellationToken.None)).Succeeded);
        }

        var throttled = await bookings.BookAsync(classId, CancellationToken.None);

        Assert.False(throttled.Succeeded);
        Assert.StartsWith("You have booked and cancelled this class several times", throttled.Error, StringComparison.Ordinal);
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var confirmations = await db.OutboxEmails.Where(e => e.ClassSessionId == classId && e.Kind == Junocal.Web.Email.EmailKind.BookingConfirmed)
            .Select(e => e.BookingId).ToListAsync();
        Assert.Equal(cycles, confirmations.Count);
        Assert.Equal(cycles, confirmations.Distinct().Count());
        Assert.Equal(0, await db.Bookings.CountAsync(b => b.ClassSessionId == classId && b.Status == BookingStatus.Active));
    }

    [Fact]
    public async Task GivesTheLastPlaceToExactlyOneOfManyConcurrentClients()
    {
        var classId = await NewClassAsync(capacity: 1);
        var emails = await CreateClientsAsync(6);

        var results = await Task.WhenAll(emails.Select(async email =>
        {
            await using var scope = await App.ScopeSignedInAsAsync(email);
            return await scope.ServiceProvider.GetRequiredService<ClientBookingService>().BookAsync(classId, CancellationToken.None);
        }));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains(r.Error, LosingAnswers));
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        Assert.Equal(1, await db.Bookings.CountAsync(b => b.ClassSessionId == classId && b.Status == BookingStatus.Active));
    }

    [Fact]
    public async Task RefusesStaff()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            scope.ServiceProvider.GetRequiredService<ClientBookingService>().BookAsync(Guid.NewGuid(), CancellationToken.None));
    }

    private Task<Guid> NewClassAsync(int capacity) =>
        TestClasses.AddAsync(App, "Late Flow", DateTimeOffset.UtcNow.AddDays(3), capacity, Location.CustomLink("https://meet.example.com/late-flow"));

    private async Task<List<string>> CreateClientsAsync(int count)
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var studio = await db.Studios.SingleAsync(s => s.Name == "Juno Pilates");
        var emails = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var email = $"racer{i}@demo.junocal.test";
            var client = Client.Create(studio.Id, $"Racer {i}", email);
            db.Clients.Add(client);
            await db.SaveChangesAsync();
            await TestAccounts.AddAsync(App.Services, email, client.Name, studio.Id, Roles.Client, client.Id);
            emails.Add(email);
        }

        return emails;
    }
}
