using System;
using System.Diagnostics.CodeAnalysis;
using MarketplaceLeads.Deduplication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads;

/// <summary>Configures de-duplication, sinks, the dead-letter sink, the journal and observers on an <see cref="IMarketplaceLeadsBuilder"/>.</summary>
public static partial class MarketplaceLeadsBuilderExtensions
{
    /// <summary>Registers an <see cref="ILeadDeduplicator"/> (singleton) configured by <see cref="DeduplicationOptions"/>, with the in-memory <see cref="ILeadDeduplicationStore"/> unless another store is registered, dating review decisions by the registered <see cref="TimeProvider"/> (else <see cref="TimeProvider.System"/>). The options are validated when the host starts; a bad value fails start-up with a message that names it. Safe to call more than once (configurations add up).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IMarketplaceLeadsBuilder UseDeduplication(this IMarketplaceLeadsBuilder builder, Action<DeduplicationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddValidatedOptions(builder, configure);
        builder.Services.TryAddSingleton<ILeadDeduplicationStore, InMemoryLeadDeduplicationStore>();
        builder.Services.TryAddSingleton<ILeadDeduplicator>(static provider => new LeadDeduplicator(
            provider.GetRequiredService<IOptions<DeduplicationOptions>>().Value,
            provider.GetRequiredService<ILeadDeduplicationStore>(),
            provider.GetService<TimeProvider>()));
        return builder;
    }

    /// <summary>Uses <typeparamref name="TStore"/> (singleton) as the de-duplication state, in place of the in-memory store.</summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IMarketplaceLeadsBuilder UseDeduplicationStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>(this IMarketplaceLeadsBuilder builder)
        where TStore : class, ILeadDeduplicationStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<ILeadDeduplicationStore, TStore>());
        return builder;
    }

    /// <summary>Adds options configured by <paramref name="configure"/> (configurations add up) and validated at start-up by their own rules.</summary>
    private static void AddValidatedOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(IMarketplaceLeadsBuilder builder, Action<TOptions>? configure)
        where TOptions : class, ISelfValidatingOptions
    {
        var options = builder.Services.AddOptions<TOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, SelfValidatingOptionsValidator<TOptions>>());
    }
}
