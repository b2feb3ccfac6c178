using System.Collections.Concurrent;
using System.Diagnostics;

namespace Junocal.Tests.Infrastructure;

/// <summary>
/// Junocal.Web as an operator starts it: its own process in Production on a fresh SQLite file, with the test's
/// settings as environment variables, every output line captured (and echoed, when the caller keeps a log of its own).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Action<string>? _echo;

    private AppProcess(Process process, string directory, Action<string>? echo)
    {
        _process = process;
        _directory = directory;
        _echo = echo;
    }

    public IEnumerable<string> Lines => _lines;

    /// <summary>The process's SQLite database file.</summary>
    public string DatabasePath => Path.Combine(_directory, "junocal.db");

    /// <summary>
    /// Starts the app with what a Production start needs (database, token key, an email transport) plus
    /// <paramref name="settings"/>, and <paramref name="arguments"/> on its command line (a command such as create-studio).
    /// </summary>
    public static AppProcess Start(IReadOnlyDictionary<string, string> settings, params string[] arguments) => Start(settings, null, arguments);

    /// <summary>As <see cref="Start(IReadOnlyDictionary{string, string}, string[])"/>, and every output line also goes to
    /// <paramref name="echo"/> as it arrives (e.g. a <see cref="RunLog"/>, which outlives the process).</summary>
    public static AppProcess Start(IReadOnlyDictionary<string, string> settings, Action<string>? echo, params string[] arguments)
    {
        var directory = Directory.CreateTempSubdirectory("junocal-process-").FullName;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Junocal.Web.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["ConnectionStrings__Junocal"] = $"Data Source={Path.Combine(directory, "junocal.db")}",
                ["Security__TokenKeys__test"] = JunocalApp.TestTokenKey,
                ["Security__ActiveTokenKey"] = "test",
                ["Email__UsePickupDirectory"] = "true",
                ["Email__PickupDirectory"] = Path.Combine(directory, "mail"),
            },
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        return Launch(start, directory, echo);
    }

    /// <summary>Another program of the solution (its assembly beside the tests', e.g. Junocal.Sandbox.dll) as its own process.</summary>
    public static AppProcess StartProgram(string assembly, IReadOnlyDictionary<string, string> environment, Action<string>? echo = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, assembly)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Launch(start, Directory.CreateTempSubdirectory("junocal-process-").FullName, echo);
    }

    private static AppProcess Launch(ProcessStartInfo start, string directory, Action<string>? echo)
    {
        var process = new Process { StartInfo = start };
        var app = new AppProcess(process, directory, echo);
        process.OutputDataReceived += (_, line) => app.Record(line.Data);
        process.ErrorDataReceived += (_, line) => app.Record(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits for the process to stop by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>Waits until a line containing <paramref name="text"/> appears, or the process exits without one.</summary>
    public async Task<string> WaitForLineAsync(string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            if (_lines.FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal)) is { } found)
            {
                return found;
            }

            if (_process.HasExited)
            {
                _process.WaitForExit();
                return _lines.FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal))
                    ?? throw new InvalidOperationException($"The app exited ({_process.ExitCode}) without logging \"{text}\":\n{string.Join('\n', _lines)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Kills the process with SIGKILL, as the kernel or an orchestrator would: no shutdown, no flush, no finally.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>A TCP port nothing listens on now, for a process that must keep its address across restarts.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
            _echo?.Invoke(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
