using Junocal.Domain.People;
using Junocal.Domain.Scheduling;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Infrastructure;

/// <summary>Adds a class to the demo studio Juno Pilates straight through the data layer.</summary>
public static class TestClasses
{
    public static async Task<Guid> AddAsync(JunocalApp app, string name, DateTimeOffset startsAt, int capacity, Location location,
        int? bookedByDemoClientDaysEarlier = null)
    {
        await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var studio = await db.Studios.SingleAsync(s => s.Name == "Juno Pilates");
        var instructor = await db.StaffMembers.FirstAsync(s => s.StudioId == studio.Id && s.Role == Roles.Instructor);
        var session = ClassSession.Schedule(studio.Id, name, instructor.Id, startsAt, 45, capacity, location);
        if (bookedByDemoClientDaysEarlier is { } days)
        {
            var client = await db.Clients.SingleAsync(c => c.Email == DemoSeeder.ClientEmail);
            session.Book(client.Id, startsAt.AddDays(-days));
        }

        db.ClassSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }
}
