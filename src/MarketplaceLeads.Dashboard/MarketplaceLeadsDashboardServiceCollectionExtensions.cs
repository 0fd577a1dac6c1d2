using System;
using System.Linq;
using MarketplaceLeads.Dashboard;
using MarketplaceLeads.Internal;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the dashboard's services: its options, antiforgery, and the admin key's cookie authentication.</summary>
/// <remarks>In the <c>Microsoft.Extensions.DependencyInjection</c> namespace, like the core package's <c>AddMarketplaceLeads</c>.</remarks>
public static class MarketplaceLeadsDashboardServiceCollectionExtensions
{
    /// <summary>
    /// Adds the dashboard that <c>app.MapMarketplaceLeadsDashboard()</c> maps: validates the options, adds ASP.NET Core
    /// antiforgery and authorization and, with an <see cref="MarketplaceLeadsDashboardOptions.AdminKey"/>, the cookie
    /// authentication scheme <see cref="MarketplaceLeadsDashboardOptions.AuthenticationScheme"/> the key is exchanged for.
    /// </summary>
    /// <param name="services">The services, with <c>AddMarketplaceLeads()</c> (the default pipeline, its de-duplication and follow-up stores).</param>
    /// <param name="configure">Sets the options: an admin key or the host's authorization policy is required.</param>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names it, the rule and the value (never the key).</exception>
    /// <exception cref="InvalidOperationException">The dashboard was added already.</exception>
    public static IServiceCollection AddMarketplaceLeadsDashboard(this IServiceCollection services, Action<MarketplaceLeadsDashboardOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        if (services.Any(static d => d.ServiceType == typeof(DashboardRegistration)))
        {
            throw new InvalidOperationException("AddMarketplaceLeadsDashboard was called already; the dashboard is added once.");
        }

        var options = new MarketplaceLeadsDashboardOptions();
        configure(options);
        OptionsRules.ThrowIfInvalid(new MarketplaceLeadsDashboardOptionsValidator(), options);
        services.AddSingleton(new DashboardRegistration(options));
        services.AddAntiforgery();
        services.AddAuthorization();
        if (options.AdminKey is not null)
        {
            services.AddAuthentication().AddCookie(MarketplaceLeadsDashboardOptions.AuthenticationScheme, cookie =>
            {
                cookie.LoginPath = options.Path + "/login";
                cookie.LogoutPath = options.Path + "/logout";
                cookie.AccessDeniedPath = options.Path + "/login";
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.ExpireTimeSpan = options.SignInLifetime;
                cookie.SlidingExpiration = true;
                cookie.Cookie.Name = ".MarketplaceLeads.Dashboard";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            });
        }

        return services;
    }
}
