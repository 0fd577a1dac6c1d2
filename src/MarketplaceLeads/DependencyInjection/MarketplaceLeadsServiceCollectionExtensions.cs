using System;
using System.Linq;
using MarketplaceLeads;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;
using MarketplaceLeads.Lifecycle;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers MarketplaceLeads in a service collection.</summary>
/// <remarks>In the <c>Microsoft.Extensions.DependencyInjection</c> namespace, like the framework's own <c>AddXxx</c> methods, so that <c>services.AddMarketplaceLeads()</c> needs no extra <c>using</c>.</remarks>
public static class MarketplaceLeadsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the default lead pipeline (<see cref="ILeadPipeline"/>, singleton, also resolved as <see cref="ILeadReview"/> and, for erasure and retention, <see cref="ILeadErasure"/>) with de-duplication, an in-memory
    /// <see cref="ILeadJournal"/> unless another is registered, a <see cref="TimeProvider"/> if none is, and a hosted
    /// service that starts and drains the pipeline with a generic host. Add at least one sink on the returned builder.
    /// Safe to call more than once (configurations add up).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the pipeline's options; <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IMarketplaceLeadsBuilder AddMarketplaceLeads(this IServiceCollection services, Action<MarketplaceLeadsOptions>? configure = null) =>
        AddPipeline(services, Options.Options.DefaultName, configure);

    /// <summary>
    /// Adds a named lead pipeline, resolved as a keyed <see cref="ILeadPipeline"/> and <see cref="ILeadReview"/> (<c>[FromKeyedServices("name")]</c>),
    /// for applications that need more than one (separate sinks or options). Named pipelines share the
    /// <see cref="MarketplaceLeads.Deduplication.ILeadDeduplicator"/> unless <c>UseDeduplication</c> is called on their builder,
    /// which gives a pipeline identity resolution of its own; each has a journal of its own (in memory unless one is registered
    /// with <c>UseLeadJournal</c> on its builder). Safe to call more than once with the same name.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The pipeline's name; not empty.</param>
    /// <param name="configure">Configures the pipeline's options; <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static IMarketplaceLeadsBuilder AddMarketplaceLeads(this IServiceCollection services, string name, Action<MarketplaceLeadsOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return AddPipeline(services, name, configure);
    }

    private static ILeadReview ReviewOf(ILeadPipeline processor) =>
        processor as ILeadReview ?? throw new InvalidOperationException($"The registered ILeadPipeline ({processor.GetType().Name}) is not the SDK's lead pipeline, so it takes no reviews; register an ILeadReview as well.");

    private static LeadErasure ErasureOf(IServiceProvider provider, ILeadPipeline processor) =>
        processor is LeadPipeline pipeline
            ? new LeadErasure(pipeline, provider.GetService<IFollowUpStore>(), provider.GetService<TimeProvider>() ?? TimeProvider.System)
            : throw new InvalidOperationException($"The registered ILeadPipeline ({processor.GetType().Name}) is not the SDK's lead pipeline, so it erases nothing; register an ILeadErasure as well.");

    private static MarketplaceLeadsBuilder AddPipeline(IServiceCollection services, string name, Action<MarketplaceLeadsOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        var builder = new MarketplaceLeadsBuilder(services, name);
        MarketplaceLeadsBuilderExtensions.AddSharedDeduplication(services, null); // a named pipeline shares it unless its builder's UseDeduplication gives it its own
        MarketplaceLeadsBuilderExtensions.AddValidatedOptions<MarketplaceLeadsOptions, MarketplaceLeadsOptionsValidator>(services, name, configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MarketplaceLeadsOptions>, PipelineRegistrationValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LeadPipelineHostedService>());
        if (services.Any(d => d.ServiceType == typeof(PipelineRegistration) && d.ImplementationInstance is PipelineRegistration r && r.Name == name))
        {
            return builder;
        }

        services.AddSingleton(new PipelineRegistration(name));
        if (name.Length == 0)
        {
            services.TryAddSingleton<ILeadJournal, InMemoryLeadJournal>();
            services.TryAddSingleton<ILeadPipeline>(static provider => LeadPipelineFactory.Create(provider, Options.Options.DefaultName));
            services.TryAddSingleton<ILeadReview>(static provider => ReviewOf(provider.GetRequiredService<ILeadPipeline>()));
            services.TryAddSingleton<ILeadErasure>(static provider => ErasureOf(provider, provider.GetRequiredService<ILeadPipeline>()));
        }
        else
        {
            services.TryAddKeyedSingleton<ILeadPipeline>(name, static (provider, key) => LeadPipelineFactory.Create(provider, (string)key!));
            services.TryAddKeyedSingleton<ILeadReview>(name, static (provider, key) => ReviewOf(provider.GetRequiredKeyedService<ILeadPipeline>(key)));
            services.TryAddKeyedSingleton<ILeadErasure>(name, static (provider, key) => ErasureOf(provider, provider.GetRequiredKeyedService<ILeadPipeline>(key)));
        }

        return builder;
    }
}
