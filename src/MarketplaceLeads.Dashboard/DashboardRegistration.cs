namespace MarketplaceLeads.Dashboard;

/// <summary>The validated options of <c>AddMarketplaceLeadsDashboard</c>, for <c>MapMarketplaceLeadsDashboard</c>.</summary>
internal sealed record DashboardRegistration(MarketplaceLeadsDashboardOptions Options);
