using System;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads;

/// <summary>
/// Configures a lead pipeline (<see cref="ILeadPipeline"/>): the queue, batching, retries, time-outs and shutdown.
/// Set with <c>services.AddMarketplaceLeads(o =&gt; …)</c>; validated when the host starts, with a message that names
/// the property and its value.
/// </summary>
/// <remarks>The defaults suit a web application receiving the marketplace's leads: they arrive one at a time, each sink gets them within about <see cref="BatchDelay"/>, and a sink that is down for up to half an hour loses nothing.</remarks>
public sealed class MarketplaceLeadsOptions
{
    /// <summary>Gets or sets how many accepted leads may be in the pipeline (queued, being de-duplicated or delivered) at once; a submit beyond it waits or is refused per <see cref="FullMode"/>.</summary>
    /// <value>10,000; between 1 and 10,000,000.</value>
    [IntBetween(1, 10_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Gets or sets what a submit does when the queue is full.</summary>
    /// <value><see cref="LeadQueueFullMode.Wait"/>.</value>
    public LeadQueueFullMode FullMode { get; set; } = LeadQueueFullMode.Wait;

    /// <summary>Gets or sets the most deliveries a sink receives in one <see cref="ILeadSink.WriteBatchAsync"/> call.</summary>
    /// <value>100; between 1 and 10,000.</value>
    [IntBetween(1, 10_000)]
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>Gets or sets how long a sink's worker waits for more leads to fill a batch once it has one; zero delivers whatever is queued at once.</summary>
    /// <value>50 milliseconds; between zero and one minute.</value>
    [TimeSpanBetween("00:00:00", "00:01:00")]
    public TimeSpan BatchDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Gets or sets how many times a sink is called with a batch before its leads are dead-lettered (the first attempt included).</summary>
    /// <value>8; between 1 and 1,000.</value>
    [IntBetween(1, 1_000)]
    public int MaxDeliveryAttempts { get; set; } = 8;

    /// <summary>Gets or sets the delay before the first retry; each later retry doubles it (up to <see cref="RetryMaxDelay"/>), and a random jitter of up to half of it is subtracted so that many pipelines do not retry in step.</summary>
    /// <value>1 second; between zero and one hour.</value>
    [TimeSpanBetween("00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest back-off delay between two attempts (a retry-after hint may ask for longer, up to <see cref="MaxRetryAfter"/>).</summary>
    /// <value>5 minutes; between zero and one day.</value>
    [TimeSpanBetween("00:00:00", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the longest retry-after hint (<see cref="LeadSinkException.RetryAfter"/>) that is honoured; a longer hint is cut to it.</summary>
    /// <value>15 minutes; between zero and one day.</value>
    [TimeSpanBetween("00:00:00", "1.00:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets how long one sink call may take; then its cancellation token is signalled and the attempt counts as failed (even if the sink ignores the token).</summary>
    /// <value>30 seconds; between 1 millisecond and one hour.</value>
    [TimeSpanBetween("00:00:00.001", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long stopping the pipeline waits for queued leads to be delivered and sinks flushed; what is not delivered by then stays pending in the <see cref="ILeadJournal"/> for the next start.</summary>
    /// <value>30 seconds; between zero and one hour.</value>
    [TimeSpanBetween("00:00:00", "01:00:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how far apart two identical leads must be to count as two requests. The marketplace's payload
    /// carries no time, so a customer who clicks <i>Contact me</i> again sends the same lead, with the same
    /// <see cref="LeadId"/>, as a redelivery. A redelivery comes within minutes; an identical lead whose time (created, else
    /// received) is further than this from every earlier occurrence is the customer asking again: it is accepted as a new
    /// lead (id <see cref="LeadId.FromKey"/>("repeat", first id, occurrence number)), with a new response deadline. Zero
    /// makes every identical lead a redelivery. This holds for every lead whose id comes from its content (HTTPS payloads, CSV
    /// rows without a Lead Id, table rows without keys); a lead with its source's own id is never affected.
    /// </summary>
    /// <value>24 hours; between zero and 365 days.</value>
    [TimeSpanBetween("00:00:00", "365.00:00:00")]
    public TimeSpan RepeatInterestWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets a value indicating whether test leads (sent when a publisher validates a lead destination) are delivered to the sinks, flagged <see cref="Deduplication.DeduplicationOutcome.TestLead"/>; when <see langword="false"/> they are accepted, counted and journaled but reach no sink.</summary>
    /// <value><see langword="false"/>.</value>
    public bool DeliverTestLeads { get; set; }

    /// <summary>
    /// Gets or sets how long the raw payload of an accepted lead is kept (<see cref="Lifecycle.ILeadErasure.ApplyRetentionAsync"/>):
    /// after this, counted from acceptance, the payload is dropped from the journal, the de-duplication store and the sinks
    /// that keep it, and the lead stays as read (its fields, ids and times). <see langword="null"/> keeps raw payloads.
    /// </summary>
    /// <value><see langword="null"/>; else between one hour and ten years.</value>
    [TimeSpanBetween("01:00:00", "3650.00:00:00")]
    public TimeSpan? RawPayloadRetention { get; set; }

    /// <summary>Gets or sets how long a dead letter is kept (<see cref="Lifecycle.ILeadErasure.ApplyRetentionAsync"/>): after this, counted from when it was recorded, it is deleted with its raw payload. <see langword="null"/> keeps dead letters.</summary>
    /// <value><see langword="null"/>; else between one hour and ten years.</value>
    [TimeSpanBetween("01:00:00", "3650.00:00:00")]
    public TimeSpan? DeadLetterRetention { get; set; }
}

/// <summary>Validates <see cref="MarketplaceLeadsOptions"/> at start-up (source-generated from the options' validation attributes, no reflection).</summary>
[OptionsValidator]
internal sealed partial class MarketplaceLeadsOptionsValidator : IValidateOptions<MarketplaceLeadsOptions>
{
}
