namespace MarketplaceLeads.Tests.Support;

/// <summary>Tests that redirect <see cref="System.Console"/> run in this collection, never in parallel with others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleTests
{
    public const string Name = "Console";
}
