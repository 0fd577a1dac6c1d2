using System;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.HubSpot.Tests;

/// <summary><c>AddHubSpotSink</c>: options validated at registration, messages that name the option and its value and never the token.</summary>
public sealed class HubSpotSinkRegistrationTests
{
    [Theory]
    [InlineData("no-token", "HubSpotSinkOptions.AccessToken must be set to the private app's access token or the service key (bind it from configuration or a secret store); it is null.")]
    [InlineData("http", "HubSpotSinkOptions.ApiUrl must use https (http only for a loopback host); it is 'http://api.hubapi.com'.")]
    [InlineData("version", "HubSpotSinkOptions.ApiVersion must be a date-based API version, YYYY-03 or YYYY-09 from 2026-03 on, such as 2026-03; it is 'v3'.")]
    [InlineData("old-version", "HubSpotSinkOptions.ApiVersion must be a date-based API version, YYYY-03 or YYYY-09 from 2026-03 on, such as 2026-03; it is '2025-09'.")]
    [InlineData("id", "HubSpotSinkOptions.IdProperty must be a property's internal name (lowercase letters, digits and '_', starting with a letter, such as marketplace_profile_id); it is 'Profile Id'.")]
    [InlineData("zone", "HubSpotSinkOptions.AccountTimeZone must be a time zone id, such as UTC or America/New_York; it is 'Mars/Olympus'.")]
    [InlineData("batch", "HubSpotSinkOptions.MaxRecordsPerRequest must be between 1 and 100; it is 101.")]
    [InlineData("property", "HubSpotContactMapping.Email must be a property's internal name (lowercase letters, digits and '_', starting with a letter, such as email or marketplace_offer) or null; it is 'E-mail'.")]
    public void InvalidOptions_AreRefusedAtRegistration_WithAMessageNamingOptionAndValue(string variant, string message)
    {
        var builder = new ServiceCollection().AddMarketplaceLeads();

        var error = Assert.Throws<ArgumentException>(() => builder.AddHubSpotSink(o =>
        {
            o.AccessToken = "pat-na1-super-secret-value";
            Spoil(o, variant);
        }));

        Assert.Equal($"{message} (Parameter '{error.ParamName}')", error.Message);
        Assert.DoesNotContain("super-secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidOptions_RegisterTheSink_AndChangesAfterRegistrationHaveNoEffect()
    {
        var services = new ServiceCollection();
        var options = new HubSpotSinkOptions();
        services.AddMarketplaceLeads().AddHubSpotSink(o =>
        {
            o.AccessToken = "pat-na1-super-secret-value";
            options = o;
        });
        options.Mapping.Email = "Not A Property"; // after registration: ignored

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Assert.NotNull(provider.GetRequiredService<Delivery.ILeadPipeline>());
    }

    private static void Spoil(HubSpotSinkOptions o, string variant)
    {
        switch (variant)
        {
            case "no-token": o.AccessToken = null; break;
            case "http": o.ApiUrl = new Uri("http://api.hubapi.com"); break;
            case "version": o.ApiVersion = "v3"; break;
            case "old-version": o.ApiVersion = "2025-09"; break;
            case "id": o.IdProperty = "Profile Id"; break;
            case "zone": o.AccountTimeZone = "Mars/Olympus"; break;
            case "batch": o.MaxRecordsPerRequest = 101; break;
            case "property": o.Mapping.Email = "E-mail"; break;
        }
    }
}
