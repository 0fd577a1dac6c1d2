using System;
using System.Collections.Generic;

namespace MarketplaceLeads.Delivery;

/// <summary>An accepted lead still pending for some sinks, as read back from an <see cref="ILeadJournal"/>.</summary>
/// <param name="Lead">The lead, with its raw payload when it was kept.</param>
/// <param name="AcceptedAt">When the pipeline accepted it.</param>
/// <param name="PendingSinks">The names of the sinks that have neither received nor dead-lettered it.</param>
public sealed record JournaledLead(Lead Lead, DateTimeOffset AcceptedAt, IReadOnlyList<string> PendingSinks);
