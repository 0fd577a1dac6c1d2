using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.PartnerCenter;

/// <summary>One write-back: the referral, and the CRM record that now holds its lead, or the outcome the follow-up recorded.</summary>
/// <param name="ReferralId">The referral's id.</param>
/// <param name="RecordId">The CRM record's id; <see langword="null"/> for an outcome.</param>
/// <param name="Sink">The sink that wrote the record, or <c>follow-up</c>, for logs.</param>
/// <param name="Outcome">The closed substatus to mirror (<c>Won</c>, <c>Lost</c>, <c>Declined</c>); <see langword="null"/> for a record.</param>
/// <param name="NotBefore">For the SDK's own profile id (<see cref="IsProfileId"/>): when it may be written, unless a CRM record id came meanwhile.</param>
/// <param name="Lead">For a profile id not known when queued (<see cref="RecordId"/> <see langword="null"/>): the lead whose profile it is, looked up when due.</param>
internal readonly record struct WriteBackItem(string ReferralId, string? RecordId, string Sink, string? Outcome = null, DateTimeOffset? NotBefore = null, LeadId? Lead = null)
{
    /// <summary>The <see cref="Sink"/> of an item that carries the SDK's own profile id rather than a CRM record id.</summary>
    public const string ProfileIdSource = "profile";

    /// <summary>Gets a value indicating whether the item carries the SDK's own profile id, which only fills an empty <c>externalReferenceId</c>.</summary>
    public bool IsProfileId => Outcome is null && string.Equals(Sink, ProfileIdSource, StringComparison.Ordinal);

    /// <summary>Gets what is written, for logs: the record id or the status.</summary>
    public string What => Outcome is { } outcome ? "status Closed/" + outcome : (IsProfileId ? "profile " : "CRM record ") + RecordId;
}

