using System;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Salesforce.Tests;

/// <summary><c>AddSalesforceSink</c>: options validated at registration, messages that name the option and its value and never the secret.</summary>
public sealed class SalesforceSinkRegistrationTests
{
    [Theory]
    [InlineData("no-domain", "SalesforceSinkOptions.MyDomainUrl must be set to the org's My Domain URL, such as https://contoso.my.salesforce.com; it is null.")]
    [InlineData("http", "SalesforceSinkOptions.MyDomainUrl must use https (http only for a loopback host); it is 'http://contoso.my.salesforce.com'.")]
    [InlineData("path", "SalesforceSinkOptions.MyDomainUrl must be the My Domain URL alone, without a path or query (the sink adds /services/…); it is 'https://contoso.my.salesforce.com/services/data'.")]
    [InlineData("no-client", "SalesforceSinkOptions.ClientId must not be empty; it is ''.")]
    [InlineData("no-secret", "SalesforceSinkOptions.ClientSecret must be set (bind it from configuration or a secret store); it is null.")]
    [InlineData("version", "SalesforceSinkOptions.ApiVersion must be a REST API version of 46.0 or later, such as 64.0 (without the 'v'); it is 'v45.0'.")]
    [InlineData("old-version", "SalesforceSinkOptions.ApiVersion must be a REST API version of 46.0 or later, such as 64.0 (without the 'v'); it is '45.0'.")]
    [InlineData("key", "SalesforceSinkOptions.ExternalIdField must be a field's API name (letters, digits and '_', starting with a letter, such as MarketplaceProfileId__c); it is 'Profile Id'.")]
    [InlineData("batch", "SalesforceSinkOptions.MaxRecordsPerRequest must be between 1 and 200; it is 201.")]
    [InlineData("field", "SalesforceLeadMapping.Email must be a field's API name (letters, digits and '_', starting with a letter, such as Email or Offer__c) or null; it is 'e-mail'.")]
    [InlineData("fallback", "SalesforceLeadMapping.MissingCompany must not be empty; it is ''.")]
    [InlineData("duplicates", "SalesforceSinkOptions.DuplicatesDetected must be one of Fail, Delivered; it is 7.")]
    public void InvalidOptions_AreRefusedAtRegistration_WithAMessageNamingOptionAndValue(string variant, string message)
    {
        var builder = new ServiceCollection().AddMarketplaceLeads();

        var error = Assert.Throws<ArgumentException>(() => builder.AddSalesforceSink(o =>
        {
            o.MyDomainUrl = new Uri("https://contoso.my.salesforce.com");
            o.ClientId = "3MVG9-consumer-key";
            o.ClientSecret = "super-secret-value";
            Spoil(o, variant);
        }));

        Assert.Equal($"{message} (Parameter '{error.ParamName}')", error.Message);
        Assert.DoesNotContain("super-secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidOptions_RegisterTheSink_AndChangesAfterRegistrationHaveNoEffect()
    {
        var services = new ServiceCollection();
        var options = new SalesforceSinkOptions();
        services.AddMarketplaceLeads().AddSalesforceSink(o =>
        {
            o.MyDomainUrl = new Uri("https://contoso.my.salesforce.com");
            o.ClientId = "3MVG9-consumer-key";
            o.ClientSecret = "super-secret-value";
            options = o;
        });
        options.Mapping.Email = "Not A Field"; // after registration: ignored

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Assert.NotNull(provider.GetRequiredService<Delivery.ILeadPipeline>());
    }

    private static void Spoil(SalesforceSinkOptions o, string variant)
    {
        switch (variant)
        {
            case "no-domain": o.MyDomainUrl = null; break;
            case "http": o.MyDomainUrl = new Uri("http://contoso.my.salesforce.com"); break;
            case "path": o.MyDomainUrl = new Uri("https://contoso.my.salesforce.com/services/data"); break;
            case "no-client": o.ClientId = string.Empty; break;
            case "no-secret": o.ClientSecret = null; break;
            case "version": o.ApiVersion = "v45.0"; break;
            case "old-version": o.ApiVersion = "45.0"; break;
            case "key": o.ExternalIdField = "Profile Id"; break;
            case "batch": o.MaxRecordsPerRequest = 201; break;
            case "field": o.Mapping.Email = "e-mail"; break;
            case "fallback": o.Mapping.MissingCompany = string.Empty; break;
            case "duplicates": o.DuplicatesDetected = (SalesforceDuplicateAction)7; break;
        }
    }
}
