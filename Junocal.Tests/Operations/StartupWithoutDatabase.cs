using System.Diagnostics;

namespace Junocal.Tests.Operations;

/// <summary>The app as an operator starts it: a database it cannot open stops it with one line that says what to fix.</summary>
public class StartupWithoutDatabase
{
    [Fact]
    public async Task ExitsNonZeroNamingTheProviderAndTheSettingToFix()
    {
        // A regular file where the database's folder should be: no folder can be created there.
        var blocker = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Junocal.Web.dll")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = AppContext.BaseDirectory,
                Environment =
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                    ["ConnectionStrings__Junocal"] = $"Data Source={Path.Combine(blocker, "data", "junocal.db")}",
                },
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);

            Assert.NotEqual(0, process.ExitCode);
            var log = await output + await errors;
            var line = Assert.Single(log.Split('\n'), l => l.Contains("Cannot open the Sqlite database", StringComparison.Ordinal));
            Assert.Contains("ConnectionStrings:Junocal", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(blocker);
        }
    }
}
