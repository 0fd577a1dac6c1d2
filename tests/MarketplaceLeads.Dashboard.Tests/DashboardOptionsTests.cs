using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Dashboard.Tests;

/// <summary>The options are validated when the dashboard is added: each problem names the option and the value, never the admin key.</summary>
public sealed class DashboardOptionsTests
{
    [Theory]
    [InlineData(null, null, "/dashboard", "UTC", "MarketplaceLeadsDashboardOptions.AdminKey is required; set it (from configuration or a secret store), or set AuthorizationPolicy")]
    [InlineData("too-short-key", null, "/dashboard", "UTC", "MarketplaceLeadsDashboardOptions.AdminKey must be at least 16 characters; it has 13")]
    [InlineData("a-long-enough-admin-key", "Admins", "/dashboard", "UTC", "MarketplaceLeadsDashboardOptions.AdminKey must be null when AuthorizationPolicy is set")]
    [InlineData("a-long-enough-admin-key", null, "dashboard", "UTC", "MarketplaceLeadsDashboardOptions.Path must start with '/', not end with '/' and hold no route parameter or query, such as /dashboard; it is 'dashboard'")]
    [InlineData("a-long-enough-admin-key", null, "/team/", "UTC", "it is '/team/'")]
    [InlineData("a-long-enough-admin-key", null, "/team/{id}", "UTC", "it is '/team/{id}'")]
    [InlineData(null, " ", "/dashboard", "UTC", "MarketplaceLeadsDashboardOptions.AuthorizationPolicy must be null or the name of a policy the host registered; it is empty")]
    [InlineData("a-long-enough-admin-key", null, "/dashboard", "Nowhere/Else", "MarketplaceLeadsDashboardOptions.TimeZone must be a time zone id such as UTC, Europe/Paris or America/New_York; it is 'Nowhere/Else'")]
    public void AddMarketplaceLeadsDashboard_BadOptions_ThrowNamingTheOption_NeverTheKey(string? key, string? policy, string path, string zone, string message)
    {
        var services = new ServiceCollection();
        var error = Assert.Throws<ArgumentException>(() => services.AddMarketplaceLeadsDashboard(o =>
        {
            o.AdminKey = key;
            o.AuthorizationPolicy = policy;
            o.Path = path;
            o.TimeZone = zone;
        }));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        if (key is not null)
        {
            Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AddedTwice_Throws_AndMappedWithoutAdding_SaysWhatToCall()
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeadsDashboard(o => o.AdminKey = "a-long-enough-admin-key");
        Assert.Contains("called already", Assert.Throws<InvalidOperationException>(() => services.AddMarketplaceLeadsDashboard(o => o.AdminKey = "a-long-enough-admin-key")).Message, StringComparison.Ordinal);

        var app = WebApplication.CreateSlimBuilder().Build();
        Assert.Contains("call services.AddMarketplaceLeadsDashboard", Assert.Throws<InvalidOperationException>(() => app.MapMarketplaceLeadsDashboard()).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dashboard-admin-key-0123456789", true)]
    [InlineData("dashboard-admin-key-012345678", false)]
    [InlineData("", false)]
    [InlineData("DASHBOARD-ADMIN-KEY-0123456789", false)]
    public void TheKeyComparison_IsExact(string typed, bool matches) =>
        Assert.Equal(matches, DashboardEndpoints.KeyMatches(typed, "dashboard-admin-key-0123456789"));

    [Theory]
    [InlineData(90, "in 1 h 30 min")]
    [InlineData(59, "in 59 min")]
    [InlineData(0, "in 0 min")]
    [InlineData(-1, "overdue by 1 min")]
    [InlineData(-(26 * 60), "overdue by 1 d 2 h")]
    public void TheCountdown_ReadsLikeAPersonWouldSayIt(int minutes, string expected)
    {
        var now = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(expected, DashboardEndpoints.Countdown(now.AddMinutes(minutes), now));
    }
}
