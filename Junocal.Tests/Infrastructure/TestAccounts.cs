using Junocal.Domain.People;
using Junocal.Web.Data;
using Junocal.Web.Security;
using Microsoft.AspNetCore.Identity;
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

    public static async Task AddMembershipAsync(IServiceProvider services, string userId, Guid studioId, string role, Guid personId)
    {
        await using var db = services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        db.Memberships.Add(Membership.Create(studioId, userId, role, personId, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }
}
