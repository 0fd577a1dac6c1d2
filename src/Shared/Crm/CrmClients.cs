using System;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MarketplaceLeads.Crm;

/// <summary>Registers what a CRM sink needs besides itself (compiled into each CRM sink package, src/Shared/Crm): the throttle gates and its named <c>HttpClient</c>.</summary>
internal static class CrmClients
{
    /// <summary>Registers the service provider's <see cref="ThrottleGates"/> and the sink's named client: its time-out, no redirects, then the package's own and the caller's configuration.</summary>
    /// <param name="builder">The pipeline's builder.</param>
    /// <param name="clientName">The client's name (<see cref="Name"/>).</param>
    /// <param name="timeout">The time-out of one request.</param>
    /// <param name="own">The package's own configuration, or <see langword="null"/>.</param>
    /// <param name="configureHttpClient">The caller's configuration, last, or <see langword="null"/>.</param>
    public static void Add(IMarketplaceLeadsBuilder builder, string clientName, TimeSpan timeout, Action<IHttpClientBuilder>? own, Action<IHttpClientBuilder>? configureHttpClient)
    {
        builder.Services.TryAddSingleton<ThrottleGates>();
        var http = builder.Services.AddHttpClient(clientName)
            .ConfigureHttpClient(client => client.Timeout = timeout)
            .ConfigurePrimaryHttpMessageHandler(static (handler, _) => HttpRedirects.Disable(handler));
        own?.Invoke(http);
        configureHttpClient?.Invoke(http);
    }

    /// <summary>Names the <c>HttpClient</c> of a CRM sink: <c>&lt;package&gt;:&lt;sink name&gt;</c>, or <c>&lt;package&gt;:&lt;pipeline&gt;:&lt;sink name&gt;</c> in a named pipeline.</summary>
    /// <param name="package">The package, such as <c>MarketplaceLeads.HubSpot</c>.</param>
    /// <param name="pipelineName">The pipeline's name (empty for the default one).</param>
    /// <param name="sinkName">The sink's name.</param>
    /// <returns>The name.</returns>
    public static string Name(string package, string pipelineName, string sinkName) =>
        pipelineName.Length == 0 ? $"{package}:{sinkName}" : $"{package}:{pipelineName}:{sinkName}";
}
