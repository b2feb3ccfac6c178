using Junocal.Domain.People;
using Junocal.Web.Data;
using Junocal.Web.Features.Clients;
using Junocal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Features.People;

/// <summary>The Clients page's service through the real host: search, bookings, adding and inviting a client.</summary>
public class ClientDirectoryCommands(PeopleHost host) : PeopleTest(host)
{
    [Theory]
    [InlineData("ALEX")]
    [InlineData("client@demo")]
    public async Task FindsAClientByNameOrEmailInAnyCase(string search)
    {
        await using var desk = await Host.ScopeSignedInAsAsync(DemoSeeder.FrontDeskEmail);

        var found = await desk.ServiceProvider.GetRequiredService<ClientDirectory>().SearchAsync(search, CancellationToken.None);

        Assert.Equal("Alex Morgan", Assert.Single(found.Clients).Name);
    }

    [Fact]
    public async Task ShowsAClientsUpcomingAndPastBookingsButNoClientOfAnotherStudio()
    {
        await using var desk = await Host.ScopeSignedInAsAsync(DemoSeeder.FrontDeskEmail);
        var directory = desk.ServiceProvider.GetRequiredService<ClientDirectory>();
        Guid alex, riley;
        await using (var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            alex = await db.Clients.Where(c => c.Email == DemoSeeder.ClientEmail).Select(c => c.Id).SingleAsync();
            riley = await db.Clients.Where(c => c.Email == "riley.quinn@other.junocal.test").Select(c => c.Id).SingleAsync();
        }

        var bookings = await directory.BookingsAsync(alex, CancellationToken.None);
        var other = await directory.BookingsAsync(riley, CancellationToken.None);

        Assert.NotNull(bookings);
        Assert.NotEmpty(bookings.Upcoming);
        Assert.NotEmpty(bookings.Past);
        Assert.All(bookings.Upcoming, b => Assert.False(b.IsPast));
        Assert.Null(other);
        Assert.DoesNotContain((await directory.SearchAsync("riley", CancellationToken.None)).Clients, c => c.Id == riley);
    }

    [Fact]
    public async Task TheOwnerAddsAClientAndTheInvitationGoesOutBySmtp()
    {
        await using var owner = await Host.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);

        var added = await owner.ServiceProvider.GetRequiredService<ClientDirectory>()
            .AddAsync(new NewClientForm { Name = "Dana Fox", Email = "Dana@Example.com", SendInvitation = true }, CancellationToken.None);
        var link = await Host.InvitationPathForAsync("dana@example.com");

        Assert.True(added.Succeeded);
        Assert.StartsWith("/invite/", link, StringComparison.Ordinal);
        await using var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var dana = await db.Clients.SingleAsync(c => c.Email == "dana@example.com");
        Assert.True(await db.Invitations.AnyAsync(i => i.PersonId == dana.Id && i.Role == Roles.Client && i.Status == InvitationStatus.Pending));
    }

    [Fact]
    public async Task ADuplicateOrInvalidClientIsRefusedBesideTheFieldAndAddsNothing()
    {
        await using var owner = await Host.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var directory = owner.ServiceProvider.GetRequiredService<ClientDirectory>();

        var duplicate = await directory.AddAsync(new NewClientForm { Name = "Alex Again", Email = DemoSeeder.ClientEmail }, CancellationToken.None);
        var invalid = await directory.AddAsync(new NewClientForm { Name = "", Email = "not-an-email" }, CancellationToken.None);

        Assert.Contains("already on your list", duplicate.ErrorFor(nameof(NewClientForm.Email)), StringComparison.Ordinal);
        Assert.NotNull(invalid.ErrorFor(nameof(NewClientForm.Name)));
        Assert.NotNull(invalid.ErrorFor(nameof(NewClientForm.Email)));
        await using var db = Host.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        Assert.False(await db.Clients.AnyAsync(c => c.Name == "Alex Again"));
    }

    [Fact]
    public async Task TheFrontDeskReadsButCannotAdd()
    {
        await using var desk = await Host.ScopeSignedInAsAsync(DemoSeeder.FrontDeskEmail);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => desk.ServiceProvider.GetRequiredService<ClientDirectory>()
            .AddAsync(new NewClientForm { Name = "Dana Fox", Email = "dana@example.com" }, CancellationToken.None));
    }
}
