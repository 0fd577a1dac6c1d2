namespace MarketplaceLeads.Cli.Tests.Support;

/// <summary>The tests that read the imported sample database (imported once).</summary>
[CollectionDefinition(Name)]
public sealed class ImportedSamplesDefinition : ICollectionFixture<ImportedSamples>
{
    public const string Name = "imported samples";
}
