using System;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Dataverse.Tests;

/// <summary><c>AddDataverseSink</c>: options validated at registration, messages that name the option and its value and never the secret.</summary>
public sealed class DataverseSinkRegistrationTests
{
    [Theory]
    [InlineData("no-environment", "DataverseSinkOptions.EnvironmentUrl must be set to the environment's URL, such as https://contoso.crm.dynamics.com; it is null.")]
    [InlineData("http", "DataverseSinkOptions.EnvironmentUrl must use https (http only for a loopback host); it is 'http://contoso.crm.dynamics.com'.")]
    [InlineData("path", "DataverseSinkOptions.EnvironmentUrl must be the environment's URL alone, without a path or query (the sink adds /api/data/v9.2/); it is 'https://contoso.crm.dynamics.com/api/data/v9.2/'.")]
    [InlineData("no-tenant", "DataverseSinkOptions.TenantId must not be empty; it is ''.")]
    [InlineData("slash-tenant", "DataverseSinkOptions.TenantId must be a tenant id or domain name without '/', '?', '#', '%' or spaces; it is 'contoso/x'.")]
    [InlineData("no-secret", "DataverseSinkOptions.ClientSecret must be set (bind it from configuration or a secret store); it is null.")]
    [InlineData("key", "DataverseSinkOptions.AlternateKeyColumn must be a column's logical name (lowercase letters, digits and '_', starting with a letter); it is 'Msl_ProfileId'.")]
    [InlineData("concurrency", "DataverseSinkOptions.MaxConcurrency must be between 1 and 52; it is 0.")]
    [InlineData("column", "DataverseLeadMapping.Email must be a column's logical name (lowercase letters, digits and '_', starting with a letter) or null; it is 'e-mail'.")]
    [InlineData("reply", "DataverseSinkOptions.ReplyWithin must be between 00:01:00 and 30.00:00:00; it is 00:00:00.")]
    public void InvalidOptions_AreRefusedAtRegistration_WithAMessageNamingOptionAndValue(string variant, string message)
    {
        var builder = new ServiceCollection().AddMarketplaceLeads();

        var error = Assert.Throws<ArgumentException>(() => builder.AddDataverseSink(o =>
        {
            o.EnvironmentUrl = new Uri("https://contoso.crm.dynamics.com");
            o.TenantId = "contoso.onmicrosoft.com";
            o.ClientId = "00001111-aaaa-2222-bbbb-3333cccc4444";
            o.ClientSecret = "super-secret-value";
            Spoil(o, variant);
        }));

        Assert.Equal($"{message} (Parameter '{error.ParamName}')", error.Message);
        Assert.Contains($".{error.ParamName} ", message, StringComparison.Ordinal); // the parameter is the property at fault
        Assert.DoesNotContain("super-secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidOptions_RegisterTheSink_AndChangesAfterRegistrationHaveNoEffect()
    {
        var services = new ServiceCollection();
        var options = new DataverseSinkOptions();
        services.AddMarketplaceLeads().AddDataverseSink(o =>
        {
            o.EnvironmentUrl = new Uri("https://contoso.crm.dynamics.com");
            o.TenantId = "contoso.onmicrosoft.com";
            o.ClientId = "00001111-aaaa-2222-bbbb-3333cccc4444";
            o.ClientSecret = "super-secret-value";
            options = o;
        });
        options.Mapping.Email = "Not A Column"; // after registration: ignored

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Assert.NotNull(provider.GetRequiredService<Delivery.ILeadPipeline>());
    }

    private static void Spoil(DataverseSinkOptions o, string variant)
    {
        switch (variant)
        {
            case "no-environment": o.EnvironmentUrl = null; break;
            case "http": o.EnvironmentUrl = new Uri("http://contoso.crm.dynamics.com"); break;
            case "path": o.EnvironmentUrl = new Uri("https://contoso.crm.dynamics.com/api/data/v9.2/"); break;
            case "no-tenant": o.TenantId = string.Empty; break;
            case "slash-tenant": o.TenantId = "contoso/x"; break;
            case "no-secret": o.ClientSecret = null; break;
            case "key": o.AlternateKeyColumn = "Msl_ProfileId"; break;
            case "concurrency": o.MaxConcurrency = 0; break;
            case "column": o.Mapping.Email = "e-mail"; break;
            case "reply": o.ReplyWithin = TimeSpan.Zero; break;
        }
    }
}
