using System.Diagnostics.CodeAnalysis;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// An optional capability of an <see cref="ILeadSink"/> (discovered by type test): it names the record of its own system that
/// holds each lead of the batch it has just written, such as a CRM's record id. After each batch the sink wrote, the pipeline
/// asks for every delivery of the batch and raises <see cref="LeadPipelineObserver.OnRecordWritten"/> for those with a record,
/// so that another system can be told where the lead went (Partner Center's <c>ExternalReferenceID</c>).
/// </summary>
/// <remarks>The pipeline asks right after <see cref="ILeadSink.WriteBatchAsync"/> completed and before it calls it again (calls to one sink never overlap): a sink keeps the record ids of its last batch only.</remarks>
public interface ILeadRecordSink
{
    /// <summary>Returns the id of the record that holds a lead of the batch just written.</summary>
    /// <param name="delivery">A delivery of that batch.</param>
    /// <param name="recordId">The record's id in the sink's system.</param>
    /// <returns><see langword="false"/> when the sink knows no record for it (the write created none, or the answer did not say).</returns>
    bool TryGetRecordId(LeadDelivery delivery, [NotNullWhen(true)] out string? recordId);
}
