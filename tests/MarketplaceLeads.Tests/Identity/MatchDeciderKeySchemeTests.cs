using System;
using System.Globalization;
using System.IO.Hashing;
using System.Linq;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Tests.Identity;

/// <summary>
/// The blocking keys are versioned (<see cref="MatchDecider.BlockingKeyVersion"/>): a durable store files its leads again
/// when the version its leads were filed under differs (<see cref="IRefilingLeadDeduplicationStore"/>). So a change to the
/// keys must change the version, or stored leads are met by keys new leads no longer derive — as happened when
/// <c>FamilyNames</c> and the legal forms changed company and name keys before versions were kept.
/// </summary>
public sealed class MatchDeciderKeySchemeTests
{
    [Fact]
    public void KeysOfAFixedSetOfLeads_ArePinnedToTheKeyVersion()
    {
        // If this fails after a change to the keys: bump MatchDecider.BlockingKeyVersion, then the fingerprint here.
        var decider = new MatchDecider(new DeduplicationOptions());
        var keys = new BlockingKeys();
        var hash = new XxHash64();
        var leads = TestLeads.Mixed().Concat(IdentityAccuracyTests.AllCorpora().SelectMany(c => c.Generate(150, 1).Select(l => l.Lead)));
        foreach (var lead in leads)
        {
            decider.CollectKeys(LeadMatchSubject.Create(lead.Customer), keys);
            foreach (var key in keys.AsSpan())
            {
                hash.Append(BitConverter.GetBytes(key));
            }

            hash.Append(BitConverter.GetBytes(-1L));
        }

        var fingerprint = hash.GetCurrentHashAsUInt64().ToString("X16", CultureInfo.InvariantCulture);
        Assert.Equal(("keys-2026-12-07b", "A02D8EB9C92EF013"), (MatchDecider.BlockingKeyVersion, fingerprint));
    }

    [Fact]
    public void KeyScheme_NamesTheVersion_TheOptionsThatChooseKeys_AndTheStrategies()
    {
        Assert.Equal("keys-2026-12-07b;email=1;phone=1;names=1;strategies=", new MatchDecider(new DeduplicationOptions()).KeyScheme);
        Assert.NotEqual(
            new MatchDecider(new DeduplicationOptions()).KeyScheme,
            new MatchDecider(new DeduplicationOptions { MatchPhone = false }).KeyScheme);
    }
}
