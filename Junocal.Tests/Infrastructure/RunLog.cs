namespace Junocal.Tests.Infrastructure;

/// <summary>
/// One file that keeps a long run's story: every output line of the processes it starts and the run's own events
/// (a kill, a restart, the figures), each stamped with the moment it arrived and whose it is. The processes' own
/// output dies with them; this file does not, so a run's figures can be explained after the fact.
/// </summary>
public sealed class RunLog : IDisposable
{
    private readonly Lock _gate = new();
    private readonly StreamWriter _writer;
    private bool _closed;

    public RunLog(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        _writer = new StreamWriter(path, append: false) { AutoFlush = true };
    }

    public string Path { get; }

    /// <summary>Where the lines of one source go, e.g. <c>For("app1#3")</c> for the first instance's third start.</summary>
    public Action<string> For(string source) => line => Write(source, line);

    public void Write(string source, string line)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return; // a dying process's last lines, after the run has ended
            }

            _writer.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {source,-8} {line}");
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _writer.Dispose();
        }
    }
}
