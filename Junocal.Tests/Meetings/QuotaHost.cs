using Junocal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Junocal.Tests.Meetings;

/// <summary>
/// The real host and its Zoom sandbox on one clock the test moves, with Zoom's daily limit lowered to
/// <see cref="DailyLimit"/> creates and updates (the sandbox's and the app's plan alike) and one class synced at a
/// time, so the order the quota goes in is exact. Background jobs are off: tests run the sweep themselves.
/// </summary>
public sealed class QuotaHost : JunocalApp
{
    public const int DailyLimit = 4;

    public QuotaHost()
        : this(new FakeTimeProvider(TestCalendar.FakeNow))
    {
    }

    private QuotaHost(FakeTimeProvider clock)
        : base(new TestHostOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["Sandbox:Zoom:PerUserDailyLimit"] = DailyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Zoom:DailyMeetingChangeLimit"] = DailyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Meetings:ClassesAtOncePerStudio"] = "1",
            },
            Services = services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
        })
    {
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }
}
