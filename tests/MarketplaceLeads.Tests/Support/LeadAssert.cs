using System.Linq;

namespace MarketplaceLeads.Tests.Support;

/// <summary>Compares leads field by field, additional properties by their JSON text.</summary>
public static class LeadAssert
{
    public static void SameContent(Lead expected, Lead actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.LeadSource, actual.LeadSource);
        Assert.Equal(expected.LeadSourceText, actual.LeadSourceText);
        Assert.Equal(expected.ActionCode, actual.ActionCode);
        Assert.Equal(expected.OfferTitle, actual.OfferTitle);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Customer, actual.Customer);
        Assert.Equal(expected.ReceivedAt, actual.ReceivedAt);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.Channel, actual.Channel);
        Assert.Equal(expected.RawPayload, actual.RawPayload);
        Assert.Equal(
            expected.AdditionalProperties.OrderBy(p => p.Key, System.StringComparer.Ordinal).Select(p => (p.Key, p.Value.GetRawText())),
            actual.AdditionalProperties.OrderBy(p => p.Key, System.StringComparer.Ordinal).Select(p => (p.Key, p.Value.GetRawText())));
    }
}
