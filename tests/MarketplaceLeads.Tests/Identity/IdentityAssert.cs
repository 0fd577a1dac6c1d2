using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Tests.Identity;

/// <summary>Assertions the identity tests share.</summary>
internal static class IdentityAssert
{
    /// <summary>The two leads, de-duplicated on their own with the default options, are two profiles raised to a reviewer as one possible duplicate.</summary>
    public static void LeftForReview(Lead one, Lead other)
    {
        var result = new LeadDeduplicator().Deduplicate([one, other]);

        Assert.Equal(2, result.Profiles.Count);
        Assert.Single(result.PossibleDuplicates);
    }
}
