using Junocal.Domain.People;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Junocal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Infrastructure;

/// <summary>Accounts and memberships made straight through Identity and the data layer, for tests that need more people.</summary>
public static class TestAccounts
{
    /// <summary>A confirmed account with the test password, a member of <paramref name="studioId"/> (its active studio).</summary>
    public static async Task<string> AddAsync(IServiceProvider services, string email, string name, Guid studioId, string role, Guid personId)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<JunocalUser>>();
        var user = new JunocalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, ActiveStudioId = studioId };
        var created = await users.CreateAsync(user, SignIn.Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await AddMembershipAsync(services, user.Id, studioId, role, personId);
        return user.Id;
    }

    /// <summary>
    /// Makes the demo owner of Juno Pilates also a client of Other Studio, so she can switch studio; returns that
    /// membership's studio.
    /// </summary>
    public static Task<Guid> MakeTheDemoOwnerAClientOfOtherStudioAsync(IServiceProvider services) =>
        MakeTheDemoOwnerAMemberOfOtherStudioAsync(services, Roles.Client);

    /// <summary>Makes the demo owner of Juno Pilates an owner of Other Studio too; returns that studio.</summary>
    public static Task<Guid> MakeTheDemoOwnerAnOwnerOfOtherStudioAsync(IServiceProvider services) =>
        MakeTheDemoOwnerAMemberOfOtherStudioAsync(services, Roles.Owner);

    public static async Task AddMembershipAsync(IServiceProvider services, string userId, Guid studioId, string role, Guid personId)
    {
        await using var db = services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        db.Memberships.Add(Membership.Create(studioId, userId, role, personId, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }

    private static async Task<Guid> MakeTheDemoOwnerAMemberOfOtherStudioAsync(IServiceProvider services, string role)
    {
        await using var db = services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var other = await db.Studios.Where(s => s.Name == "Other Studio").Select(s => s.Id).SingleAsync();
        var ownerId = await db.Users.Where(u => u.Email == DemoSeeder.OwnerEmail).Select(u => u.Id).SingleAsync();
        Guid personId;
        if (role == Roles.Client)
        {
            var client = Client.Create(other, "Olivia Hart", DemoSeeder.OwnerEmail);
            db.Clients.Add(client);
            personId = client.Id;
        }
        else
        {
            var staff = StaffMember.Create(other, "Olivia Hart", DemoSeeder.OwnerEmail, role);
            db.StaffMembers.Add(staff);
            personId = staff.Id;
        }

        await db.SaveChangesAsync();
        await AddMembershipAsync(services, ownerId, other, role, personId);
        return other;
    }
}
