using System.Collections.Concurrent;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Data;
using Junocal.Web.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Junocal.Tests.Meetings;

/// <summary>
/// What open pages hear of link changes: in this instance the class that changed; from another instance on the same
/// database, within the stamps' poll, that some class of the studio changed. Only ever of their own studio.
/// </summary>
public class MeetingChangesWatch(JunocalApp app) : AppTest(app)
{
    [Fact]
    public async Task AWatcherHearsOfTheClassesOfItsOwnStudioOnly()
    {
        var (juno, other) = await StudiosAsync();
        var changes = App.Services.GetRequiredService<MeetingChanges>();
        var heardByJuno = new ConcurrentQueue<Guid?>();
        var heardByOther = new ConcurrentQueue<Guid?>();
        using var junoPage = changes.Watch(juno, heardByJuno.Enqueue);
        using var otherPage = changes.Watch(other, heardByOther.Enqueue);
        var classId = Guid.NewGuid();

        var otherClassId = Guid.NewGuid();

        changes.Changed(juno, classId);
        changes.Changed(other, otherClassId);

        await Eventually.HoldsAsync(() => heardByJuno.Contains(classId) && heardByOther.Contains(otherClassId), "each studio's change heard");
        Assert.DoesNotContain(otherClassId, heardByJuno);
        Assert.DoesNotContain(classId, heardByOther);
    }

    [Fact]
    public async Task AChangeOnAnotherInstanceReachesTheWatchersOfItsStudioHereAndNoOthers()
    {
        var (juno, other) = await StudiosAsync();
        await using var peer = App.StartPeer();
        var changes = App.Services.GetRequiredService<MeetingChanges>();
        var heardByJuno = new ConcurrentQueue<Guid?>();
        var heardByOther = new ConcurrentQueue<Guid?>();
        using var junoPage = changes.Watch(juno, heardByJuno.Enqueue);
        using var otherPage = changes.Watch(other, heardByOther.Enqueue);
        // The first look at a followed studio counts as a change (a change made before it must not be missed).
        await Eventually.HoldsAsync(() => !heardByJuno.IsEmpty && !heardByOther.IsEmpty, "the first look at both studios");
        var otherHeard = heardByOther.Count;

        foreach (var round in new[] { 1, 2 }) // a second round: the poll after the first has passed the other studio too
        {
            var junoHeard = heardByJuno.Count;
            peer.Services.GetRequiredService<MeetingChanges>().Changed(juno, Guid.NewGuid());

            await Eventually.HoldsAsync(() => heardByJuno.Count > junoHeard, $"round {round}: the peer's change heard here");
            Assert.Null(heardByJuno.Last()); // another instance's change names no class
        }

        Assert.Equal(otherHeard, heardByOther.Count);
        Assert.Equal(2, await StampAsync(juno)); // one bump per change, by the instance that made it
        Assert.Equal(0, await StampAsync(other));
    }

    private async Task<long> StampAsync(Guid studioId)
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        return await db.MeetingStamps.Where(s => s.StudioId == studioId).Select(s => s.Value).SingleOrDefaultAsync();
    }

    private async Task<(Guid Juno, Guid Other)> StudiosAsync()
    {
        await using var db = App.Services.GetRequiredService<SystemDbContextFactory>().CreateDbContext();
        var studios = await db.Studios.ToDictionaryAsync(s => s.Name, s => s.Id);
        return (studios["Juno Pilates"], studios["Other Studio"]);
    }
}
