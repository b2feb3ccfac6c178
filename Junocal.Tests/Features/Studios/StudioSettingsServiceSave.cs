using System.Net;
using Junocal.Domain.Scheduling;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Components.Shared;
using Junocal.Web.Data;
using Junocal.Web.Email;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Studios;
using Junocal.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Features.Studios;

/// <summary>Studio settings saved through the service the page uses, in the real host on the real database.</summary>
public class StudioSettingsServiceSave(JunocalApp app) : AppTest(app)
{
    [Fact]
    public async Task ChangingTheTimeZoneKeepsEveryClassAtItsInstantAndThePreviewSaysWhatTheLocalTimesBecome()
    {
        var before = await StartsAsync();
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var settings = owner.ServiceProvider.GetRequiredService<StudioSettingsService>();
        var form = await settings.GetAsync(CancellationToken.None);
        form.TimeZoneId = "America/Chicago";

        var preview = await settings.PreviewZoneChangeAsync(form.TimeZoneId, CancellationToken.None);
        var result = await settings.SaveAsync(form, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.NotNull(preview);
        Assert.Equal(("Europe/London", "America/Chicago"), (preview.FromZone, preview.ToZone));
        var now = App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var studioId = await db.Studios.Where(s => s.Name == "Juno Pilates").Select(s => s.Id).SingleAsync();
        var upcoming = (await db.ClassSessions.Where(c => c.StudioId == studioId && c.Status == ClassStatus.Scheduled).ToListAsync())
            .Where(c => c.StartsAt > now).OrderBy(c => c.StartsAt).ToList();
        Assert.Equal(upcoming.Count, preview.UpcomingClasses);
        var first = upcoming[0];
        Assert.Equal(new ZoneChangeExample(first.Name, Local(first.StartsAt, "Europe/London"), Local(first.StartsAt, "America/Chicago")), preview.Examples[0]);
        Assert.Equal(before, await StartsAsync());
        Assert.Equal("America/Chicago", await db.Studios.Where(s => s.Id == studioId).Select(s => s.TimeZoneId).SingleAsync());
    }

    [Fact]
    public async Task SavesNameAddressContactAndRemindersAndAuditsTheChanges()
    {
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var settings = owner.ServiceProvider.GetRequiredService<StudioSettingsService>();
        var form = await settings.GetAsync(CancellationToken.None);
        Assert.Equal("24h, 1h", form.Reminders);
        form.Name = "Juno Pilates & Barre";
        form.Slug = " Juno-Barre ";
        form.ContactEmail = "Hello@Juno.test";
        form.Reminders = "2h, 30 min";

        Assert.True((await settings.SaveAsync(form, CancellationToken.None)).Succeeded);

        var saved = await settings.GetAsync(CancellationToken.None);
        Assert.Equal(("Juno Pilates & Barre", "juno-barre", "hello@juno.test", "2h, 30m"), (saved.Name, saved.Slug, saved.ContactEmail, saved.Reminders));
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var audit = Assert.Single(await db.AuditEntries.Where(a => a.Action == "studio.settings_changed").Select(a => a.Details).ToListAsync());
        Assert.Equal("name \"Juno Pilates\" → \"Juno Pilates & Barre\"; booking page /s/juno-pilates → /s/juno-barre; "
            + "contact email none → hello@juno.test; reminders the defaults → 2h, 30m", audit);
    }

    [Fact]
    public async Task SavingWithoutAChangeWritesNoAuditEntry()
    {
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var settings = owner.ServiceProvider.GetRequiredService<StudioSettingsService>();

        Assert.True((await settings.SaveAsync(await settings.GetAsync(CancellationToken.None), CancellationToken.None)).Succeeded);

        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "studio.settings_changed"));
    }

    [Fact]
    public async Task RefusesBadInputBesideEachFieldAndChangesNothing()
    {
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var settings = owner.ServiceProvider.GetRequiredService<StudioSettingsService>();
        var form = await settings.GetAsync(CancellationToken.None);
        form.Name = " ";
        form.Slug = "other-studio";
        form.TimeZoneId = "Europe/Atlantis";
        form.ContactEmail = "not-an-email";
        form.Reminders = "an hour";

        var result = await settings.SaveAsync(form, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("Studio name is required.", result.ErrorFor(nameof(form.Name)));
        Assert.Equal("/s/other-studio is another studio's address. Choose a different one.", result.ErrorFor(nameof(form.Slug)));
        Assert.Equal("\"Europe/Atlantis\" is not a time zone. Pick one from the list, such as Europe/London.", result.ErrorFor(nameof(form.TimeZoneId)));
        Assert.Contains("not-an-email", result.ErrorFor(nameof(form.ContactEmail)), StringComparison.Ordinal);
        Assert.Equal("\"an hour\" is not a time before the class. Write e.g. 24h, 1h or 30m.", result.ErrorFor(nameof(form.Reminders)));
        await AssertUnchangedAsync(settings);
    }

    [Theory]
    [InlineData("Juno Pilates!", "The short address may hold lowercase letters, digits and single hyphens, and must start and end with a letter or digit.")]
    [InlineData("jp", "The short address must be 3 to 40 characters.")]
    public async Task RefusesAnAddressThatIsNotAShortAddress(string slug, string message)
    {
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var settings = owner.ServiceProvider.GetRequiredService<StudioSettingsService>();
        var form = await settings.GetAsync(CancellationToken.None);
        form.Slug = slug;
        form.Name = "Renamed Too";

        var result = await settings.SaveAsync(form, CancellationToken.None);

        Assert.Equal(message, result.ErrorFor(nameof(form.Slug)));
        await AssertUnchangedAsync(settings);
    }

    [Theory]
    [InlineData("Pacific Standard Time")] // a Windows name: the studio stores IANA names only
    [InlineData("")]
    public async Task RefusesATimeZoneThatIsNotAnIanaZoneFromTheList(string zone)
    {
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var settings = owner.ServiceProvider.GetRequiredService<StudioSettingsService>();
        var form = await settings.GetAsync(CancellationToken.None);
        form.TimeZoneId = zone;

        var result = await settings.SaveAsync(form, CancellationToken.None);

        Assert.Contains("is not a time zone", result.ErrorFor(nameof(form.TimeZoneId)), StringComparison.Ordinal);
        Assert.Null(await settings.PreviewZoneChangeAsync(zone, CancellationToken.None));
        await AssertUnchangedAsync(settings);
    }

    [Theory]
    [InlineData("0m", "Each reminder must be between 1 minute and 14 days before the class.")]
    [InlineData("15d", "Each reminder must be between 1 minute and 14 days before the class.")]
    [InlineData("1d, 12h, 2h, 1h, 30m", "At most 4 reminders.")]
    public async Task RefusesReminderTimesOutsideTheRules(string reminders, string message)
    {
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var settings = owner.ServiceProvider.GetRequiredService<StudioSettingsService>();
        var form = await settings.GetAsync(CancellationToken.None);
        form.Reminders = reminders;

        var result = await settings.SaveAsync(form, CancellationToken.None);

        Assert.Equal(message, result.ErrorFor(nameof(form.Reminders)));
        Assert.Equal("24h, 1h", (await settings.GetAsync(CancellationToken.None)).Reminders);
    }

    [Fact]
    public async Task MovesTheBookingPageToTheNewAddressAndTheOldOneIsNotFoundAtOnce()
    {
        using var visitor = App.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/s/juno-pilates")).StatusCode); // now in the page cache
        await using (var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail))
        {
            var settings = owner.ServiceProvider.GetRequiredService<StudioSettingsService>();
            var form = await settings.GetAsync(CancellationToken.None);
            form.Slug = "juno-barre";
            form.ContactEmail = "desk@juno.test";
            Assert.True((await settings.SaveAsync(form, CancellationToken.None)).Succeeded);
        }

        var old = await visitor.GetAsync("/s/juno-pilates");
        var moved = await visitor.GetAsync("/s/juno-barre");

        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var html = WebUtility.HtmlDecode(await moved.Content.ReadAsStringAsync());
        Assert.Contains("Juno Pilates", html, StringComparison.Ordinal);
        Assert.Contains("mailto:desk@juno.test", html, StringComparison.Ordinal);
        Assert.Contains("/s/juno-barre/book/", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DemoSeeder.FrontDeskEmail)]
    [InlineData(DemoSeeder.InstructorEmail)]
    [InlineData(DemoSeeder.ClientEmail)]
    public async Task RefusesEveryoneButTheOwner(string email)
    {
        await using var scope = await App.ScopeSignedInAsAsync(email);
        var settings = scope.ServiceProvider.GetRequiredService<StudioSettingsService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => settings.GetAsync(CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => settings.SaveAsync(new StudioSettingsForm(), CancellationToken.None));
    }

    [Fact]
    public async Task TheStudiosOwnReminderTimesDecideWhichRemindersAreOwed()
    {
        var startsAt = App.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddMinutes(25);
        var classId = await TestClasses.AddAsync(App, "Soon Flow", startsAt, 10, Location.InPerson("Studio A"), bookedByDemoClientDaysEarlier: 2);
        await SaveRemindersAsync("30m");

        await App.Services.GetRequiredService<ReminderPlanner>().OweDueRemindersAsync(CancellationToken.None);

        Assert.Equal([30], await RemindersOwedAsync(classId));
    }

    [Fact]
    public async Task NewReminderTimesReplanTheRemindersNotSentYet()
    {
        var startsAt = App.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddMinutes(40);
        var classId = await TestClasses.AddAsync(App, "Soon Flow", startsAt, 10, Location.InPerson("Studio A"), bookedByDemoClientDaysEarlier: 2);
        var planner = App.Services.GetRequiredService<ReminderPlanner>();
        await planner.OweDueRemindersAsync(CancellationToken.None);
        Assert.Equal([60], await RemindersOwedAsync(classId)); // the default hour-before reminder, not sent yet

        await SaveRemindersAsync("45m");
        await planner.OweDueRemindersAsync(CancellationToken.None);

        Assert.Equal([45], await RemindersOwedAsync(classId));
    }

    private async Task SaveRemindersAsync(string reminders)
    {
        await using var owner = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var settings = owner.ServiceProvider.GetRequiredService<StudioSettingsService>();
        var form = await settings.GetAsync(CancellationToken.None);
        form.Reminders = reminders;
        Assert.True((await settings.SaveAsync(form, CancellationToken.None)).Succeeded);
    }

    /// <summary>The reminders still to be sent for the demo client's booking of the class, by minutes before.</summary>
    private async Task<List<int>> RemindersOwedAsync(Guid classId)
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.OutboxEmails
            .Where(e => e.ClassSessionId == classId && e.Kind == EmailKind.Reminder && e.Status == OutboxStatus.Pending)
            .Select(e => e.ReminderMinutes).ToListAsync();
    }

    private async Task<Dictionary<Guid, DateTimeOffset>> StartsAsync()
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.ClassSessions.ToDictionaryAsync(c => c.Id, c => c.StartsAt);
    }

    private static async Task AssertUnchangedAsync(StudioSettingsService settings)
    {
        var unchanged = await settings.GetAsync(CancellationToken.None);
        Assert.Equal(("Juno Pilates", "juno-pilates", "Europe/London", null, "24h, 1h"),
            (unchanged.Name, unchanged.Slug, unchanged.TimeZoneId, unchanged.ContactEmail, unchanged.Reminders));
    }

    private static string Local(DateTimeOffset instant, string zone) =>
        StudioTime.DateTime(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);
}
