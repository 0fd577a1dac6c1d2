using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

public class TableRowReaderTests
{
    /// <summary>Loads the documented sample as the property dictionary a TableEntity exposes.</summary>
    private static Dictionary<string, object?> SampleEntity()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(RepositoryPaths.PayloadSample("azure-table-row.json")));
        var entity = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            entity[property.Name] = property.Name == "Timestamp"
                ? property.Value.GetDateTimeOffset()
                : property.Value.GetString();
        }

        return entity;
    }

    [Fact]
    public void Sample_ReadsEveryFieldAndKeepsTheRest()
    {
        var lead = new LeadReader().ReadTableRow(SampleEntity()).Lead!;

        Assert.Equal(LeadChannel.AzureTable, lead.Channel);
        Assert.Equal(MarketplaceSource.AzureMarketplace, lead.Source);
        Assert.Equal(LeadAction.StartTestDrive, lead.Action);
        Assert.Equal(FunnelStage.Trial, lead.Stage);
        Assert.Equal("Contoso Analytics", lead.OfferTitle);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 3, 9, TimeSpan.Zero), lead.CreatedAt);
        Assert.Equal("Wei", lead.Customer.FirstName);
        Assert.Equal("CN", lead.Customer.CountryCode);
        Assert.Equal("+861055550199", lead.Customer.PhoneE164);
        Assert.Equal("contoso.contoso-analytics", lead.AdditionalProperties["PartitionKey"].GetString());
        Assert.Equal("0f6d2c7e-1b0a-4a55-9d0e-6f3c2b7a9e11", lead.AdditionalProperties["RowKey"].GetString());
        Assert.True(lead.AdditionalProperties.ContainsKey("Timestamp"));
        Assert.Equal(LeadId.FromKey("azure-table", "contoso.contoso-analytics", "0f6d2c7e-1b0a-4a55-9d0e-6f3c2b7a9e11"), lead.Id);
        Assert.Contains("\"CustomerInfo\"", lead.RawPayload, StringComparison.Ordinal);
    }

    [Fact]
    public void SameRowReadTwice_GivesSameId()
    {
        var reader = new LeadReader();

        Assert.Equal(reader.ReadTableRow(SampleEntity()).Lead!.Id, reader.ReadTableRow(SampleEntity()).Lead!.Id);
    }

    [Fact]
    public void UnparseableCreatedTime_IsKeptRaw()
    {
        var entity = SampleEntity();
        entity["CreatedTime"] = "sometime last week";

        var lead = new LeadReader().ReadTableRow(entity).Lead!;

        Assert.Null(lead.CreatedAt);
        Assert.Equal("sometime last week", lead.AdditionalProperties["CreatedTime"].GetString());
    }

    [Theory]
    [InlineData("11/20/2026 2:03:09 PM")]
    [InlineData("2026-11-20 14:03:09")]
    [InlineData("2026-11-20T14:03:09.0000000Z")]
    [InlineData("2026-11-20T15:03:09+01:00")]
    public void CreatedTime_CommonFormats_AreParsedAsUtc(string text)
    {
        var entity = SampleEntity();
        entity["CreatedTime"] = text;

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 3, 9, TimeSpan.Zero), new LeadReader().ReadTableRow(entity).Lead!.CreatedAt);
    }

    [Fact]
    public void MalformedCustomerInfo_IsRejectedWithTheRowKept()
    {
        var entity = SampleEntity();
        entity["CustomerInfo"] = "{\"FirstName\": \"Wei\"";

        var error = new LeadReader(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport }).ReadTableRow(entity, 7).Error!;

        Assert.Contains("customer JSON string is malformed", error.Reason, StringComparison.Ordinal);
        Assert.Equal("CustomerInfo", error.Field); // the row's own property name
        Assert.Equal(7, error.RecordIndex);
        Assert.Contains("0f6d2c7e", error.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public void TypedValues_AreKeptAsJson()
    {
        var entity = SampleEntity();
        entity["Score"] = 42;
        entity["Flag"] = true;
        entity["Id"] = Guid.Parse("11111111-2222-3333-4444-555555555555");

        var lead = new LeadReader().ReadTableRow(entity).Lead!;

        Assert.Equal(42, lead.AdditionalProperties["Score"].GetInt32());
        Assert.True(lead.AdditionalProperties["Flag"].GetBoolean());
        Assert.Equal("11111111-2222-3333-4444-555555555555", lead.AdditionalProperties["Id"].GetString());
    }
}
