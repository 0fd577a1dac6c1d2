using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads;

/// <summary>
/// A customer lead from the commercial marketplace, read from whichever channel delivered it, with
/// nothing of what was sent lost.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="LeadSource"/> is the parsed <c>LeadSource</c> field. The HTTPS destination can send
/// that field with only a source (<c>"AzureMarketplace"</c>) and the action in <c>ActionCode</c>;
/// such a lead has an empty <see cref="LeadSource"/>, and <see cref="Source"/> and
/// <see cref="Action"/> come from <see cref="LeadSourceText"/> and <see cref="ActionCode"/>.
/// </para>
/// <para>
/// Properties the SDK does not model are kept in <see cref="AdditionalProperties"/>, and the text
/// the lead was read from in <see cref="RawPayload"/>, for audit and dead-lettering.
/// <see cref="ToString"/> prints no personal data.
/// </para>
/// </remarks>
public sealed record Lead
{
    /// <summary>The shared empty <see cref="AdditionalProperties"/>.</summary>
    internal static readonly IReadOnlyDictionary<string, JsonElement> NoProperties =
        new ReadOnlyDictionary<string, JsonElement>(new Dictionary<string, JsonElement>(0));

    /// <summary>Gets the stable identity of the delivered lead (see <see cref="LeadId"/>).</summary>
    public required LeadId Id { get; init; }

    /// <summary>Gets the parsed <c>LeadSource</c> field; empty when the field was absent, held only a source, or could not be parsed (see <see cref="LeadSourceText"/>).</summary>
    public LeadSource LeadSource { get; init; }

    /// <summary>Gets the <c>LeadSource</c> field exactly as sent.</summary>
    public string? LeadSourceText { get; init; }

    /// <summary>Gets the <c>ActionCode</c> field exactly as sent.</summary>
    public string? ActionCode { get; init; }

    /// <summary>Gets the offer's display name (<c>OfferTitle</c> in HTTPS payloads, <c>OfferDisplayName</c> in table rows).</summary>
    public string? OfferTitle { get; init; }

    /// <summary>Gets the customer's notes (<c>Description</c>); for AppSource it can hold a JSON object of URL query parameters such as campaign ids.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the customer.</summary>
    public CustomerInfo Customer { get; init; } = CustomerInfo.Empty;

    /// <summary>Gets when the SDK received or read the lead (from the reader's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Gets when the marketplace created the lead, where the channel says (an Azure Table row's <c>CreatedTime</c>).</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets the channel the lead arrived through.</summary>
    public LeadChannel Channel { get; init; }

    /// <summary>Gets the properties the SDK does not model, keyed by name as sent, with their JSON values.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties { get; init; } = NoProperties;

    /// <summary>Gets the text the lead was read from (a JSON payload, a table row as JSON, a CSV record), for audit and dead-lettering.</summary>
    public string? RawPayload { get; init; }

    /// <summary>Gets the marketplace the lead came from: from <see cref="LeadSource"/>, or from <see cref="LeadSourceText"/> when that holds only a source.</summary>
    public MarketplaceSource Source =>
        !LeadSource.IsEmpty ? LeadSource.Source : KnownNames.ClassifySource((LeadSourceText ?? string.Empty).AsSpan().Trim());

    /// <summary>Gets what the customer did: from <see cref="LeadSource"/>, or from <see cref="ActionCode"/> when the <c>LeadSource</c> field has no action.</summary>
    public LeadAction Action =>
        !LeadSource.IsEmpty ? LeadSource.Action : KnownNames.ClassifyAction((ActionCode ?? string.Empty).AsSpan().Trim());

    /// <summary>Gets the offer; empty when <see cref="LeadSource"/> is (see <see cref="OfferTitle"/> for its name).</summary>
    public MarketplaceOffer Offer => LeadSource.Offer;

    /// <summary>Gets the funnel stage the action puts the lead in.</summary>
    public FunnelStage Stage => FunnelStages.FromAction(Action);

    /// <summary>
    /// Gets a value indicating whether this is a test lead the marketplace sent when the publisher
    /// saved or validated the lead destination (fields holding <c>MSFT_TEST_</c> and digits). Never
    /// merge a test lead with a real customer.
    /// </summary>
    public bool IsTestLead =>
        Customer.IsTestData || TestLeadDetector.IsTestValue(LeadSourceText) || TestLeadDetector.IsTestValue(Description);

    /// <summary>Determines whether this lead equals another: same id, fields as sent, times and channel (additional properties and raw payload are compared by reference).</summary>
    /// <param name="other">The other lead.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(Lead? other) =>
        other is not null
        && Id == other.Id
        && LeadSource == other.LeadSource
        && string.Equals(LeadSourceText, other.LeadSourceText, StringComparison.Ordinal)
        && string.Equals(ActionCode, other.ActionCode, StringComparison.Ordinal)
        && string.Equals(OfferTitle, other.OfferTitle, StringComparison.Ordinal)
        && string.Equals(Description, other.Description, StringComparison.Ordinal)
        && Customer.Equals(other.Customer)
        && ReceivedAt == other.ReceivedAt
        && CreatedAt == other.CreatedAt
        && Channel == other.Channel
        && ReferenceEquals(AdditionalProperties, other.AdditionalProperties)
        && string.Equals(RawPayload, other.RawPayload, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Channel, ReceivedAt);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id.ToString())
            .Append(", Source = ").Append(Source.ToString())
            .Append(", Action = ").Append(Action.ToString())
            .Append(", Offer = ").Append(Offer.ToString())
            .Append(", Stage = ").Append(Stage.ToString())
            .Append(", Channel = ").Append(Channel.ToString())
            .Append(", IsTestLead = ").Append(IsTestLead ? "True" : "False")
            .Append(", Customer = ").Append(Customer.ToString());
        return true;
    }
}
