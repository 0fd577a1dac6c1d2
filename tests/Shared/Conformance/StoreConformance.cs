using System.Threading.Tasks;

namespace MarketplaceLeads.Testing;

/// <summary>
/// The base of the conformance suites (journal, sink, touch log): a derived class per store opens the store under test on
/// the test's own state, closes it, and opens it again on the same state (<see cref="ReopenAsync"/>, as a process restart
/// does; an in-memory store stays the same instance).
/// </summary>
/// <typeparam name="TStore">The contract under test.</typeparam>
public abstract class StoreConformance<TStore> : IAsyncLifetime
    where TStore : class
{
    /// <summary>Gets the store under test (a new instance after <see cref="ReopenAsync"/>).</summary>
    protected TStore Store { get; private set; } = null!;

    /// <summary>Opens the store on the test's state, the first time on an empty one.</summary>
    protected abstract ValueTask<TStore> OpenAsync();

    /// <summary>Closes what <see cref="OpenAsync"/> opened (cleanly: a crash is a store-specific test).</summary>
    protected abstract ValueTask CloseAsync();

    /// <summary>Closes the store and opens it again on the same state.</summary>
    protected async Task ReopenAsync()
    {
        await CloseAsync();
        Store = await OpenAsync();
    }

    public async Task InitializeAsync() => Store = await OpenAsync();

    public async Task DisposeAsync() => await CloseAsync();
}
