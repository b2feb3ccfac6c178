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
        Guid studioId;
        await using (var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext())
        {
            studioId = await db.Studios.Where(s => s.Name == "Juno Pilates").Select(s => s.Id).SingleAsync();
            db.AuditEntries.AddRange(
                AuditEntry.Record(studioId, new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero), "Zoom", "zoom.deauthorized", "June Zoom entry"),
                AuditEntry.Record(studioId, new DateTimeOffset(2026, 6, 3, 9, 0, 0, TimeSpan.Zero), "Zoom", "zoom.connected", "Later Zoom entry"),
                AuditEntry.Record(studioId, new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero), "owner", "class.scheduled", "June class entry"));
            await db.SaveChangesAsync();
        }

        await using var scope = await App.ScopeSignedInAsAsync(DemoSeeder.OwnerEmail);
        var audit = scope.ServiceProvider.GetRequiredService<AuditLogService>();

        var zoomInJune = await audit.ListAsync(0, CancellationToken.None, new AuditFilter("zoom.", new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 2)));
        var everythingOnJuneFirst = await audit.ListAsync(0, CancellationToken.None, new AuditFilter(null, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 1)));

        Assert.Equal(["June Zoom entry"], zoomInJune.Entries.Select(e => e.Details));
        Assert.Equal(["June class entry", "June Zoom entry"], everythingOnJuneFirst.Entries.Select(e => e.Details));
    }
}
