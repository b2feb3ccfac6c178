using System.Reflection;
using Bunit;
using Junocal.Domain.Auditing;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Audit;
using Junocal.Web.Features.Demo;
using Junocal.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Components;

/// <summary>
/// The audit log's Kind filter, as the owner opens it: one choice per kind of action the code can record — read here
/// from the constants of <see cref="AuditActions"/>, not from any list — so an action added there is filterable at once.
/// </summary>
[Collection(SharedAppHost.Name)]
public class AuditLogKindFilter(JunocalApp app) : JunocalBunitContext, IAsyncLifetime
{
    /// <summary>Every action the code can record: the string constants declared on <see cref="AuditActions"/>.</summary>
    private static readonly string[] DeclaredActions = typeof(AuditActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    public async ValueTask InitializeAsync() => await app.ResetAsync();

    [Fact]
    public void EveryDeclaredActionIsListed()
    {
        Assert.Contains(AuditActions.MeetingDeletedAtProvider, DeclaredActions); // the reflection finds the constants
        Assert.All(DeclaredActions, action => Assert.Contains(action, AuditActions.All));
    }

    [Fact]
    public async Task OffersOneChoicePerKindOfDeclaredActionAndFiltersByIt()
    {
        var kinds = DeclaredActions.Select(a => a[..(a.IndexOf('.', StringComparison.Ordinal) + 1)]).Distinct().ToList();
        Assert.Contains("meeting.", kinds);
        await RecordOneEntryPerKindAsync(kinds);
        await UseServicesOfAsync(app, DemoSeeder.OwnerEmail, typeof(CurrentUser), typeof(AuditLogService));
        var cut = Render<SchedulerRendering.ContainerFragment>(p => p.AddChildContent(b =>
        {
            b.OpenComponent<MudBlazor.MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<AuditLog>(1);
            b.CloseComponent();
        }));
        cut.WaitForAssertion(() => Assert.Equal(kinds.Count, cut.FindAll("[data-testid=audit-row]").Count));

        cut.Find(".mud-select .mud-select-input").MouseDown(); // the Kind filter, the page's one select

        cut.WaitForAssertion(() => Assert.Equal(kinds.Count, cut.FindAll("div.mud-list-item").Count));
        Assert.Contains(cut.FindAll("div.mud-list-item"), item => item.TextContent.Trim() == "Meetings");
        cut.FindAll("div.mud-list-item").Single(item => item.TextContent.Trim() == "Meetings").Click();
        cut.WaitForAssertion(() => Assert.Equal(["Entry of kind meeting."],
            cut.FindAll("[data-testid=audit-row] td:last-child").Select(td => td.TextContent.Trim())));
    }

    private async Task RecordOneEntryPerKindAsync(IEnumerable<string> kinds)
    {
        await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var studioId = await db.Studios.Where(s => s.Name == "Juno Pilates").Select(s => s.Id).SingleAsync();
        await db.AuditEntries.Where(e => e.StudioId == studioId).ExecuteDeleteAsync(); // what the seeding recorded
        var at = TestCalendar.Utc(TestCalendar.NextYearOn(6, 1), 9);
        foreach (var kind in kinds)
        {
            var action = DeclaredActions.First(a => a.StartsWith(kind, StringComparison.Ordinal));
            db.AuditEntries.Add(AuditEntry.Record(studioId, at, "owner", action, $"Entry of kind {kind}"));
        }

        await db.SaveChangesAsync();
    }
}