/// <summary>
/// Hears from the pipeline which CRM record a lead reached (<see cref="LeadPipelineObserver.OnRecordWritten"/>, raised for sinks that are
/// <see cref="ILeadRecordSink"/>s) and queues a write-back for each lead that came from a Partner Center referral; <see cref="PartnerCenterWriteBackService"/> sends them.
/// </summary>
/// <remarks>
/// With a <paramref name="profileIdDelay"/>, it also queues the SDK's own profile id for each referral's lead once the lead is decided,
/// due that long after; the service drops it when a CRM record id was queued for the referral meanwhile (<see cref="HasRecord"/>).
/// </remarks>
internal sealed class PartnerCenterWriteBack(TimeSpan? profileIdDelay = null) : LeadPipelineObserver
{
    private readonly Channel<WriteBackItem> _queue = Channel.CreateUnbounded<WriteBackItem>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The profile ids waiting for their due time, in their own queue so that they hold back no CRM record id or status.</summary>
    private readonly Channel<WriteBackItem> _profileIds = Channel.CreateUnbounded<WriteBackItem>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The referrals whose profile id waits, and whether a CRM record id was queued for each meanwhile (removed when the profile id's turn comes, so it holds only what waits).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _waiting = new(StringComparer.Ordinal);

    public ChannelReader<WriteBackItem> Queue => _queue.Reader;

    /// <summary>Gets the profile ids to write, each when due (<see cref="WriteBackItem.NotBefore"/>), in decision order.</summary>
    public ChannelReader<WriteBackItem> ProfileIds => _profileIds.Reader;

    /// <summary>Gets or sets the clock the profile ids' due times are read from (the host's, set when its services are built).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    public override void OnDeduplicated(LeadDelivery delivery)
    {
        if (profileIdDelay is { } delay && ReferralIdOf(delivery.Lead) is { } referral)
        {
            _waiting[referral] = false;
            _profileIds.Writer.TryWrite(new WriteBackItem(referral, delivery.Profile.Id.ToString(), WriteBackItem.ProfileIdSource, NotBefore: Time.GetUtcNow() + delay));
        }
    }

    public override void OnRecordWritten(string sink, LeadDelivery delivery, string recordId)
    {
        if (ReferralIdOf(delivery.Lead) is { } referral)
        {
            _waiting.TryUpdate(referral, true, false); // only while its profile id waits

            _queue.Writer.TryWrite(new WriteBackItem(referral, recordId, sink));
        }
    }

    /// <summary>
    /// Told each referral the reader consumed: one the pipeline already had (so no decision is raised for it) whose <c>externalReferenceId</c>
    /// is still empty is queued for its lead's profile id, looked up when due.
    /// </summary>
    public void OnSubmitted(LeadReadResult result, LeadSubmitResult submitted)
    {
        if (profileIdDelay is { } delay && submitted.Status == LeadSubmitStatus.AlreadyAccepted && result.Lead is { } lead
            && ReferralIdOf(lead) is { } referral && IsEmptyReference(lead))
        {
            _waiting.TryAdd(referral, false);
            _profileIds.Writer.TryWrite(new WriteBackItem(referral, null, WriteBackItem.ProfileIdSource, NotBefore: Time.GetUtcNow() + delay, Lead: lead.Id));
        }
    }

    /// <summary>Whether a CRM record id was queued for the referral since its lead was decided; forgets it (each decided lead queues one profile id).</summary>
    internal bool HasRecord(string referral) => _waiting.TryRemove(referral, out var recorded) && recorded;

    /// <summary>Queues the status write-back of a referral (from the follow-up log's outcomes).</summary>
    internal void Enqueue(WriteBackItem item) => _queue.Writer.TryWrite(item);

    /// <summary>
    /// The closed substatus a follow-up outcome mirrors into a referral (Microsoft Learn, "Referral resources", status and substatus
    /// transitions: <c>Closed</c> with <c>Won</c>, <c>Lost</c>, <c>Declined</c> or <c>Expired</c>, reachable from <c>New</c> and
    /// <c>Active</c>): won, lost, and disqualified (declined); <see langword="null"/> for every other touch.
    /// </summary>
    internal static string? OutcomeOf(TouchKind kind) => kind switch
    {
        TouchKind.Won => "Won",
        TouchKind.Lost => "Lost",
        TouchKind.Disqualified => "Declined",
        _ => null,
    };

    /// <summary>Whether the referral a Partner Center lead was read from had no <c>externalReferenceId</c> (absent, null or blank).</summary>
    internal static bool IsEmptyReference(Lead lead)
    {
        foreach (var (name, value) in lead.AdditionalProperties)
        {
            if (string.Equals(name, "externalReferenceId", StringComparison.OrdinalIgnoreCase))
            {
                return value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString());
            }
        }

        return true;
    }

