using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Junocal.Tests.Sandbox;

/// <summary>Records every formatted log line (with its state values) so tests can grep them for secrets.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Capture(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Capture(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(pair => pair.Value)) : "";
            owner.Lines.Enqueue($"{category} {formatter(state, exception)} {values} {exception}");
        }
    }
}
