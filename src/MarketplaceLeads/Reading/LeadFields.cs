using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text.Json;

namespace MarketplaceLeads.Reading;

/// <summary>
/// The fields the marketplace sends for a lead, as every reader gets them (HTTPS payload, table row, CSV record, JSON-lines
/// record). <see cref="ToLead"/> is the one place a reader builds a <see cref="Lead"/>: the <see cref="LeadSource"/> parsed
/// from its text (a text that does not parse keeps the default, with the text kept as sent), a missing customer as
/// <see cref="CustomerInfo.Empty"/>, no additional properties as the shared empty dictionary.
/// </summary>
internal readonly record struct LeadFields(string? LeadSourceText, string? ActionCode, string? OfferTitle, string? Description, CustomerInfo? Customer)
{
    /// <summary>Gets the id of a lead without a key of its own: from its content, so that a redelivery gets the same id.</summary>
    public LeadId ContentId => LeadId.FromContent(LeadSourceText, ActionCode, OfferTitle, Description, Customer);

    /// <summary>Builds the lead.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="channel">How it arrived.</param>
    /// <param name="receivedAt">When it was received.</param>
    /// <param name="createdAt">When the marketplace created it, when known.</param>
    /// <param name="additional">Properties the reader did not map (copied into a read-only view; <see langword="null"/> or empty for none).</param>
    /// <param name="rawPayload">The record as received, when kept.</param>
    /// <param name="rawPayloadUtf8">The record as received, as valid UTF-8 in an array the lead may keep, when kept as bytes (instead of <paramref name="rawPayload"/>).</param>
    /// <param name="leadSource">The lead source when the reader parsed it itself (from the UTF-8 value, or strictly); else it is parsed leniently from <see cref="LeadSourceText"/>.</param>
    /// <returns>The lead.</returns>
    public Lead ToLead(LeadId id, LeadChannel channel, DateTimeOffset receivedAt, DateTimeOffset? createdAt, IDictionary<string, JsonElement>? additional, string? rawPayload, LeadSource? leadSource = null, byte[]? rawPayloadUtf8 = null) => new()
    {
        Id = id,
        Channel = channel,
        ReceivedAt = receivedAt,
        CreatedAt = createdAt,
        LeadSource = leadSource ?? (LeadSource.TryParse(LeadSourceText, out var parsed) ? parsed : default),
        LeadSourceText = LeadSourceText,
        ActionCode = ActionCode,
        OfferTitle = OfferTitle,
        Description = Description,
        Customer = Customer ?? CustomerInfo.Empty,
        AdditionalProperties = additional is { Count: > 0 } ? new ReadOnlyDictionary<string, JsonElement>(additional) : Lead.NoProperties,
        RawPayload = rawPayload,
        RawPayloadBytes = rawPayloadUtf8,
    };
}
