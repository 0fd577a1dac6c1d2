using System;
using MarketplaceLeads.FollowUp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads;

/// <summary>Configures follow-up planning on an <see cref="IMarketplaceLeadsBuilder"/>.</summary>
public static partial class MarketplaceLeadsBuilderExtensions
{
    /// <summary>Registers an <see cref="IFollowUpPlanner"/> (singleton) configured by <see cref="FollowUpOptions"/>, on the registered <see cref="TimeProvider"/> (else <see cref="TimeProvider.System"/>), and the in-memory <see cref="IFollowUpStore"/> unless another is registered (<c>UseSqlite</c> registers a durable one). Follow-up is about customers, not pipelines: every pipeline, named or not, shares the one planner and store, whichever builder this is called on. The options are validated when the host starts; a bad value fails start-up with a message that names it. Safe to call more than once (configurations add up).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IMarketplaceLeadsBuilder UseFollowUp(this IMarketplaceLeadsBuilder builder, Action<FollowUpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddValidatedOptions<FollowUpOptions, FollowUpOptionsValidator>(builder.Services, Options.DefaultName, configure);
        builder.Services.TryAddSingleton<IFollowUpPlanner>(static provider => new FollowUpPlanner(
            provider.GetRequiredService<IOptions<FollowUpOptions>>().Value,
            provider.GetService<TimeProvider>()));
        builder.Services.TryAddSingleton<IFollowUpStore, InMemoryFollowUpStore>();
        return builder;
    }
}
