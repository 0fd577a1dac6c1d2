using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads;

/// <summary>Configures MarketplaceLeads in a service collection; returned by <see cref="MarketplaceLeadsServiceCollectionExtensions.AddMarketplaceLeads(IServiceCollection, System.Action{MarketplaceLeadsOptions}?)"/>.</summary>
public interface IMarketplaceLeadsBuilder
{
    /// <summary>Gets the service collection being configured.</summary>
    IServiceCollection Services { get; }

    /// <summary>Gets the name of the pipeline being configured: <see cref="string.Empty"/> for the default pipeline (resolved as <see cref="Delivery.ILeadPipeline"/>), otherwise the service key of a named one.</summary>
    string Name { get; }
}
