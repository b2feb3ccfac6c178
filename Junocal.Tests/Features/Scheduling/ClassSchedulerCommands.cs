using Junocal.Domain.Scheduling;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Features.Scheduling;

/// <summary>The owner's scheduling commands on the real database, as the dialog calls them.</summary>
public class ClassSchedulerCommands(JunocalApp app) : AppTest(app)
{
    // Next year's spring-forward Sunday, and the Monday two weeks before it (GMT): "in the past" never interferes.
    private static readonly DateTime SpringForward = TestCalendar.SpringForward(TestCalendar.NextYear);
    private static readonly DateTime MondayBeforeTheClockChange = SpringForward.AddDays(-13);

    [Fact]
    public async Task SchedulesAClassAtTheStudioLocalTimeAndAuditsIt()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var form = await ValidFormAsync(scope);
        form.Date = TestCalendar.NextYearOn(7, 1);
        form.StartTime = new TimeSpan(7, 30, 0);

        var result = await Scheduler(scope).ScheduleAsync(form, CancellationToken.None);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        var saved = await LoadAsync(Assert.Single(result.ClassIds));
        Assert.Equal(TestCalendar.Utc(form.Date.Value, 6, 30), saved.StartsAt); // 07:30 BST
        Assert.Equal("Morning Reformer", saved.Name);
        Assert.Equal(Location.InPerson("Studio A"), saved.Location);
        Assert.Contains(await AuditAsync(saved.Id), a => a.Action == "class.scheduled" && a.Actor == DemoSeeder.OwnerEmail);
    }

    [Fact]
    public async Task RefusesEveryInvalidFieldAtOnceAndSavesNothing()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var before = await CountClassesAsync();
        var form = new ClassForm { Name = " ", DurationMinutes = 601, Capacity = 0, LocationKind = LocationKind.CustomLink, CustomUrl = "http://insecure.example.com" };

        var result = await Scheduler(scope).ScheduleAsync(form, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("Class name is required.", result.ErrorFor(nameof(ClassForm.Name)));
        Assert.Equal("Duration must be between 5 and 600 minutes.", result.ErrorFor(nameof(ClassForm.DurationMinutes)));
        Assert.Equal("Capacity must be between 1 and 1000.", result.ErrorFor(nameof(ClassForm.Capacity)));
        Assert.StartsWith("A custom link must be a full https:// address", result.ErrorFor(nameof(ClassForm.CustomUrl)), StringComparison.Ordinal);
        Assert.Equal("Choose an instructor.", result.ErrorFor(nameof(ClassForm.InstructorId)));
        Assert.Equal("Choose a date.", result.ErrorFor(nameof(ClassForm.Date)));
        Assert.Equal(before, await CountClassesAsync());
    }

    [Fact]
    public async Task RefusesATimeThatDoesNotExistInTheStudioZone()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var form = await ValidFormAsync(scope);
        form.Date = SpringForward;   // London springs forward at 01:00
        form.StartTime = new TimeSpan(1, 30, 0);

        var result = await Scheduler(scope).ScheduleAsync(form, CancellationToken.None);

        Assert.Contains("does not exist in Europe/London", result.ErrorFor(nameof(ClassForm.StartTime)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAStartInThePast()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var form = await ValidFormAsync(scope);
        form.Date = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-1);

        var result = await Scheduler(scope).ScheduleAsync(form, CancellationToken.None);

        Assert.Equal("Pick a start time in the future.", result.ErrorFor(nameof(ClassForm.StartTime)));
    }

    [Fact]
    public async Task RepeatsWeeklyAtTheSameWallClockTimeAcrossTheClockChange()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var form = await ValidFormAsync(scope);
        form.Date = MondayBeforeTheClockChange;                       // GMT
        form.StartTime = new TimeSpan(7, 30, 0);
        form.RepeatWeeklyUntil = MondayBeforeTheClockChange.AddDays(14); // the Monday after it, BST

        var result = await Scheduler(scope).ScheduleAsync(form, CancellationToken.None);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        var starts = await StartsAsync(result.ClassIds);
        Assert.Equal(
            [
                TestCalendar.Utc(MondayBeforeTheClockChange, 7, 30),
                TestCalendar.Utc(MondayBeforeTheClockChange.AddDays(7), 7, 30),
                TestCalendar.Utc(MondayBeforeTheClockChange.AddDays(14), 6, 30),
            ],
            starts);
    }

    [Fact]
    public async Task RefusesMoreThanFiftyTwoWeeklyOccurrences()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var form = await ValidFormAsync(scope);
        form.RepeatWeeklyUntil = form.Date!.Value.AddDays(7 * 52);

        var result = await Scheduler(scope).ScheduleAsync(form, CancellationToken.None);

        Assert.Contains("at most 52 times", result.ErrorFor(nameof(ClassForm.RepeatWeeklyUntil)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OffersZoomOnlyWhenItIsConnected()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var form = await ValidFormAsync(scope);
        form.LocationKind = LocationKind.Zoom;

        var result = await Scheduler(scope).ScheduleAsync(form, CancellationToken.None);

        Assert.Equal("Connect Zoom in Settings → Integrations", result.ErrorFor(nameof(ClassForm.LocationKind)));
    }

    [Fact]
    public async Task ReschedulesRenamesAndMovesAClass()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var id = await ScheduleOneAsync(scope);
        var (form, version) = (await Service(scope).GetForEditAsync(id, CancellationToken.None))!.Value;
        form.Name = "Evening Reformer";
        form.StartTime = new TimeSpan(19, 0, 0);
        form.DurationMinutes = 75;
        form.LocationKind = LocationKind.CustomLink;
        form.CustomUrl = "https://meet.example.com/evening";

        var result = await Scheduler(scope).UpdateAsync(id, version, form, CancellationToken.None);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        var saved = await LoadAsync(id);
        Assert.Equal("Evening Reformer", saved.Name);
        Assert.Equal(75, saved.DurationMinutes);
        Assert.Equal(19, saved.StartsAt.AddHours(1).Hour);   // 19:00 BST in July
        Assert.Equal(Location.CustomLink("https://meet.example.com/evening"), saved.Location);
        Assert.True(saved.Version > version);
    }

    [Fact]
    public async Task RefusesToOverwriteAClassChangedSinceTheFormWasOpened()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var id = await ScheduleOneAsync(scope);
        var (mine, version) = (await Service(scope).GetForEditAsync(id, CancellationToken.None))!.Value;
        var (theirs, _) = (await Service(scope).GetForEditAsync(id, CancellationToken.None))!.Value;
        theirs.Name = "Their change";
        Assert.True((await Scheduler(scope).UpdateAsync(id, version, theirs, CancellationToken.None)).Succeeded);

        mine.Name = "My change";
        var result = await Scheduler(scope).UpdateAsync(id, version, mine, CancellationToken.None);

        Assert.True(result.IsConflict);
        Assert.Equal("Their change", (await LoadAsync(id)).Name);
    }

    [Fact]
    public async Task SavesTheOwnersEditWhileAClientBooksAndCancelsMeanwhile()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var id = await ScheduleOneAsync(scope);
        var (form, version) = (await Service(scope).GetForEditAsync(id, CancellationToken.None))!.Value;
        await using (var client = await App.ScopeSignedInAsAsync(DemoSeeder.ClientEmail))
        {
            var bookings = client.ServiceProvider.GetRequiredService<Junocal.Web.Features.Bookings.ClientBookingService>();
            Assert.True((await bookings.BookAsync(id, CancellationToken.None)).Succeeded);
            Assert.True((await bookings.CancelBookingAsync(id, CancellationToken.None)).Succeeded);
            Assert.True((await bookings.BookAsync(id, CancellationToken.None)).Succeeded);
        }

        form.Name = "Evening Reformer";
        var saved = await Scheduler(scope).UpdateAsync(id, version, form, CancellationToken.None);
        var cancelled = await Scheduler(scope).CancelAsync(id, (await LoadAsync(id)).Version, "Teacher ill", CancellationToken.None);

        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Values));
        Assert.True(cancelled.Succeeded, string.Join("; ", cancelled.Errors.Values));
        Assert.Equal("Evening Reformer", (await LoadAsync(id)).Name);
    }

    [Fact]
    public async Task SavesTheOwnersEditsWhileClientsBookAndCancelAtTheSameMoment()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var id = await ScheduleOneAsync(scope);
        using var stop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            await using var client = await App.ScopeSignedInAsAsync(DemoSeeder.ClientEmail);
            var bookings = client.ServiceProvider.GetRequiredService<Junocal.Web.Features.Bookings.ClientBookingService>();
            var changes = 0;
            while (!stop.IsCancellationRequested)
            {
                var booked = await bookings.BookAsync(id, CancellationToken.None);
                if (!booked.Succeeded)
                {
                    break; // throttled: the loop has done what a client can do
                }

                await bookings.CancelBookingAsync(id, CancellationToken.None);
                changes += 2;
            }

            return changes;
        });

        for (var edit = 0; edit < 5; edit++)
        {
            var (form, version) = (await Service(scope).GetForEditAsync(id, CancellationToken.None))!.Value;
            form.Capacity = 8 + edit + 1;
            var result = await Scheduler(scope).UpdateAsync(id, version, form, CancellationToken.None);
            Assert.True(result.Succeeded, result.IsConflict ? "Refused as a conflict" : string.Join("; ", result.Errors.Values));
        }

        await stop.CancelAsync();
        await loop;
        Assert.Equal(13, (await LoadAsync(id)).Capacity);
    }

    [Fact]
    public async Task CancelsAClassOnceAndThenRefusesChanges()
    {
        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var id = await ScheduleOneAsync(scope);
        var (form, version) = (await Service(scope).GetForEditAsync(id, CancellationToken.None))!.Value;

        var cancelled = await Scheduler(scope).CancelAsync(id, version, "Instructor ill", CancellationToken.None);
        var edited = await Scheduler(scope).UpdateAsync(id, version + 1, form, CancellationToken.None);

        Assert.True(cancelled.Succeeded);
        Assert.Equal("This class was cancelled and cannot be changed.", edited.ErrorFor(CommandResult.General));
        var saved = await LoadAsync(id);
        Assert.Equal(ClassStatus.Cancelled, saved.Status);
        Assert.Equal("Instructor ill", saved.CancellationReason);
        Assert.Contains(await AuditAsync(id), a => a.Action == "class.cancelled" && a.Details.Contains("Instructor ill", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DemoSeeder.FrontDeskEmail)]
    [InlineData(DemoSeeder.InstructorEmail)]
    [InlineData(DemoSeeder.ClientEmail)]
    public async Task RefusesEveryoneButTheOwner(string email)
    {
        ClassForm form;
        await using (var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            form = await ValidFormAsync(owner);
        }

        await using var scope = await App.ScopeSignedInAsAsync(email);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Scheduler(scope).ScheduleAsync(form, CancellationToken.None));
    }

    private static ClassScheduler Scheduler(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<ClassScheduler>();

    private static ScheduleService Service(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<ScheduleService>();

    private static async Task<ClassForm> ValidFormAsync(AsyncServiceScope scope)
    {
        var options = await Service(scope).GetEditorOptionsAsync(CancellationToken.None);
        return new ClassForm
        {
            Name = "Morning Reformer",
            InstructorId = options.Instructors[0].Id,
            Date = TestCalendar.NextYearOn(7, 5),
            StartTime = new TimeSpan(9, 0, 0),
            DurationMinutes = 50,
            Capacity = 8,
            LocationKind = LocationKind.InPerson,
            Room = "Studio A",
        };
    }

    private static async Task<Guid> ScheduleOneAsync(AsyncServiceScope scope)
    {
        var result = await Scheduler(scope).ScheduleAsync(await ValidFormAsync(scope), CancellationToken.None);
        return Assert.Single(result.ClassIds);
    }

    private async Task<ClassSession> LoadAsync(Guid id)
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.ClassSessions.SingleAsync(c => c.Id == id);
    }

    private async Task<List<DateTimeOffset>> StartsAsync(IEnumerable<Guid> ids)
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var list = ids.ToList();
        return await db.ClassSessions.Where(c => list.Contains(c.Id)).OrderBy(c => c.StartsAt).Select(c => c.StartsAt).ToListAsync();
    }

    private async Task<int> CountClassesAsync()
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.ClassSessions.CountAsync();
    }

    private async Task<List<Junocal.Domain.Auditing.AuditEntry>> AuditAsync(Guid classId)
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.AuditEntries.Where(a => a.ClassSessionId == classId).ToListAsync();
    }
}
