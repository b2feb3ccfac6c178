namespace Junocal.Web.Features.Demo;

public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Seed the demo studios into an empty database. Defaults to on in Development.</summary>
    public bool? Seed { get; set; }

    public const string Password = "Demo-pass-1";
}
