namespace MarketplaceLeads.AspNetCore.Tests;

/// <summary>
/// Tests that change the process's current directory (the documented set-up writes its database beside the app) run
/// alone: any other test starting a server meanwhile would take the temporary folder as its content root, and fail
/// once the folder is deleted.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CurrentDirectoryTests
{
    public const string Name = "Tests that change the current directory";
}
