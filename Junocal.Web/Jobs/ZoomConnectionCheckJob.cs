using Junocal.Web.Integrations.Zoom;
using Quartz;

namespace Junocal.Web.Jobs;

/// <summary>
/// Runs the Zoom connection checks that are due: one that could not run at connect (Zoom's daily limit, an error),
/// and the delete of a check meeting Zoom has not confirmed yet, so no check meeting stays on the owner's account.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ZoomConnectionCheckJob(ZoomConnectionCheck check) : IJob
{
    public static readonly JobKey Key = new("zoom-connection-check", "integrations");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await check.RunDueAsync(cancellationToken);
}
