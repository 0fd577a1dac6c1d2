namespace MarketplaceLeads.Tests.Support;

/// <summary>
/// Tests that must not run alongside others: those that redirect <see cref="System.Console"/>, and
/// allocation checks, which other tests would disturb by filling the parser's shared caches.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTests
{
    public const string Name = "Serial";
}
