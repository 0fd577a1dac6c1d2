using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// Receives every lead the pipeline could not deliver and every input it rejected, with the reason and the raw
/// payload, so that nothing is lost. Dead letters are also kept in the <see cref="ILeadJournal"/> whether or not a
/// dead-letter sink is configured.
/// </summary>
/// <remarks>The pipeline retries a failing dead-letter sink with the same back-off as other sinks; if it still fails, the dead letters stay in the journal and the failure is logged.</remarks>
public interface ILeadDeadLetterSink
{
    /// <summary>Writes dead letters.</summary>
    /// <param name="deadLetters">The dead letters; never empty.</param>
    /// <param name="cancellationToken">Signalled when the attempt times out or the pipeline stops.</param>
    /// <returns>A task that completes when the dead letters are written.</returns>
    ValueTask WriteAsync(IReadOnlyList<LeadDeadLetter> deadLetters, CancellationToken cancellationToken);
}
