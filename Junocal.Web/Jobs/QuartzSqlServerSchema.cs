namespace Junocal.Web.Jobs;

/// <summary>
/// Quartz's own SQL Server schema script, embedded in Quartz.dll, split the way its job store splits it:
/// on lines reading exactly "--;;", with the table prefix substituted for {0} and {1}.
/// </summary>
public static class QuartzSqlServerSchema
{
    public const string TablePrefix = "QRTZ_";
    private const string ResourceName = "Quartz.Impl.AdoJobStore.Schema.create_sqlServer.sql";

    public static IReadOnlyList<string> TablesInDropOrder { get; } =
    [
        "QRTZ_FIRED_TRIGGERS", "QRTZ_PAUSED_TRIGGER_GRPS", "QRTZ_PAUSED_JOB_GRPS", "QRTZ_SCHEDULER_STATE", "QRTZ_LOCKS",
        "QRTZ_SIMPLE_TRIGGERS", "QRTZ_SIMPROP_TRIGGERS", "QRTZ_CRON_TRIGGERS", "QRTZ_BLOB_TRIGGERS", "QRTZ_TRIGGERS",
        "QRTZ_JOB_DETAILS", "QRTZ_CALENDARS", "QRTZ_EXECUTION_HISTORY", "QRTZ_MISFIRE_HISTORY", "QRTZ_JOB_STATUS",
    ];

    public static IReadOnlyList<string> CreateStatements()
    {
        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Quartz no longer ships {ResourceName}; update this migration for the new Quartz version.");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd().Replace("{0}", TablePrefix, StringComparison.Ordinal).Replace("{1}", TablePrefix, StringComparison.Ordinal);
        return script.Split('\n')
            .Aggregate(new List<List<string>> { new() }, (pieces, line) =>
            {
                if (line.TrimEnd('\r') == "--;;")
                {
                    pieces.Add([]);
                }
                else
                {
                    pieces[^1].Add(line);
                }

                return pieces;
            })
            .Select(piece => string.Join('\n', piece).Trim())
            .Where(statement => statement.Split('\n').Any(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            .ToList();
    }
}
