using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MarketplaceLeads;

public static partial class MarketplaceLeadsBuilderExtensions
{
    /// <summary>Adds a sink of type <typeparamref name="TSink"/>, created by the pipeline from the service provider (constructor injection) and disposed by it when it stops.</summary>
    /// <typeparam name="TSink">The sink type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The sink's name, unique in the pipeline (the journal records progress under it, so keep it stable across releases); <see langword="null"/> for the type's name.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IMarketplaceLeadsBuilder AddSink<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSink>(this IMarketplaceLeadsBuilder builder, string? name = null)
        where TSink : class, ILeadSink
    {
        ArgumentNullException.ThrowIfNull(builder);
        return AddSinkRegistration(builder, name ?? typeof(TSink).Name, static provider => ActivatorUtilities.CreateInstance<TSink>(provider), owned: true);
    }

    /// <summary>Adds a sink instance; the caller owns it (the pipeline flushes but does not dispose it).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="sink">The sink.</param>
    /// <param name="name">The sink's name, unique in the pipeline; <see langword="null"/> for the type's name.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="sink"/> is <see langword="null"/>.</exception>
    public static IMarketplaceLeadsBuilder AddSink(this IMarketplaceLeadsBuilder builder, ILeadSink sink, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(sink);
        return AddSinkRegistration(builder, name ?? sink.GetType().Name, _ => sink, owned: false);
    }

    /// <summary>Adds a sink created by a factory when the pipeline is created; the pipeline disposes it when it stops.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the sink.</param>
    /// <param name="name">The sink's name, unique in the pipeline.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static IMarketplaceLeadsBuilder AddSink(this IMarketplaceLeadsBuilder builder, Func<IServiceProvider, ILeadSink> factory, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        return AddSinkRegistration(builder, name, factory, owned: true);
    }

    /// <summary>Adds a sink made of a delegate, for the simplest cases: <c>builder.AddSink(async (batch, ct) =&gt; { foreach (var d in batch) … })</c>. Throw to fail the batch.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="writeBatch">Writes a batch.</param>
    /// <param name="name">The sink's name, unique in the pipeline.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static IMarketplaceLeadsBuilder AddSink(this IMarketplaceLeadsBuilder builder, Func<IReadOnlyList<LeadDelivery>, CancellationToken, ValueTask> writeBatch, string name = "delegate")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(writeBatch);
        return AddSinkRegistration(builder, name, _ => new DelegateLeadSink(writeBatch), owned: true);
    }

    /// <summary>Adds the JSON Lines file sink: every delivery appended as one line (schema <c>marketplace-leads/delivery@1</c>), each batch flushed to disk before it counts as delivered, the file rotated by size.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets at least <see cref="JsonLinesFileSinkOptions.Path"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is invalid (no path, an empty name, a <see cref="JsonLinesFileSinkOptions.MaxFileBytes"/> under 1 KiB); the message names it, the rule and the value.</exception>
    public static IMarketplaceLeadsBuilder AddJsonLinesFileSink(this IMarketplaceLeadsBuilder builder, Action<JsonLinesFileSinkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new JsonLinesFileSinkOptions();
        configure(options);
        OptionsRules.ThrowIfInvalid(new JsonLinesFileSinkOptionsValidator(), options);
        return AddSinkRegistration(builder, options.Name, _ => new JsonLinesFileLeadSink(options), owned: true);
    }

    /// <summary>Uses a dead-letter sink of type <typeparamref name="TSink"/> (created by the pipeline, disposed when it stops); it receives every rejected input and every lead a sink could not take. The last call wins.</summary>
    /// <typeparam name="TSink">The dead-letter sink type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IMarketplaceLeadsBuilder UseDeadLetterSink<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSink>(this IMarketplaceLeadsBuilder builder)
        where TSink : class, ILeadDeadLetterSink
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new DeadLetterSinkRegistration(new SinkRegistration(builder.Name, typeof(TSink).Name, static provider => ActivatorUtilities.CreateInstance<TSink>(provider), Owned: true)));
        return builder;
    }

    /// <summary>Uses a dead-letter sink instance (owned by the caller); it receives every rejected input and every lead a sink could not take. The last call wins.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="sink">The dead-letter sink.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="sink"/> is <see langword="null"/>.</exception>
    public static IMarketplaceLeadsBuilder UseDeadLetterSink(this IMarketplaceLeadsBuilder builder, ILeadDeadLetterSink sink)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(sink);
        builder.Services.AddSingleton(new DeadLetterSinkRegistration(new SinkRegistration(builder.Name, sink.GetType().Name, _ => sink, Owned: false)));
        return builder;
    }

    /// <summary>Uses <typeparamref name="TJournal"/> (singleton) as the pipeline's journal in place of the in-memory one: a durable journal makes accepted leads survive a process exit.</summary>
    /// <typeparam name="TJournal">The journal type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IMarketplaceLeadsBuilder UseLeadJournal<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TJournal>(this IMarketplaceLeadsBuilder builder)
        where TJournal : class, ILeadJournal
    {
        ArgumentNullException.ThrowIfNull(builder);
        return UseLeadJournal(builder, static provider => ActivatorUtilities.CreateInstance<TJournal>(provider));
    }

    /// <summary>Uses the journal a factory creates (once, as a singleton) in place of the in-memory one.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the journal.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="factory"/> is <see langword="null"/>.</exception>
    public static IMarketplaceLeadsBuilder UseLeadJournal(this IMarketplaceLeadsBuilder builder, Func<IServiceProvider, ILeadJournal> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        if (builder.Name.Length == 0)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        }
        else
        {
            builder.Services.RemoveAllKeyed<ILeadJournal>(builder.Name);
            builder.Services.AddKeyedSingleton(builder.Name, (provider, _) => factory(provider));
        }

        return builder;
    }

    /// <summary>Adds an observer of type <typeparamref name="TObserver"/> (created by the pipeline) that receives the pipeline's events.</summary>
    /// <typeparam name="TObserver">The observer type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IMarketplaceLeadsBuilder AddObserver<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TObserver>(this IMarketplaceLeadsBuilder builder)
        where TObserver : LeadPipelineObserver
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new ObserverRegistration(builder.Name, static provider => ActivatorUtilities.CreateInstance<TObserver>(provider)));
        return builder;
    }

    /// <summary>Adds an observer instance that receives the pipeline's events.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="observer">The observer.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="observer"/> is <see langword="null"/>.</exception>
    public static IMarketplaceLeadsBuilder AddObserver(this IMarketplaceLeadsBuilder builder, LeadPipelineObserver observer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(observer);
        builder.Services.AddSingleton(new ObserverRegistration(builder.Name, _ => observer));
        return builder;
    }

    private static IMarketplaceLeadsBuilder AddSinkRegistration(IMarketplaceLeadsBuilder builder, string name, Func<IServiceProvider, ILeadSink> factory, bool owned)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Services.AddSingleton(new SinkRegistration(builder.Name, name, factory, owned));
        return builder;
    }
}
