using System;
using MarketplaceLeads.AspNetCore;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the endpoint that receives the marketplace's HTTPS-destination POSTs.</summary>
/// <remarks>
/// In the <c>Microsoft.AspNetCore.Builder</c> namespace, beside the framework's own <c>MapGet</c>/<c>MapPost</c>, so that
/// <c>app.MapMarketplaceLeads(…)</c> in <c>Program.cs</c> needs no extra <c>using</c> (the same choice the core package
/// makes for <c>AddMarketplaceLeads</c> in <c>Microsoft.Extensions.DependencyInjection</c>).
/// </remarks>
public static class MarketplaceLeadsEndpointRouteBuilderExtensions
{
    /// <summary>What HTTP logging middleware may log of this endpoint: never the path or query (the key) or the body (customer data).</summary>
    private const HttpLoggingFields SafeHttpLoggingFields =
        HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestProtocol | HttpLoggingFields.RequestScheme | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;

    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> to the lead pipeline: checks the shared secret in constant time, accepts
    /// only <c>application/json</c> (UTF-8) bodies up to <see cref="MarketplaceLeadsEndpointOptions.MaxBodyBytes"/>,
    /// reads the body (one lead or an array) with a <see cref="MarketplaceLeads.LeadReader"/> within the record limits of the
    /// options, submits each record with <see cref="ILeadPipeline.SubmitAsync(MarketplaceLeads.LeadReadResult, System.Threading.CancellationToken)"/>, and answers
    /// 200 only once every lead is durably accepted.
    /// </summary>
    /// <param name="endpoints">The application (or a route group).</param>
    /// <param name="pattern">The route pattern, such as <c>/leads</c>, or <c>/leads/{key}</c> for a key in the path.</param>
    /// <param name="configure">Sets the options; the shared secret is required unless <see cref="MarketplaceLeadsEndpointOptions.AllowAnonymous"/> is set.</param>
    /// <returns>The convention builder, to add authorization, rate limiting, CORS or metadata.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> or <paramref name="pattern"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names it, the rule and the value (never a secret).</exception>
    /// <exception cref="InvalidOperationException">The pipeline (default or <see cref="MarketplaceLeadsEndpointOptions.PipelineName"/>) is not registered.</exception>
    /// <remarks>
    /// <para>Answers: 200 <c>{"accepted":n,"alreadyAccepted":m}</c> when every record is accepted (a marketplace retry is
    /// <c>alreadyAccepted</c>); 400 <c>application/problem+json</c> naming the JSON path and reason of the first record that
    /// is not a lead (that record is dead-lettered with its raw payload; the other records stay accepted); 401 (or
    /// <see cref="MarketplaceLeadsEndpointOptions.UnauthorizedStatusCode"/>) without a valid key; 408 for a body slower than
    /// Kestrel's <c>MinRequestBodyDataRate</c>; 413 for a body over the limit; 415 for another content type; 503 with <c>Retry-After</c> when the queue is full (in
    /// <see cref="LeadQueueFullMode.Reject"/> mode) or the pipeline has stopped. No answer and no log message contains
    /// customer data: leads are named by id only.</para>
    /// <para>For <c>UseHttpLogging</c>, the endpoint carries <c>WithHttpLogging(…)</c> metadata that logs the method, protocol,
    /// scheme, status code and duration only: never the path or query (where the key is) or the body (customer data). Call
    /// <c>WithHttpLogging</c> on the returned builder to change that. The key in the URL can still reach ASP.NET Core's own
    /// request logs: call <c>builder.Logging.AddMarketplaceLeadsKeyFilter()</c>.</para>
    /// <para>Uses a plain <see cref="RequestDelegate"/> (no parameter binding), so it is trimming- and AOT-safe.</para>
    /// </remarks>
    public static IEndpointConventionBuilder MapMarketplaceLeads(this IEndpointRouteBuilder endpoints, string pattern, Action<MarketplaceLeadsEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        var options = new MarketplaceLeadsEndpointOptions();
        configure?.Invoke(options);
        OptionsRules.ThrowIfInvalid(new MarketplaceLeadsEndpointOptionsValidator(), options);

        var services = endpoints.ServiceProvider;
        EnsurePipelineRegistered(services, options.PipelineName);
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(MarketplaceLeadsEndpoint).FullName!) ?? NullLogger.Instance;
        var endpoint = new MarketplaceLeadsEndpoint(options, services, logger);
        return endpoints
            .MapMethods(pattern, [HttpMethods.Post], endpoint.HandleAsync)
            .WithDisplayName("MarketplaceLeads " + pattern)
            .WithHttpLogging(SafeHttpLoggingFields);
    }

    private static void EnsurePipelineRegistered(IServiceProvider services, string? name)
    {
        bool registered;
        if (name is null)
        {
            registered = services.GetService<IServiceProviderIsService>() is not { } isService || isService.IsService(typeof(ILeadPipeline));
        }
        else
        {
            registered = services.GetService<IServiceProviderIsService>() is not IServiceProviderIsKeyedService isKeyed || isKeyed.IsKeyedService(typeof(ILeadPipeline), name);
        }

        if (!registered)
        {
            throw new InvalidOperationException(name is null
                ? "MapMarketplaceLeads needs the default lead pipeline: call services.AddMarketplaceLeads(…) and add a sink."
                : $"MarketplaceLeadsEndpointOptions.PipelineName is '{name}', but no pipeline of that name is registered: call services.AddMarketplaceLeads(\"{name}\", …).");
        }
    }
}
