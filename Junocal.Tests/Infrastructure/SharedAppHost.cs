namespace Junocal.Tests.Infrastructure;

/// <summary>
/// Tests that share the one app host and its database. They run one after another because each resets
/// the database; everything else in the suite runs in parallel with them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedAppHost : ICollectionFixture<JunocalApp>
{
    public const string Name = "app";
}
