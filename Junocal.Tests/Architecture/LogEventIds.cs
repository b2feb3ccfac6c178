using System.Reflection;
using Junocal.Web;
using Microsoft.Extensions.Logging;

namespace Junocal.Tests.Architecture;

/// <summary>Every log message of the app names its own event id, taken from its area's range in <see cref="LogEvents"/>.</summary>
public class LogEventIds
{
    private static readonly (string Method, int EventId)[] Messages = typeof(LogEvents).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Select(m => (Method: $"{m.DeclaringType!.Name}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
        .Where(m => m.Attribute is not null)
        .Select(m => (m.Method, m.Attribute!.EventId))
        .ToArray();

    private static readonly int[] Listed = typeof(LogEvents).GetNestedTypes()
        .SelectMany(area => area.GetFields(BindingFlags.Public | BindingFlags.Static))
        .Where(f => f.IsLiteral && f.FieldType == typeof(int))
        .Select(f => (int)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void NoTwoMessagesShareAnEventId()
    {
        Assert.True(Messages.Length > 10, "the reflection finds the app's log messages");
        var shared = Messages.GroupBy(m => m.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}").ToList();
        Assert.True(shared.Count == 0, "Event ids used twice:\n" + string.Join("\n", shared));
    }

    [Fact]
    public void EveryMessageTakesItsIdFromTheList()
    {
        Assert.Equal(Listed.Length, Listed.Distinct().Count());
        Assert.All(Messages, m => Assert.True(Listed.Contains(m.EventId), $"{m.Method} uses {m.EventId}, which LogEvents does not list"));
    }
}
