using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;
using MarketplaceLeads.Http;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads;

/// <summary>Adds the HTTP webhook sink to a MarketplaceLeads pipeline (package <c>MarketplaceLeads.Http</c>).</summary>
/// <remarks>In namespace <c>MarketplaceLeads</c>, like the builder it extends, so <c>builder.AddWebhookSink(…)</c> needs no extra <c>using</c>.</remarks>
public static class MarketplaceLeadsHttpBuilderExtensions
{
    /// <summary>
    /// Adds a sink that POSTs every batch as one JSON request (<c>{"schema":"marketplace-leads/webhook@1","deliveries":[…]}</c>) to
    /// <see cref="WebhookSinkOptions.Endpoint"/>, through a named <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets at least <see cref="WebhookSinkOptions.Endpoint"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names the option, the rule and the value (never the signing secret or a header value).</exception>
    /// <remarks>
    /// <para>
    /// The <c>HttpClient</c> (named <c>MarketplaceLeads.Webhook:&lt;sink name&gt;</c>, or <c>MarketplaceLeads.Webhook:&lt;pipeline&gt;:&lt;sink name&gt;</c>
    /// in a named pipeline) gets a <c>Microsoft.Extensions.Http.Resilience</c> handler with a circuit breaker
    /// (<see cref="WebhookSinkOptions.CircuitBreaker"/>) around a per-request time-out (<see cref="WebhookSinkOptions.AttemptTimeout"/>).
    /// It does <em>not</em> retry: the pipeline owns retries, back-off with jitter, <c>Retry-After</c> hints and dead letters
    /// (<see cref="MarketplaceLeadsOptions.MaxDeliveryAttempts"/>), and a second retry layer would multiply attempts and hide failures from it.
    /// Do not add <c>AddStandardResilienceHandler</c> to this client. Redirects are not followed (a POST redirected as a GET loses the body).
    /// </para>
    /// <para>
    /// Answers: 2xx delivers the batch. 408, 429, 5xx, network errors, time-outs and an open circuit fail the attempt as transient (the
    /// pipeline retries, waiting at least the <c>Retry-After</c> the endpoint sent). 3xx and other 4xx (400, 401, 403, 404, 413, 422, …)
    /// fail as not transient: the pipeline then sends each lead of the batch alone and dead-letters those refused again.
    /// </para>
    /// </remarks>
    public static IMarketplaceLeadsBuilder AddWebhookSink(this IMarketplaceLeadsBuilder builder, Action<WebhookSinkOptions> configure) =>
        AddWebhookSink(builder, configure, configureHttpClient: null);

    /// <summary>
    /// Adds a webhook sink (see <see cref="AddWebhookSink(IMarketplaceLeadsBuilder, Action{WebhookSinkOptions})"/>) and lets you configure its
    /// <see cref="HttpClient"/> further: a proxy or client certificate on the primary handler, a <c>DelegatingHandler</c> that adds a token, logging.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets at least <see cref="WebhookSinkOptions.Endpoint"/>.</param>
    /// <param name="configureHttpClient">Called with the named client's builder after the sink's own configuration; <see langword="null"/> for none.
    /// If it replaces the primary handler, keep automatic redirects off.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names the option, the rule and the value (never the signing secret or a header value).</exception>
    public static IMarketplaceLeadsBuilder AddWebhookSink(this IMarketplaceLeadsBuilder builder, Action<WebhookSinkOptions> configure, Action<IHttpClientBuilder>? configureHttpClient)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var configured = new WebhookSinkOptions();
        configure(configured);
        var options = OptionsRules.ThrowIfInvalid(new WebhookSinkOptionsValidator(), configured.Snapshot());
        var clientName = HttpClientName(builder.Name, options.Name);
        var breaker = options.CircuitBreaker;

        var http = builder.Services.AddHttpClient(clientName)
            .ConfigureHttpClient(static client => client.Timeout = Timeout.InfiniteTimeSpan) // the resilience handler times out each request
            .ConfigurePrimaryHttpMessageHandler(static (handler, _) => HttpRedirects.Disable(handler));
        http.AddResilienceHandler("webhook", pipeline =>
        {
            if (breaker.Enabled)
            {
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = breaker.FailureRatio,
                    MinimumThroughput = breaker.MinimumThroughput,
                    SamplingDuration = breaker.SamplingDuration,
                    BreakDuration = breaker.BreakDuration,
                    ShouldHandle = static args => ValueTask.FromResult(IsFailure(args.Outcome)),
                });
            }

            pipeline.AddTimeout(options.AttemptTimeout);
        });
        configureHttpClient?.Invoke(http);

        return builder.AddSink(
            provider => new WebhookLeadSink(provider.GetRequiredService<IHttpClientFactory>(), options, clientName, provider.GetService<TimeProvider>() ?? TimeProvider.System),
            options.Name);
    }

    /// <summary>Names the <c>HttpClient</c> of a webhook sink: <c>MarketplaceLeads.Webhook:&lt;sink&gt;</c>, or <c>MarketplaceLeads.Webhook:&lt;pipeline&gt;:&lt;sink&gt;</c> in a named pipeline.</summary>
    internal static string HttpClientName(string pipelineName, string sinkName) =>
        pipelineName.Length == 0 ? $"MarketplaceLeads.Webhook:{sinkName}" : $"MarketplaceLeads.Webhook:{pipelineName}:{sinkName}";

    /// <summary>What counts against the circuit: 408 and 5xx answers, network errors and request time-outs; not 429 (the pipeline honours its Retry-After) nor other 4xx.</summary>
    private static bool IsFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode is 408 or >= 500,
        _ => false,
    };
}