    /// <summary>The referral id of a lead read from Partner Center (its <c>id</c> property, kept as sent), or <see langword="null"/>.</summary>
    internal static string? ReferralIdOf(Lead lead)
    {
        if (lead.Channel != LeadChannel.PartnerCenter)
        {
            return null;
        }

        foreach (var (name, value) in lead.AdditionalProperties)
        {
            if (string.Equals(name, "id", StringComparison.OrdinalIgnoreCase) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        return null;
    }

    /// <summary>
    /// The JSON Patch of a write-back (Microsoft Learn, "Update a referral": <c>replace</c> operations): <c>/externalReferenceId</c> = the record id
    /// when it differs, and a <c>New</c> referral made <c>Active</c> / <c>Accepted</c> (the allowed transition; a lead that reached the CRM is accepted).
    /// </summary>
    /// <remarks>With an <paramref name="outcome"/>, the referral is made <c>Closed</c> with that substatus instead, unless it is so already.</remarks>
    /// <returns>The patch, or <see langword="null"/> when the referral says all that already.</returns>
    /// <remarks>With <paramref name="onlyIfEmpty"/> (the SDK's own profile id), the record id fills an empty <c>externalReferenceId</c> only.</remarks>
    internal static byte[]? Patch(ReadOnlySpan<byte> referral, string? recordId, string? outcome = null, bool onlyIfEmpty = false)
    {
        using var document = JsonDocument.Parse(referral.ToArray());
        var root = document.RootElement;
        var external = Text(ReferralItem.Property(root, "externalReferenceId"));
        var status = Text(ReferralItem.Property(root, "status"));
        var substatus = Text(ReferralItem.Property(root, "substatus"));
        var ops = new List<(string Path, string Value)>();
        if (recordId is not null && !string.Equals(external, recordId, StringComparison.Ordinal) && !(onlyIfEmpty && !string.IsNullOrWhiteSpace(external)))
        {
            ops.Add(("/externalReferenceId", recordId));
        }

        if (outcome is not null)
        {
            if (!string.Equals(status, "Closed", StringComparison.OrdinalIgnoreCase) || !string.Equals(substatus, outcome, StringComparison.OrdinalIgnoreCase))
            {
                ops.Add(("/status", "Closed"));
                ops.Add(("/substatus", outcome));
            }
        }
        else if (string.Equals(status, "New", StringComparison.OrdinalIgnoreCase))
        {
            ops.Add(("/status", "Active"));
            ops.Add(("/substatus", "Accepted"));
        }

        if (ops.Count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (path, value) in ops)
            {
                writer.WriteStartObject();
                writer.WriteString("op", "replace");
                writer.WriteString("path", path);
                writer.WriteString("value", value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>
/// Sends the queued write-backs: reads the referral (its ETag), patches <c>externalReferenceId</c> (a CRM record id, or the SDK's own
/// profile id into an empty field when no CRM record id came within the delay) and the status of a <c>New</c> referral
/// with <c>If-Match</c>, reads again and retries once when the API answers 412, and retries transient failures with back-off
/// (<c>Retry-After</c> when given). A write-back that still fails is logged with the referral and record ids and the API's ids; it is not
/// journaled: the lead itself is delivered either way.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "The client belongs to the reader, disposed by its service.")]
internal sealed partial class PartnerCenterWriteBackService(
    PartnerCenterWriteBack writeBack,
    PartnerCenterClient client,
    TimeProvider time,
    ILogger logger,
    IFollowUpStore? followUp = null,
    ILeadDeduplicationStore? profiles = null,
    TimeSpan? mirrorInterval = null) : BackgroundService
{
    internal const int MaxAttempts = 5;

    /// <summary>The outcomes queued already (profile, offer, time, kind), so that each is mirrored once per process; a referral that says it already is not patched again.</summary>
    private readonly HashSet<(CustomerProfileId, MarketplaceOffer, DateTimeOffset, TouchKind)> _mirrored = [];

    /// <summary>
    /// Reads the follow-up log and queues, for each outcome not queued before (won, lost, disqualified; <see cref="PartnerCenterWriteBack.OutcomeOf"/>),
    /// the status write-back of every referral of the touched profile's leads for that offer. Returns how many it queued.
    /// </summary>
    internal async Task<int> MirrorOutcomesAsync(CancellationToken cancellationToken)
    {
        if (followUp is null || profiles is null)
        {
            return 0;
        }

        var queued = 0;
        var log = await followUp.ReadLogAsync(cancellationToken).ConfigureAwait(false);
        foreach (var touch in log.Touches)
        {
            var key = (touch.ProfileId, touch.Offer, touch.At, touch.Kind);
            if (PartnerCenterWriteBack.OutcomeOf(touch.Kind) is not { } outcome || _mirrored.Contains(key))
            {
                continue;
            }

            // The profile as it is now (merged since the touch: the profile holding its first lead).
            var profile = await profiles.FindProfileAsync(touch.ProfileId, cancellationToken).ConfigureAwait(false)
                ?? await profiles.FindProfileByLeadAsync(touch.ProfileId.FirstLeadId, cancellationToken).ConfigureAwait(false);
            _mirrored.Add(key); // only once the profile was read: a failed read is tried again at the next pass
            foreach (var lead in profile?.Leads ?? [])
            {
                if (lead.Offer == touch.Offer && PartnerCenterWriteBack.ReferralIdOf(lead) is { } referral)
                {
                    writeBack.Enqueue(new WriteBackItem(referral, null, "follow-up", outcome));
                    queued++;
                }
            }
        }

        return queued;
    }

    /// <summary>Writes one item back; true when written (or nothing was to write).</summary>
    internal async Task<bool> WriteAsync(WriteBackItem item, CancellationToken cancellationToken)
    {
        var correlation = PartnerCenterClient.NewCorrelationId();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                for (var read = 1; read <= 2; read++)
                {
                    var (body, etag) = await client.GetAsync(item.ReferralId, correlation, cancellationToken).ConfigureAwait(false);
                    var patch = PartnerCenterWriteBack.Patch(body, item.RecordId, item.Outcome, onlyIfEmpty: item.IsProfileId);
                    if (patch is null || await client.PatchAsync(item.ReferralId, patch, etag, correlation, cancellationToken).ConfigureAwait(false))
                    {
                        LogWritten(logger, item.ReferralId, item.What, item.Sink);
                        return true;
                    }
                }

                throw new PartnerCenterException($"Referral {item.ReferralId} changed twice while it was being updated (HTTP 412 to If-Match) (MS-CorrelationId {correlation}).");
            }
            catch (Exception error) when (error is PartnerCenterException or JsonException && !cancellationToken.IsCancellationRequested)
            {
                if (error is not PartnerCenterException { IsTransient: true } || attempt >= MaxAttempts)
                {
                    LogFailed(logger, error, item.ReferralId, item.What, attempt);
                    return false;
                }

                var delay = error is PartnerCenterException { RetryAfter: { } wait } ? wait : TimeSpan.FromSeconds(Math.Pow(2, attempt));
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(SendAsync(stoppingToken), SendProfileIdsAsync(stoppingToken), MirrorAsync(stoppingToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(CancellationToken stoppingToken)
    {
        await foreach (var item in writeBack.Queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            await WriteAsync(item, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes each queued profile id when it is due, unless a CRM record id was queued for its referral meanwhile.</summary>
    private async Task SendProfileIdsAsync(CancellationToken stoppingToken)
    {
        await foreach (var item in writeBack.ProfileIds.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            // Queued in decision order with one delay, so waiting for this one holds back nothing due earlier.
            var wait = item.NotBefore.GetValueOrDefault() - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }

            if (writeBack.HasRecord(item.ReferralId))
            {
                continue; // a CRM named a record for the lead: its id is the one written
            }

            var resolved = item;
            if (item.RecordId is null)
            {
                // A referral read again: its lead's profile as it is now (none without the default pipeline's store).
                var profile = profiles is null || item.Lead is not { } lead ? null : await profiles.FindProfileByLeadAsync(lead, stoppingToken).ConfigureAwait(false);
                if (profile is null)
                {
                    continue;
                }

                resolved = item with { RecordId = profile.Id.ToString() };
            }

            await WriteAsync(resolved, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Mirrors the follow-up outcomes at start and then every interval, on the injected clock.</summary>
    private async Task MirrorAsync(CancellationToken stoppingToken)
    {
        if (followUp is null || profiles is null)
        {
            return;
        }

        var interval = mirrorInterval ?? TimeSpan.FromMinutes(5);
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await MirrorOutcomesAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogMirrorFailed(logger, error, interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(10, LogLevel.Information, "Partner Center referral {ReferralId} now has {What} (from '{Sink}')")]
    private static partial void LogWritten(ILogger logger, string referralId, string what, string sink);

    [LoggerMessage(11, LogLevel.Error, "Partner Center referral {ReferralId} could not be given {What} after {Attempts} attempt(s)")]
    private static partial void LogFailed(ILogger logger, Exception exception, string referralId, string what, int attempts);

    [LoggerMessage(12, LogLevel.Warning, "The follow-up outcomes could not be read for Partner Center's status write-back; tried again in {Interval}")]
    private static partial void LogMirrorFailed(ILogger logger, Exception exception, TimeSpan interval);
}
