using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads;

/// <summary>Configures MarketplaceLeads in a service collection; returned by <see cref="MarketplaceLeadsServiceCollectionExtensions.AddMarketplaceLeads"/>.</summary>
public interface IMarketplaceLeadsBuilder
{
    /// <summary>Gets the service collection being configured.</summary>
    IServiceCollection Services { get; }
}
