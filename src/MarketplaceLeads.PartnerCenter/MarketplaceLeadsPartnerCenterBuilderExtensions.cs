using System;
using System.Net.Http;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;
using MarketplaceLeads.Internal;
using MarketplaceLeads.PartnerCenter;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketplaceLeads;

/// <summary>Reads the marketplace leads of Partner Center's Referrals workspace into a MarketplaceLeads pipeline (package <c>MarketplaceLeads.PartnerCenter</c>).</summary>
/// <remarks>In namespace <c>MarketplaceLeads</c>, like the builder it extends, so <c>builder.AddPartnerCenterReader(…)</c> needs no extra <c>using</c>.</remarks>
public static class MarketplaceLeadsPartnerCenterBuilderExtensions
{
    /// <summary>
    /// Adds a hosted service that reads the marketplace leads of Partner Center's Referrals API every
    /// <see cref="PartnerCenterReaderOptions.PollInterval"/> and submits each to this builder's pipeline (see <see cref="PartnerCenterLeadReader"/>
    /// for the checkpoint's guarantees); with <see cref="PartnerCenterReaderOptions.WriteBack"/>, also writes the CRM record id of each lead that
    /// reaches a CRM sink naming its records (<see cref="ILeadRecordSink"/>, such as the Dataverse sink) into its referral, or, when none does, the
    /// SDK's own profile id (<see cref="PartnerCenterReaderOptions.WriteProfileId"/>). docs/partner-center.md has the set-up.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets at least the tenant, client id, secret and the checkpoint.</param>
    /// <param name="configureHttpClient">Called with the named client's builder (<c>MarketplaceLeads.PartnerCenter:&lt;checkpoint name&gt;</c>) after the reader's own configuration; <see langword="null"/> for none.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is missing or invalid; the message names it (never the client secret).</exception>
    public static IMarketplaceLeadsBuilder AddPartnerCenterReader(this IMarketplaceLeadsBuilder builder, Action<PartnerCenterReaderOptions> configure, Action<IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var configured = new PartnerCenterReaderOptions();
        configure(configured);
        var options = OptionsRules.ThrowIfInvalid(new PartnerCenterReaderOptionsValidator(), configured.Snapshot());
        var clientName = CrmClients.Name("MarketplaceLeads.PartnerCenter", builder.Name, options.CheckpointName);
        CrmClients.Add(builder, clientName, options.RequestTimeout, own: null, configureHttpClient);
        var name = builder.Name;
        var reader = new ReaderHolder(options, clientName);
        var writeBack = options.WriteBack ? new PartnerCenterWriteBack(options.WriteProfileId ? options.ProfileIdDelay : null) : null;
        builder.Services.AddSingleton<IHostedService>(provider => new PartnerCenterLeadReaderService(
            reader.Get(provider),
            name.Length == 0 ? provider.GetRequiredService<ILeadPipeline>() : provider.GetRequiredKeyedService<ILeadPipeline>(name),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            Logger(provider),
            writeBack));
        if (writeBack is not null)
        {
            builder.AddObserver(writeBack);
            // The follow-up outcomes are mirrored from the default pipeline's touch log and profiles (UseFollowUp and a store).
            builder.Services.AddSingleton<IHostedService>(provider => new PartnerCenterWriteBackService(
                writeBack,
                reader.Get(provider).Client,
                writeBack.Time = provider.GetService<TimeProvider>() ?? TimeProvider.System,
                Logger(provider),
                name.Length == 0 ? provider.GetService<IFollowUpStore>() : null,
                name.Length == 0 ? provider.GetService<ILeadDeduplicationStore>() : null,
                options.PollInterval));
        }

        return builder;
    }

    private static ILogger Logger(IServiceProvider provider) =>
        (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("MarketplaceLeads.PartnerCenter");

    /// <summary>The one reader of a registration, shared by its poller and its write-back, created with the service provider's client factory and throttle gates.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "The reader is disposed by the hosted reader service that owns it.")]
    private sealed class ReaderHolder(PartnerCenterReaderOptions options, string clientName)
    {
        private readonly object _lock = new();
        private PartnerCenterLeadReader? _reader;

        public PartnerCenterLeadReader Get(IServiceProvider provider)
        {
            lock (_lock)
            {
                if (_reader is null)
                {
                    var clients = provider.GetRequiredService<IHttpClientFactory>();
                    _reader = new PartnerCenterLeadReader(
                        options,
                        () => clients.CreateClient(clientName),
                        provider.GetRequiredService<ThrottleGates>().For(options.ApiUrl),
                        provider.GetService<TimeProvider>() ?? TimeProvider.System,
                        Logger(provider));
                }

                return _reader;
            }
        }
    }
}
