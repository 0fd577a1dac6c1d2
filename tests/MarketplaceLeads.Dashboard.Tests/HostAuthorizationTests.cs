using System;
using System.Net;
using System.Threading.Tasks;
using MarketplaceLeads.Dashboard.Tests.Support;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Dashboard.Tests;

/// <summary>With <c>AuthorizationPolicy</c>, the host's own sign-in protects the dashboard, which then has no sign-in page of its own.</summary>
[Collection(SampleDatabaseDefinition.Name)]
public sealed class HostAuthorizationTests(SampleDatabase samples)
{
    [Fact]
    public async Task TheHostsPolicy_ProtectsEveryPage_WithTheHostsSignIn_AndTheAdminKeyPageIsGone()
    {
        await using var server = await DashboardServer.StartAsync(
            samples,
            o =>
            {
                o.AdminKey = null;
                o.AuthorizationPolicy = "SalesTeam";
            },
            host =>
            {
                host.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(c => c.LoginPath = "/account/login");
                host.Services.AddAuthorizationBuilder().AddPolicy("SalesTeam", p => p.RequireAuthenticatedUser().RequireClaim("team", "sales"));
            });
        using var client = server.CreateClient();

        using var today = await client.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Redirect, today.StatusCode);
        Assert.StartsWith("/account/login?ReturnUrl=", today.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        using var signIn = await client.GetAsync("/dashboard/login");
        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode); // no admin key, no sign-in page of the dashboard's own
        using var css = await client.GetAsync("/dashboard/assets/dashboard.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }
}
