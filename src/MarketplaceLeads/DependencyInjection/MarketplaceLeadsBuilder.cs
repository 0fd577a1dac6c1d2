using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads;

internal sealed class MarketplaceLeadsBuilder(IServiceCollection services, string name) : IMarketplaceLeadsBuilder
{
    public IServiceCollection Services { get; } = services;

    public string Name { get; } = name;
}
