using System;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;

namespace MarketplaceLeads.Lifecycle;

/// <summary>The <see cref="ILeadErasure"/> of a pipeline: its journal, de-duplication store, sinks and dead-letter sink, and the shared follow-up store.</summary>
/// <param name="pipeline">The pipeline.</param>
/// <param name="followUp">The follow-up store, when follow-up is registered.</param>
/// <param name="time">The clock of the request's time.</param>
internal sealed class LeadErasure(LeadPipeline pipeline, IFollowUpStore? followUp, TimeProvider time) : ILeadErasure
{
    public Task<ErasureReceipt> EraseCustomerAsync(string email, CancellationToken cancellationToken = default)
    {
        ErasureRequest.NormalizeEmail(email); // the argument checked before the pipeline's turn is taken
        return pipeline.EraseAsync(store => ErasureRequest.ForEmailAsync(store, email, time, cancellationToken), [followUp], cancellationToken);
    }

    public Task<ErasureReceipt> EraseCustomerAsync(CustomerProfileId profileId, CancellationToken cancellationToken = default) =>
        pipeline.EraseAsync(store => ErasureRequest.ForProfileAsync(store, profileId, time, cancellationToken), [followUp], cancellationToken);

    public Task<RetentionReceipt> ApplyRetentionAsync(CancellationToken cancellationToken = default) => pipeline.ApplyRetentionAsync([followUp], cancellationToken);
}
