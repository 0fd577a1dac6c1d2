using System;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Sqlite;

/// <summary>A lead as the SQLite sink stored it: the lead, its profile, what de-duplication decided and when the pipeline accepted it.</summary>
/// <param name="Lead">The lead, with its raw payload when it was kept.</param>
/// <param name="ProfileId">The customer profile the lead belongs to (updated when profiles merge).</param>
/// <param name="Outcome">What de-duplication decided when the lead was delivered.</param>
/// <param name="DoNotContact">Whether the customer must not be contacted (sticky across the profile's leads).</param>
/// <param name="AcceptedAt">When the pipeline accepted the lead.</param>
public sealed record StoredLead(Lead Lead, CustomerProfileId ProfileId, DeduplicationOutcome Outcome, bool DoNotContact, DateTimeOffset AcceptedAt);
