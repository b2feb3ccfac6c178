using Junocal.Domain.Auditing;
using Junocal.Domain.People;
using Junocal.Domain.Scheduling;
using Junocal.Domain.Studios;
using Junocal.Web.Data;
using Junocal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Junocal.Web.Features.Demo;

/// <summary>
/// Fills an empty database with two studios so a newcomer can sign in and look around:
/// "Juno Pilates" with one login per role, and "Other Studio" whose data Juno Pilates must never see.
/// </summary>
public sealed partial class DemoSeeder(
    SystemDbContextFactory contexts,
    IServiceScopeFactory scopes,
    IOptions<DemoOptions> options,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<DemoSeeder> logger) : IDatabaseSeeder
{
    public const string OwnerEmail = "owner@demo.junocal.test";
    public const string FrontDeskEmail = "frontdesk@demo.junocal.test";
    public const string InstructorEmail = "instructor@demo.junocal.test";
    public const string ClientEmail = "client@demo.junocal.test";
    public const string OtherOwnerEmail = "owner@other.junocal.test";

    public bool IsRequested => options.Value.Seed ?? environment.IsDevelopment();

    public async Task SeedIfRequestedAsync(CancellationToken cancellationToken)
    {
        if (!IsRequested)
        {
            return;
        }

        await using (var db = contexts.CreateDbContext())
        {
            if (await db.Studios.AnyAsync(cancellationToken))
            {
                return;
            }
        }

        await SeedAsync(cancellationToken);
        LogSeeded(logger);
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await SeedJunoPilatesAsync(cancellationToken);
        await SeedOtherStudioAsync(cancellationToken);
    }

    private async Task SeedJunoPilatesAsync(CancellationToken cancellationToken)
    {
        var studio = Studio.Create("Juno Pilates", "Europe/London");
        var owner = StaffMember.Create(studio.Id, "Olivia Hart", OwnerEmail, Roles.Owner);
        var frontDesk = StaffMember.Create(studio.Id, "Sam Reyes", FrontDeskEmail, Roles.FrontDesk);
        var maya = StaffMember.Create(studio.Id, "Maya Chen", InstructorEmail, Roles.Instructor);
        var leo = StaffMember.Create(studio.Id, "Leo Park", "leo.park@demo.junocal.test", Roles.Instructor);
        var alex = Client.Create(studio.Id, "Alex Morgan", ClientEmail);
        var others = new[]
        {
            Client.Create(studio.Id, "Priya Shah", "priya.shah@demo.junocal.test"),
            Client.Create(studio.Id, "Tom Becker", "tom.becker@demo.junocal.test"),
            Client.Create(studio.Id, "Zoe Lambert", "zoe.lambert@demo.junocal.test"),
        };

        var now = clock.GetUtcNow();
        var zone = studio.TimeZone;
        var today = DateOnly.FromDateTime(zone.ToLocal(now));
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var classes = new List<ClassSession>();
        for (var day = monday; day < monday.AddDays(14); day = day.AddDays(1))
        {
            if (day.DayOfWeek == DayOfWeek.Sunday)
            {
                classes.Add(At(day, 10, 0, "Slow Flow Yoga", leo, 75, 14, Location.InPerson("Studio A")));
                continue;
            }

            classes.Add(At(day, 7, 30, "Reformer Flow", maya, 50, 8, Location.InPerson("Reformer room")));
            classes.Add(At(day, 12, 30, "Lunchtime Mat Pilates", leo, 45, 20, Location.CustomLink("https://meet.example.com/juno-lunchtime-mat")));
            classes.Add(At(day, 18, 0, "Barre Burn", maya, 45, 12, Location.InPerson("Studio B")));
        }

        ClassSession At(DateOnly day, int hour, int minute, string name, StaffMember instructor, int minutes, int capacity, Location location) =>
            ClassSession.Schedule(studio.Id, name, instructor.Id, zone.ToUtc(day.ToDateTime(new TimeOnly(hour, minute))), minutes, capacity, location);

        // Bookings are made "two days before" each class, so past classes can carry bookings too.
        var clients = others.Prepend(alex).ToArray();
        for (var i = 0; i < classes.Count; i++)
        {
            var session = classes[i];
            foreach (var client in clients.Where((_, c) => (i + c) % 3 != 0).Take(session.Capacity))
            {
                session.Book(client.Id, session.StartsAt.AddDays(-2));
            }
        }

        await using var db = contexts.CreateDbContext();
        db.Studios.Add(studio);
        db.StaffMembers.AddRange(owner, frontDesk, maya, leo);
        db.Clients.AddRange(clients);
        db.ClassSessions.AddRange(classes);
        db.AuditEntries.Add(AuditEntry.Record(studio.Id, now, "Junocal", AuditActions.StudioCreated, "Demo studio created with two weeks of classes."));
        await db.SaveChangesAsync(cancellationToken);

        await CreateLoginAsync(studio, owner.Id, owner.Name, owner.Email!, Roles.Owner);
        await CreateLoginAsync(studio, frontDesk.Id, frontDesk.Name, frontDesk.Email!, Roles.FrontDesk);
        await CreateLoginAsync(studio, maya.Id, maya.Name, maya.Email!, Roles.Instructor);
        await CreateLoginAsync(studio, alex.Id, alex.Name, alex.Email, Roles.Client);
    }

    private async Task SeedOtherStudioAsync(CancellationToken cancellationToken)
    {
        var studio = Studio.Create("Other Studio", "America/New_York");
        var owner = StaffMember.Create(studio.Id, "Casey Brooks", OtherOwnerEmail, Roles.Owner);
        var instructor = StaffMember.Create(studio.Id, "Jordan Lee", "jordan.lee@other.junocal.test", Roles.Instructor);
        var client = Client.Create(studio.Id, "Riley Quinn", "riley.quinn@other.junocal.test");
        var zone = studio.TimeZone;
        var tomorrow = DateOnly.FromDateTime(zone.ToLocal(clock.GetUtcNow())).AddDays(1);
        var classes = Enumerable.Range(0, 3)
            .Select(d => ClassSession.Schedule(studio.Id, "Other Studio Spin", instructor.Id,
                zone.ToUtc(tomorrow.AddDays(d).ToDateTime(new TimeOnly(9, 0))), 45, 15, Location.InPerson("Spin room")))
            .ToList();
        classes[0].Book(client.Id, clock.GetUtcNow());

        await using var db = contexts.CreateDbContext();
        db.Studios.Add(studio);
        db.StaffMembers.AddRange(owner, instructor);
        db.Clients.Add(client);
        db.ClassSessions.AddRange(classes);
        db.AuditEntries.Add(AuditEntry.Record(studio.Id, clock.GetUtcNow(), "Junocal", AuditActions.StudioCreated, "Demo studio created."));
        await db.SaveChangesAsync(cancellationToken);

        await CreateLoginAsync(studio, owner.Id, owner.Name, owner.Email!, Roles.Owner);
    }

    private async Task CreateLoginAsync(Studio studio, Guid personId, string name, string email, string role)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<JunocalUser>>();
        var user = new JunocalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            ActiveStudioId = studio.Id,
            DisplayName = name,
        };
        EnsureSucceeded(await users.CreateAsync(user, DemoOptions.Password));
        await using var db = contexts.CreateDbContext();
        db.Memberships.Add(Membership.Create(studio.Id, user.Id, role, personId, clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    private static void EnsureSucceeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo data could not be created: " +
                string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    [LoggerMessage(EventId = LogEvents.Demo.Seeded, Level = LogLevel.Information,
        Message = "Seeded the demo studios. Sign in as owner@demo.junocal.test with the demo password from the README.")]
    private static partial void LogSeeded(ILogger logger);
}
