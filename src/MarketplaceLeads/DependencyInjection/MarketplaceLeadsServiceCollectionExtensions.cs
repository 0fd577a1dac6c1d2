using System;
using MarketplaceLeads;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers MarketplaceLeads in a service collection.</summary>
/// <remarks>In the <c>Microsoft.Extensions.DependencyInjection</c> namespace, like the framework's own <c>AddXxx</c> methods, so that <c>services.AddMarketplaceLeads()</c> needs no extra <c>using</c>.</remarks>
public static class MarketplaceLeadsServiceCollectionExtensions
{
    /// <summary>Adds MarketplaceLeads' core services (a <see cref="TimeProvider"/> if none is registered) and returns a builder to configure de-duplication and more. Safe to call more than once.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IMarketplaceLeadsBuilder AddMarketplaceLeads(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        return new MarketplaceLeadsBuilder(services);
    }
}
