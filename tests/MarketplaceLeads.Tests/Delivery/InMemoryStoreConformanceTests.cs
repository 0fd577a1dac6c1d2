using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;

namespace MarketplaceLeads.Tests;

/// <summary>The in-memory journal against the conformance suite every store passes; it survives a pipeline restart in one process, so reopening keeps the instance.</summary>
public sealed class InMemoryLeadJournalConformanceTests : LeadJournalConformance
{
    private readonly InMemoryLeadJournal _journal = new();

    protected override ValueTask<ILeadJournal> OpenAsync() => ValueTask.FromResult<ILeadJournal>(_journal);

    protected override ValueTask CloseAsync() => ValueTask.CompletedTask;
}

/// <summary>The in-memory identity store (the default of <see cref="LeadDeduplicator"/>) against the conformance suite every de-duplication store passes; it lives as long as its process, so reopening keeps the instance.</summary>
public sealed class InMemoryLeadDeduplicationStoreConformanceTests : LeadDeduplicationStoreConformance
{
    private readonly ILeadDeduplicationStore _store = new LeadDeduplicator().Store;

    protected override ValueTask<ILeadDeduplicationStore> OpenAsync() => ValueTask.FromResult(_store);

    protected override ValueTask CloseAsync() => ValueTask.CompletedTask;
}

/// <summary>The in-memory touch log against the conformance suite every store passes.</summary>
public sealed class InMemoryFollowUpStoreConformanceTests : FollowUpStoreConformance
{
    private readonly InMemoryFollowUpStore _store = new();

    protected override ValueTask<IFollowUpStore> OpenAsync() => ValueTask.FromResult<IFollowUpStore>(_store);

    protected override ValueTask CloseAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// The in-memory sink against the conformance suite every store's sink passes. It keeps every delivery and change as written;
/// what it says about a lead now is read the way an application reading it does: the last delivery of each lead, re-pointed
/// by later merges, then the profile changes (the suite writes a test's deliveries before its changes; the sink keeps the two
/// in separate lists).
/// </summary>
public sealed class InMemoryLeadSinkConformanceTests : LeadSinkConformance
{
    private readonly InMemoryLeadSink _sink = new();

    protected override ValueTask<IProfileChangeSink> OpenAsync() => ValueTask.FromResult<IProfileChangeSink>(_sink);

    protected override ValueTask CloseAsync() => ValueTask.CompletedTask;

    protected override ValueTask<IReadOnlyList<StoredLeadView>> ReadAsync()
    {
        var leads = new Dictionary<LeadId, StoredLeadView>();
        var profileDoNotContact = new Dictionary<CustomerProfileId, bool>();
        foreach (var delivery in _sink.GetDeliveries())
        {
            foreach (var merged in delivery.Decision.MergedProfiles)
            {
                profileDoNotContact.Remove(merged);
                foreach (var lead in leads.Values.Where(l => l.ProfileId == merged).ToList())
                {
                    leads[lead.Lead.Id] = lead with { ProfileId = delivery.Profile.Id };
                }
            }

            leads[delivery.Lead.Id] = new StoredLeadView(delivery.Lead, delivery.Profile.Id, delivery.Outcome, delivery.DoNotContact);
            profileDoNotContact[delivery.Profile.Id] = delivery.Profile.DoNotContact;
        }

        foreach (var change in _sink.GetProfileChanges())
        {
            foreach (var removed in change.RemovedProfiles)
            {
                profileDoNotContact.Remove(removed);
            }

            foreach (var profile in change.Profiles)
            {
                profileDoNotContact[profile.Id] = profile.DoNotContact;
                foreach (var lead in profile.Leads)
                {
                    if (leads.TryGetValue(lead.Id, out var view))
                    {
                        leads[lead.Id] = view with { ProfileId = profile.Id, DoNotContact = profile.DoNotContact };
                    }
                }
            }
        }

        return ValueTask.FromResult<IReadOnlyList<StoredLeadView>>(
            [.. leads.Values.Select(l => l with { DoNotContact = l.DoNotContact || profileDoNotContact.GetValueOrDefault(l.ProfileId) })]);
    }
}
