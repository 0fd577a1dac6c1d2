using System;
using MarketplaceLeads.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the dashboard added by <c>services.AddMarketplaceLeadsDashboard(…)</c>.</summary>
/// <remarks>In the <c>Microsoft.AspNetCore.Builder</c> namespace, beside the framework's own <c>MapGet</c>, like <c>MapMarketplaceLeads</c>.</remarks>
public static class MarketplaceLeadsDashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the dashboard's pages at <see cref="MarketplaceLeadsDashboardOptions.Path"/>: today's due list, the funnel, the
    /// customer pages, the review queue and the dead letters, with their forms (antiforgery-validated POSTs), its CSS and JS,
    /// and the admin key's sign-in page. Every page but the sign-in page and the assets requires the admin key's cookie or
    /// <see cref="MarketplaceLeadsDashboardOptions.AuthorizationPolicy"/>.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <returns>The route group of the dashboard's endpoints, to add conventions (rate limiting, metadata…).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><c>AddMarketplaceLeadsDashboard</c> was not called.</exception>
    /// <remarks>
    /// Needs the authentication and authorization middleware: a <c>WebApplication</c> adds them by itself; another host calls
    /// <c>app.UseAuthentication()</c> and <c>app.UseAuthorization()</c> after <c>UseRouting()</c>. Uses plain
    /// <see cref="RequestDelegate"/>s (no parameter binding), so it is trimming- and AOT-safe. URLs carry profile and lead ids
    /// only, never a name, e-mail address or phone number; the dashboard's log messages name ids only.
    /// </remarks>
    public static RouteGroupBuilder MapMarketplaceLeadsDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var registration = endpoints.ServiceProvider.GetService<DashboardRegistration>()
            ?? throw new InvalidOperationException("The dashboard is not added: call services.AddMarketplaceLeadsDashboard(o => o.AdminKey = …) (or o.AuthorizationPolicy = …) before MapMarketplaceLeadsDashboard().");
        var options = registration.Options;
        var group = endpoints.MapGroup(options.Path);
        var dashboard = new DashboardEndpoints(options);
        dashboard.Map(group);
        if (options.AuthorizationPolicy is { } policy)
        {
            group.RequireAuthorization(policy);
        }
        else
        {
            group.RequireAuthorization(new AuthorizationPolicyBuilder(MarketplaceLeadsDashboardOptions.AuthenticationScheme).RequireAuthenticatedUser().Build());
        }

        return group;
    }
}
