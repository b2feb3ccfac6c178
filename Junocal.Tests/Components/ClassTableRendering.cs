using Bunit;
using Junocal.Domain.Scheduling;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Features.Scheduling;

namespace Junocal.Tests.Components;

/// <summary>The staff list view over a long range renders a page of classes at a time.</summary>
public class ClassTableRendering : JunocalBunitContext
{
    private static readonly DateTime Monday = TestCalendar.FakeNow.UtcDateTime.Date.OnOrAfter(DayOfWeek.Monday);

    [Fact]
    public void RendersTheFirstPageOfALongListAndTheNextOnShowMore()
    {
        var classes = Enumerable.Range(0, 120).Select(Class).ToList();

        var table = Render<ClassTable>(p => p.Add(t => t.Classes, classes));

        Assert.Equal(ClassTable.PageSize, table.FindAll("[data-testid=class-row]").Count);
        Assert.Equal("Class 000", table.FindAll(".class-link")[0].TextContent);
        Assert.Equal($"Showing {ClassTable.PageSize} of 120 classes.", table.Find("[role=status]").TextContent.Trim());
        table.Find("[data-testid=more-classes] button").Click();
        Assert.Equal(2 * ClassTable.PageSize, table.FindAll("[data-testid=class-row]").Count);
        table.Find("[data-testid=more-classes] button").Click();
        Assert.Equal(120, table.FindAll("[data-testid=class-row]").Count);
        Assert.Empty(table.FindAll("[data-testid=more-classes]"));
    }

    [Fact]
    public void AnotherListStartsFromTheFirstPageAgain()
    {
        var table = Render<ClassTable>(p => p.Add(t => t.Classes, Enumerable.Range(0, 120).Select(Class).ToList()));
        table.Find("[data-testid=more-classes] button").Click();

        table.Render(p => p.Add(t => t.Classes, Enumerable.Range(0, 90).Select(Class).ToList()));

        Assert.Equal(ClassTable.PageSize, table.FindAll("[data-testid=class-row]").Count);
    }

    [Fact]
    public void AReReadOfTheSameClassesKeepsWhatWasOpened()
    {
        var classes = Enumerable.Range(0, 120).Select(Class).ToList();
        var table = Render<ClassTable>(p => p.Add(t => t.Classes, classes));
        table.Find("[data-testid=more-classes] button").Click();

        table.Render(p => p.Add(t => t.Classes, classes.Select(c => c with { Booked = c.Booked + 1 }).ToList()));

        Assert.Equal(2 * ClassTable.PageSize, table.FindAll("[data-testid=class-row]").Count);
    }

    private static ClassListItem Class(int i) =>
        new(Guid.NewGuid(), 1, $"Class {i:D3}", Monday.AddHours(7 + i), 45, Guid.NewGuid(), "Maya Chen",
            LocationKind.InPerson, "Studio A", null, 3, 10, ClassStatus.Scheduled);
}
