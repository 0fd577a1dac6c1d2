using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Delivery;

/// <summary>A sink made of a delegate, for the simplest cases (<c>builder.AddSink(async (batch, ct) =&gt; …)</c>).</summary>
/// <param name="write">Writes a batch.</param>
internal sealed class DelegateLeadSink(Func<IReadOnlyList<LeadDelivery>, CancellationToken, ValueTask> write) : ILeadSink
{
    public ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken) => write(batch, cancellationToken);
}
