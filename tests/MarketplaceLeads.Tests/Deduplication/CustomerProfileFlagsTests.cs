using System.Collections.Generic;
using System.Linq;
using FsCheck.Xunit;
using MarketplaceLeads.Deduplication;
using static MarketplaceLeads.Testing.TestLeads;

namespace MarketplaceLeads.Tests;

/// <summary>
/// A profile's do-not-contact and test flags as it grows lead by lead and absorbs other profiles: carried from the
/// profiles combined and the new lead (one person's 10,000th lead no longer re-reads 10,000 leads to find them).
/// </summary>
public class CustomerProfileFlagsTests
{
    /// <summary>Lead i is do-not-contact when bit 0 of its code is set, a marketplace test lead when bit 1 is; bit 2 starts a separate profile that the next lead absorbs.</summary>
    [Property(MaxTest = 300)]
    public bool Flags_GrownAndMerged_AreThoseOfAllTheLeads(byte[] codes)
    {
        var rules = new SurvivorshipRules();
        CustomerProfile? profile = null;
        CustomerProfile? pending = null;
        var all = new List<Lead>();
        for (var i = 0; i < codes.Length; i++)
        {
            var code = codes[i];
            var lead = Make("Ada", "Lovelace", email: (code & 2) != 0 ? "MSFT_TEST_636573304831318844@test.example" : "ada@analytical.example", action: (code & 1) != 0 ? "DNC" : "PLT", minutes: i);
            all.Add(lead);
            if ((code & 4) != 0 && profile is not null && pending is null)
            {
                pending = CustomerProfile.Create(lead, rules, null); // another profile, absorbed by the next lead
                continue;
            }

            profile = profile is null
                ? CustomerProfile.Create(lead, rules, null)
                : profile.With(lead, pending is null ? [] : [pending], rules);
            pending = null;
        }

        var held = profile is null ? [] : profile.Leads.ToList();
        if (pending is not null)
        {
            held.RemoveAll(l => pending.Leads.Contains(l));
        }

        return profile is null
            || (profile.DoNotContact == held.Any(l => l.Action == LeadAction.DoNotContact)
                && profile.IsTest == held.Any(l => l.IsTestLead)
                && profile.Leads.Count == held.Count);
    }
}
