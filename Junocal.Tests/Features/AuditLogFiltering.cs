using Junocal.Domain.Auditing;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Features.Audit;
using Junocal.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Features;

public class AuditLogFiltering(JunocalApp app) : AppTest(app)
{
    [Fact]
    public async Task ShowsOnlyTheChosenKindWithinTheChosenDays()
    {
        var june = TestCalendar.NextYearOn(6, 1);
        Guid studioId;
        await using (var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            studioId = await db.Studios.Where(s => s.Name == "Juno Pilates").Select(s => s.Id).SingleAsync();
            db.AuditEntries.AddRange(
                AuditEntry.Record(studioId, TestCalendar.Utc(june, 9), "Zoom", "zoom.deauthorized", "June Zoom entry"),
                AuditEntry.Record(studioId, TestCalendar.Utc(june.AddDays(2), 9), "Zoom", "zoom.connected", "Later Zoom entry"),
                AuditEntry.Record(studioId, TestCalendar.Utc(june, 10), "owner", "class.scheduled", "June class entry"));
            await db.SaveChangesAsync();
        }

        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var audit = scope.ServiceProvider.GetRequiredService<AuditLogService>();

        var zoomInJune = await audit.ListAsync(0, CancellationToken.None, new AuditFilter("zoom.", DateOnly.FromDateTime(june), DateOnly.FromDateTime(june.AddDays(1))));
        var everythingOnJuneFirst = await audit.ListAsync(0, CancellationToken.None, new AuditFilter(null, DateOnly.FromDateTime(june), DateOnly.FromDateTime(june)));

        Assert.Equal(["June Zoom entry"], zoomInJune.Entries.Select(e => e.Details));
        Assert.Equal(["June class entry", "June Zoom entry"], everythingOnJuneFirst.Entries.Select(e => e.Details));
    }
}
