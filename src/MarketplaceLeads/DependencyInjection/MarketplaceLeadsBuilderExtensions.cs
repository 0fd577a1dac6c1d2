using System;
using System.Diagnostics.CodeAnalysis;
using MarketplaceLeads.Deduplication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads;

/// <summary>Configures de-duplication, sinks, the dead-letter sink, the journal and observers on an <see cref="IMarketplaceLeadsBuilder"/>.</summary>
public static partial class MarketplaceLeadsBuilderExtensions
{
    /// <summary>
    /// Registers an <see cref="ILeadDeduplicator"/> (singleton) configured by <see cref="DeduplicationOptions"/>, with the
    /// in-memory <see cref="ILeadDeduplicationStore"/> unless another store is registered, dating review decisions by the
    /// registered <see cref="TimeProvider"/> (else <see cref="TimeProvider.System"/>). On the default pipeline's builder it
    /// configures the de-duplicator every pipeline shares; on a named pipeline's builder it gives that pipeline identity
    /// resolution of its own (its own options, named after the pipeline, and its own store: in memory unless
    /// <see cref="UseDeduplicationStore{TStore}"/> is called on the same builder), resolved as a keyed
    /// <see cref="ILeadDeduplicator"/>. The options are validated when the host starts; a bad value fails start-up with a
    /// message that names it. Safe to call more than once (configurations add up).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IMarketplaceLeadsBuilder UseDeduplication(this IMarketplaceLeadsBuilder builder, Action<DeduplicationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Name.Length == 0)
        {
            AddSharedDeduplication(builder.Services, configure);
            return builder;
        }

        AddValidatedOptions<DeduplicationOptions, DeduplicationOptionsValidator>(builder.Services, builder.Name, configure);
        builder.Services.TryAddKeyedSingleton<ILeadDeduplicator>(builder.Name, static (provider, key) => new LeadDeduplicator(
            provider.GetRequiredService<IOptionsMonitor<DeduplicationOptions>>().Get((string)key!),
            provider.GetKeyedService<ILeadDeduplicationStore>(key),
            provider.GetService<TimeProvider>()));
        return builder;
    }

    /// <summary>Registers the de-duplicator every pipeline shares (unless its builder's <see cref="UseDeduplication"/> gave it one of its own).</summary>
    internal static void AddSharedDeduplication(IServiceCollection services, Action<DeduplicationOptions>? configure)
    {
        AddValidatedOptions<DeduplicationOptions, DeduplicationOptionsValidator>(services, Options.DefaultName, configure);
        services.TryAddSingleton<ILeadDeduplicationStore, InMemoryLeadDeduplicationStore>();
        services.TryAddSingleton<ILeadDeduplicator>(static provider => new LeadDeduplicator(
            provider.GetRequiredService<IOptions<DeduplicationOptions>>().Value,
            provider.GetRequiredService<ILeadDeduplicationStore>(),
            provider.GetService<TimeProvider>()));
    }

    /// <summary>
    /// Uses <typeparamref name="TStore"/> (singleton) as the de-duplication state, in place of the in-memory store: on the
    /// default pipeline's builder, the state of the de-duplicator every pipeline shares; on a named pipeline's builder,
    /// the state of that pipeline's own (which this gives it, as <see cref="UseDeduplication"/> does).
    /// </summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IMarketplaceLeadsBuilder UseDeduplicationStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>(this IMarketplaceLeadsBuilder builder)
        where TStore : class, ILeadDeduplicationStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Name.Length == 0)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton<ILeadDeduplicationStore, TStore>());
            return builder;
        }

        builder.Services.RemoveAllKeyed<ILeadDeduplicationStore>(builder.Name);
        builder.Services.AddKeyedSingleton<ILeadDeduplicationStore, TStore>(builder.Name);
        return builder.UseDeduplication();
    }

    /// <summary>Adds options (of <paramref name="name"/>) configured by <paramref name="configure"/> (configurations add up) and validated at start-up by their generated validator.</summary>
    internal static void AddValidatedOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(IServiceCollection services, string name, Action<TOptions>? configure)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        var options = services.AddOptions<TOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }
}
