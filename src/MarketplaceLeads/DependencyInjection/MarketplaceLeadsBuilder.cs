using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads;

internal sealed class MarketplaceLeadsBuilder(IServiceCollection services) : IMarketplaceLeadsBuilder
{
    public IServiceCollection Services { get; } = services;
}
