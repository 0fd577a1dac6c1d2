using System;
using System.Linq;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.FollowUp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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

    /// <summary>
    /// Adds a hosted service that raises and delivers the reply alerts (<see cref="FollowUpAlerts"/>): a check when the host
    /// starts and then every <see cref="FollowUpAlertsOptions.CheckInterval"/> on the registered <see cref="TimeProvider"/>,
    /// over the customers of the de-duplication store (this builder's, else the shared one) and the follow-up store
    /// (<see cref="UseFollowUp"/> is called), delivered through every notifier added with <see cref="AddNotifier"/> and
    /// retried with this pipeline's retry options. Each alert is raised once per lead, across restarts (see
    /// <see cref="FollowUpAlerts"/>); a check that fails is logged by error type and run again at the next tick; stopping the
    /// host cancels a running check and leaves its undelivered alerts pending. The options are validated when the host
    /// starts; a bad value, or no notifier, fails start-up with a message that says so. Run one checker per store. Safe to
    /// call more than once (configurations add up; one checker runs, with the first builder's pipeline).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Configures the checker's options; <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IMarketplaceLeadsBuilder AddFollowUpAlerts(this IMarketplaceLeadsBuilder builder, Action<FollowUpAlertsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseFollowUp();
        AddValidatedOptions<FollowUpAlertsOptions, FollowUpAlertsOptionsValidator>(builder.Services, Options.DefaultName, configure);
        if (builder.Services.Any(static d => d.ServiceType == typeof(FollowUpAlertsRegistration)))
        {
            return builder;
        }

        builder.Services.AddSingleton(new FollowUpAlertsRegistration(builder.Name));
        builder.Services.AddSingleton<IHostedService>(static provider => CreateAlertsService(provider));
        return builder;
    }

    /// <summary>
    /// Adds a notifier that the alerts of <see cref="AddFollowUpAlerts"/> are delivered through (a webhook, Teams, Slack,
    /// e-mail: see <c>HttpNotifier</c> and <c>SmtpNotifier</c>). With several, each alert goes to every one; a failure of one
    /// retries the alert on the notifiers that have not accepted it yet.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the notifier (once, when the host starts), from the application's services.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="factory"/> is <see langword="null"/>.</exception>
    public static IMarketplaceLeadsBuilder AddNotifier(this IMarketplaceLeadsBuilder builder, Func<IServiceProvider, INotifier> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.AddSingleton(new NotifierRegistration(factory));
        return builder;
    }

    private static FollowUpAlertsService CreateAlertsService(IServiceProvider provider)
    {
        var name = provider.GetRequiredService<FollowUpAlertsRegistration>().PipelineName;
        var notifiers = provider.GetServices<NotifierRegistration>().Select(r => r.Factory(provider)).ToList();
        if (notifiers.Count == 0)
        {
            throw new InvalidOperationException("AddFollowUpAlerts needs a notifier to deliver the alerts through: call AddNotifier (HttpNotifier.Webhook, .Teams, .Slack, or SmtpNotifier) on the builder.");
        }

        var time = provider.GetService<TimeProvider>() ?? TimeProvider.System;
        var loggers = provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var alerts = new FollowUpAlerts(
            provider.GetRequiredService<IFollowUpPlanner>(),
            provider.GetRequiredService<IOptions<FollowUpOptions>>().Value,
            provider.GetRequiredService<IFollowUpStore>(),
            notifiers.Count == 1 ? notifiers[0] : new NotifierFanOut(notifiers),
            time,
            provider.GetRequiredService<IOptionsMonitor<MarketplaceLeadsOptions>>().Get(name),
            loggers.CreateLogger<FollowUpAlerts>());
        var store = (name.Length == 0 ? null : provider.GetKeyedService<ILeadDeduplicationStore>(name)) ?? provider.GetRequiredService<ILeadDeduplicationStore>();
        return new FollowUpAlertsService(
            alerts,
            store,
            provider.GetRequiredService<IOptions<FollowUpAlertsOptions>>().Value.CheckInterval,
            time,
            loggers.CreateLogger<FollowUpAlerts>());
    }

    /// <summary>Says that <see cref="AddFollowUpAlerts"/> was called, and on which pipeline's builder.</summary>
    private sealed record FollowUpAlertsRegistration(string PipelineName);

    /// <summary>A notifier added with <see cref="AddNotifier"/> (a type of its own, so that an application's <see cref="INotifier"/> registrations are not taken for ours).</summary>
    private sealed record NotifierRegistration(Func<IServiceProvider, INotifier> Factory);
}
