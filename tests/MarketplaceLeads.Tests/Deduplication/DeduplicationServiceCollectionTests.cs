using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static MarketplaceLeads.Testing.TestLeads;

namespace MarketplaceLeads.Tests;

public class DeduplicationServiceCollectionTests
{
    [Fact]
    public async Task UseDeduplication_RegistersAConfiguredDeduplicator()
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads().UseDeduplication(o => o.MatchEmail = false);
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var deduplicator = provider.GetRequiredService<ILeadDeduplicator>();
        var a = Make("Ana", "Garcia", email: "ana@contoso.example");
        var b = Make("Zoe", "Xu", email: "ana@contoso.example", minutes: 1);

        Assert.Same(deduplicator, provider.GetRequiredService<ILeadDeduplicator>());
        Assert.Same(provider.GetRequiredService<ILeadDeduplicationStore>(), deduplicator.Store);
        Assert.Equal(2, deduplicator.Deduplicate([a, b]).Profiles.Count); // e-mail matching is off
        Assert.NotNull(provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddMarketplaceLeads_CalledTwice_RegistersOnce()
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads().UseDeduplication();
        services.AddMarketplaceLeads().UseDeduplication(o => o.MaxBlockSize = 50);

        Assert.Single(services, d => d.ServiceType == typeof(ILeadDeduplicator));
        Assert.Single(services, d => d.ServiceType == typeof(ILeadDeduplicationStore));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<DeduplicationOptions>));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(50, provider.GetRequiredService<IOptions<DeduplicationOptions>>().Value.MaxBlockSize);
    }

    [Fact]
    public void UseDeduplication_InvalidOptions_FailsValidationNamingPropertyAndValue()
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads().UseDeduplication(o => o.PossibleDuplicateThreshold = 1.5);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DeduplicationOptions>>().Value);

        Assert.Contains("PossibleDuplicateThreshold", error.Message, StringComparison.Ordinal);
        Assert.Contains("1.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseDedupStore_ReplacesTheInMemoryStore()
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads().UseDeduplication().UseDeduplicationStore<CountingStore>();
        await using var provider = services.BuildServiceProvider();

        var deduplicator = provider.GetRequiredService<ILeadDeduplicator>();
        await deduplicator.AddAsync(Make("Ana", "Garcia", email: "ana@contoso.example"));

        var store = Assert.IsType<CountingStore>(deduplicator.Store);
        Assert.Equal(1, store.Saves);
    }

    [Fact]
    public async Task NamedPipeline_SharesTheDeduplicator_UnlessItsBuilderGivesItItsOwn()
    {
        // UseDeduplication on a named pipeline's builder used to configure the de-duplicator every pipeline shares.
        var services = new ServiceCollection();
        services.AddMarketplaceLeads().AddSink(new InMemoryLeadSink());
        services.AddMarketplaceLeads("quotes").AddSink(new InMemoryLeadSink());
        services.AddMarketplaceLeads("partners").AddSink(new InMemoryLeadSink()).UseDeduplication(o => o.MatchEmail = false).UseDeduplicationStore<CountingStore>();
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var shared = provider.GetRequiredService<ILeadDeduplicator>();
        var own = provider.GetRequiredKeyedService<ILeadDeduplicator>("partners");
        var a = Make("Ana", "Garcia", email: "ana@contoso.example");
        var b = Make("Ana", "García", email: "Ana@Contoso.example", minutes: 1);

        Assert.NotSame(shared, own);
        Assert.Null(provider.GetKeyedService<ILeadDeduplicator>("quotes"));
        Assert.Single(shared.Deduplicate([a, b]).Profiles); // the default options: e-mail matching is on
        Assert.Equal(2, own.Deduplicate([a, b]).Profiles.Count); // the partners pipeline's own options
        Assert.IsType<CountingStore>(own.Store);
        Assert.IsNotType<CountingStore>(shared.Store);

        var partners = provider.GetRequiredKeyedService<ILeadPipeline>("partners");
        await partners.StartAsync();
        await partners.SubmitAsync(a);
        await partners.StopAsync();
        Assert.Equal(1, ((CountingStore)own.Store).Saves); // the pipeline de-duplicates with its own
    }

    [Fact]
    public void NamedPipeline_OwnDeduplicationOptions_AreValidatedUnderItsName()
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads("partners").UseDeduplication(o => o.MaxBlockSize = 1);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<DeduplicationOptions>>().Get("partners"));

        Assert.Contains("MaxBlockSize", error.Message, StringComparison.Ordinal);
        Assert.Equal(200, provider.GetRequiredService<IOptions<DeduplicationOptions>>().Value.MaxBlockSize); // the shared options are untouched
    }

    private sealed class CountingStore : ILeadDeduplicationStore
    {
        private readonly ILeadDeduplicationStore _inner = new LeadDeduplicator().Store;

        public int Saves { get; private set; }

        public ValueTask<CustomerProfile?> FindProfileByLeadAsync(LeadId leadId, CancellationToken cancellationToken = default) => _inner.FindProfileByLeadAsync(leadId, cancellationToken);

        public ValueTask<DeduplicationLookup> FindCandidatesAsync(IReadOnlyList<ulong> blockingKeys, int maxProfilesPerKey, CancellationToken cancellationToken = default) =>
            _inner.FindCandidatesAsync(blockingKeys, maxProfilesPerKey, cancellationToken);

        public ValueTask SaveAsync(DeduplicationStoreUpdate update, CancellationToken cancellationToken = default)
        {
            Saves++;
            return _inner.SaveAsync(update, cancellationToken);
        }

        public IAsyncEnumerable<CustomerProfile> GetProfilesAsync(CancellationToken cancellationToken = default) => _inner.GetProfilesAsync(cancellationToken);

        public IAsyncEnumerable<PossibleDuplicate> GetPossibleDuplicatesAsync(CancellationToken cancellationToken = default) => _inner.GetPossibleDuplicatesAsync(cancellationToken);

        public ValueTask<CustomerProfile?> FindProfileAsync(CustomerProfileId profileId, CancellationToken cancellationToken = default) => _inner.FindProfileAsync(profileId, cancellationToken);

        public ValueTask<IReadOnlyList<KeptApartPair>> FindKeptApartAsync(IReadOnlyList<CustomerProfileId> profiles, CancellationToken cancellationToken = default) => _inner.FindKeptApartAsync(profiles, cancellationToken);

        public ValueTask<LeadDecisionRecord?> FindDecisionAsync(LeadId leadId, CancellationToken cancellationToken = default) => _inner.FindDecisionAsync(leadId, cancellationToken);

        public ValueTask<long> SaveReviewAsync(DeduplicationReviewUpdate update, CancellationToken cancellationToken = default) => _inner.SaveReviewAsync(update, cancellationToken);

        public IAsyncEnumerable<KeptApartPair> GetKeptApartAsync(CancellationToken cancellationToken = default) => _inner.GetKeptApartAsync(cancellationToken);

        public IAsyncEnumerable<ReviewAction> ReadReviewLogAsync(long afterSequence, CancellationToken cancellationToken = default) => _inner.ReadReviewLogAsync(afterSequence, cancellationToken);
    }
}
