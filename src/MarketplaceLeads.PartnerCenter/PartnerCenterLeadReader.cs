using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Checkpoints;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketplaceLeads.PartnerCenter;

/// <summary>
/// Reads the marketplace leads of Partner Center's Referrals workspace (<c>GET https://api.partner.microsoft.com/v1.0/engagements/referrals</c>):
/// each call reads the referrals updated since the persisted checkpoint, keeps the marketplace leads (<c>type</c> <c>Independent</c>,
/// <c>qualification</c> <c>Direct</c>, invited by <c>msft</c> or nobody), maps each with <see cref="LeadReader.ReadPartnerCenterReferral"/>
/// and moves the checkpoint on. The referral's id is the lead's key, so a referral read again (updated, or after a crash) is the same
/// <see cref="LeadId"/>: the pipeline answers <see cref="LeadSubmitStatus.AlreadyAccepted"/>, never a new lead.
/// </summary>
/// <remarks>
/// <para>
/// <b>How new referrals are found.</b> A pass asks for <c>$filter=qualification eq 'Direct'</c>, <c>$orderby=updatedDateTime desc</c>, <c>$top</c> =
/// <see cref="PartnerCenterReaderOptions.PageSize"/>, follows <c>@odata.nextLink</c> (or <c>$skip</c> when a full page has none), and stops at the
/// first referral updated before the watermark minus <see cref="PartnerCenterReaderOptions.OverlapWindow"/>. Newest first, a referral updated
/// during the pass moves ahead of the pages still to read rather than being skipped; the next pass reads it. Referrals already read are
/// recognised by id and <c>updatedDateTime</c> (the checkpoint's seen set, pruned below the window); the watermark rises only when a pass is
/// complete. The checkpoint is a <see cref="LeadReaderCheckpoint"/> (the table reader's model, any <see cref="ILeadReaderCheckpointStore"/>: seen keys are
/// <c>("referral", id, updatedDateTime)</c>), saved after every page and when a pass ends, however it ends.
/// </para>
/// <para>
/// <b>Poison referrals.</b> A referral the mapper rejects (no id, a value over the limits) is handed out as a <see cref="LeadReadError"/> with its
/// raw JSON, so that <see cref="SubmitNewAsync"/> has the pipeline dead-letter it; it is consumed like any other.
/// </para>
/// <para>Errors of the API are <see cref="PartnerCenterException"/>s that name the request's <c>MS-CorrelationId</c> and <c>MS-RequestId</c>. Passes on one reader run one at a time.</para>
/// </remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "The SemaphoreSlim never creates its wait handle; the client is disposed by Dispose.")]
public sealed class PartnerCenterLeadReader : IDisposable
{
    private const string SeenPartition = "referral";

    private readonly PartnerCenterClient _client;
    private readonly ILeadReaderCheckpointStore _store;
    private readonly PartnerCenterReaderOptions _options;
    private readonly LeadReader _reader;
    private readonly string _sourceName;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Initializes a reader that sends its requests with <paramref name="httpClient"/>.</summary>
    /// <param name="options">The options; copied, later changes do not affect this reader.</param>
    /// <param name="httpClient">The client to send requests with (it should follow no redirects); the reader does not dispose it.</param>
    /// <param name="timeProvider">The clock of tokens and throttling; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="httpClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is missing or invalid; the message names it (never the secret).</exception>
    public PartnerCenterLeadReader(PartnerCenterReaderOptions options, HttpClient httpClient, TimeProvider? timeProvider = null)
        : this(Validate(options), () => httpClient ?? throw new ArgumentNullException(nameof(httpClient)), new ThrottleGates().For(options.ApiUrl), timeProvider ?? TimeProvider.System, NullLogger.Instance)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
    }

    internal PartnerCenterLeadReader(PartnerCenterReaderOptions options, Func<HttpClient> client, ThrottleGate gate, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _client = new PartnerCenterClient(client, options, gate, time, logger);
        _store = options.CheckpointStore ?? new FileLeadReaderCheckpointStore(options.CheckpointDirectory!);
        var source = options.Reader ?? new LeadReaderOptions();
        _sourceName = source.SourceName ?? "partner-center";
        _reader = new LeadReader(new LeadReaderOptions
        {
            ErrorPolicy = LeadReadErrorPolicy.SkipAndReport,
            MaxRecordBytes = source.MaxRecordBytes,
            MaxFieldLength = source.MaxFieldLength,
            MaxDepth = source.MaxDepth,
            KeepRawPayload = source.KeepRawPayload,
            SourceName = _sourceName,
            TimeProvider = source.TimeProvider,
        });
    }

    /// <summary>Gets the name the checkpoint is saved under.</summary>
    public string CheckpointName => _options.CheckpointName;

    /// <summary>Gets how long the hosted reader waits between passes.</summary>
    public TimeSpan PollInterval => _options.PollInterval;

    /// <summary>Gets how many referrals the last pass skipped because they are not marketplace leads (co-sell opportunities, qualified leads).</summary>
    public int SkippedLastPass { get; private set; }

    /// <summary>Gets the client (the write-back and the tests use it).</summary>
    internal PartnerCenterClient Client => _client;

    /// <summary>Reads the marketplace leads updated since the checkpoint, one pass, and moves the checkpoint on for those the caller consumed.</summary>
    /// <param name="cancellationToken">Cancels the pass; what was consumed stays checkpointed.</param>
    /// <returns>One result per new or updated marketplace-lead referral: a lead, or the error with the referral's raw JSON.</returns>
    /// <exception cref="PartnerCenterException">The API cannot be read (the checkpoint keeps what was consumed).</exception>
    /// <exception cref="System.IO.InvalidDataException">The saved checkpoint cannot be read.</exception>
    public async IAsyncEnumerable<LeadReadResult> ReadNewAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var saved = await _store.LoadAsync(_options.CheckpointName, cancellationToken).ConfigureAwait(false);
            var window = new CheckpointWindow<string>(saved?.Watermark, _options.OverlapWindow, StringComparer.Ordinal);
            foreach (var row in saved?.Seen ?? [])
            {
                window.Seen[row.Key] = row.Timestamp;
            }

            var lowerBound = window.LowerBound;
            var correlation = PartnerCenterClient.NewCorrelationId();
            var visited = new HashSet<string>(StringComparer.Ordinal);
            var url = PageUrl(0);
            var skip = 0;
            long index = 0;
            var skipped = 0;
            var dirty = false;
            try
            {
                while (url is not null)
                {
                    if (!visited.Add(url.AbsoluteUri))
                    {
                        throw new PartnerCenterException($"The Partner Center API {_options.ApiUrl.Authority} gave a next page it had given before; the pass stops (MS-CorrelationId {correlation}).");
                    }

                    var page = await _client.ListAsync(url, correlation, cancellationToken).ConfigureAwait(false);
                    var older = false;
                    foreach (var item in page.Referrals)
                    {
                        if (lowerBound is { } bound && item.UpdatedAt is { } updated && updated < bound)
                        {
                            older = true; // newest first: the rest was read by earlier passes
                            break;
                        }

                        if (!item.IsMarketplaceLead)
                        {
                            skipped++;
                            continue;
                        }

                        var key = item.Id ?? RawKey(item.Utf8Json);
                        var stamp = item.UpdatedAt ?? DateTimeOffset.MinValue;
                        if (window.Seen.TryGetValue(key, out var known) && known == stamp)
                        {
                            continue;
                        }

                        yield return Map(item, index++);

                        // The caller asked for more: it has the referral.
                        window.Seen[key] = stamp;
                        dirty = true;
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    if (dirty)
                    {
                        await SaveAsync(window, cancellationToken).ConfigureAwait(false);
                        dirty = false;
                    }

                    skip += page.Referrals.Count;
                    url = older ? null : page.NextLink ?? (page.Referrals.Count >= _options.PageSize ? PageUrl(skip) : null);
                }

                // The pass is complete: every referral updated at or after the old lower bound is in the seen set.
                dirty = window.Complete(saved?.Watermark) || dirty;
                SkippedLastPass = skipped;
            }
            finally
            {
                if (dirty)
                {
                    await SaveAsync(window, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads the marketplace leads updated since the checkpoint and submits each to <paramref name="processor"/>; a referral counts as done (checkpointed) once the pipeline accepted it, already had it, or dead-lettered it as unreadable.</summary>
    /// <param name="processor">The pipeline.</param>
    /// <param name="cancellationToken">Cancels the pass; what was submitted stays checkpointed.</param>
    /// <returns>The number of referrals submitted. The pass stops early, without consuming the referral, when the pipeline answers <see cref="LeadSubmitStatus.QueueFull"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="processor"/> is <see langword="null"/>.</exception>
    /// <exception cref="PartnerCenterException">The API cannot be read.</exception>
    public Task<int> SubmitNewAsync(ILeadPipeline processor, CancellationToken cancellationToken = default) => SubmitNewTellingAsync(processor, null, cancellationToken);

    /// <summary>As <see cref="SubmitNewAsync"/>, telling <paramref name="submitted"/> each referral consumed and the pipeline's answer.</summary>
    internal Task<int> SubmitNewTellingAsync(ILeadPipeline processor, Action<LeadReadResult, LeadSubmitResult>? submitted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processor);
        return CheckpointedSubmit.SubmitAsync(ReadNewAsync(cancellationToken), processor, cancellationToken, submitted);
    }

    /// <summary>
    /// Writes this SDK's id for the customer of a lead read from Partner Center — <paramref name="profileId"/>, the profile the lead is in —
    /// into its referral's <c>externalReferenceId</c> when that field is empty, and makes a <c>New</c> referral <c>Active</c>/<c>Accepted</c>:
    /// the write-back of <see cref="PartnerCenterReaderOptions.WriteProfileId"/> for one referral, for a one-shot import. The referral is read
    /// for its ETag and patched with <c>If-Match</c> (read again after a 412); transient failures are retried with back-off or <c>Retry-After</c>.
    /// </summary>
    /// <param name="lead">A lead of <see cref="LeadChannel.PartnerCenter"/> (its referral id is <c>AdditionalProperties["id"]</c>).</param>
    /// <param name="profileId">The lead's customer profile.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when the referral holds an id now (written, or it had one already); <see langword="false"/> when the write failed (logged with the referral id and the request ids).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lead"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="lead"/> was not read from a Partner Center referral.</exception>
    public Task<bool> WriteProfileIdAsync(Lead lead, CustomerProfileId profileId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var referral = PartnerCenterWriteBack.ReferralIdOf(lead)
            ?? throw new ArgumentException($"Lead {lead.Id} was not read from a Partner Center referral (channel {lead.Channel}, no referral id): it has no referral to write to.", nameof(lead));
        return WriteProfileIdAsync(referral, profileId, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();

    private async Task<bool> WriteProfileIdAsync(string referral, CustomerProfileId profileId, CancellationToken cancellationToken)
    {
        using var service = new PartnerCenterWriteBackService(new PartnerCenterWriteBack(), _client, _time, _logger);
        return await service.WriteAsync(new WriteBackItem(referral, profileId.ToString(), WriteBackItem.ProfileIdSource), cancellationToken).ConfigureAwait(false);
    }

    private static PartnerCenterReaderOptions Validate(PartnerCenterReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OptionsRules.ThrowIfInvalid(new PartnerCenterReaderOptionsValidator(), options.Snapshot());
    }

    /// <summary>The key of a referral without an id: its content, so that it is dead-lettered once, not once per pass.</summary>
    private static string RawKey(byte[] json) => "raw:" + LeadId.FromKey("partner-center-raw", Convert.ToBase64String(json));

    private Uri PageUrl(int skip)
    {
        var query = new StringBuilder("?$filter=")
            .Append(Uri.EscapeDataString("qualification eq 'Direct'"))
            .Append("&$orderby=").Append(Uri.EscapeDataString("updatedDateTime desc"))
            .Append("&$top=").Append(_options.PageSize.ToString(CultureInfo.InvariantCulture));
        if (skip > 0)
        {
            query.Append("&$skip=").Append(skip.ToString(CultureInfo.InvariantCulture));
        }

        return new Uri(_client.Referrals + query.ToString());
    }

    private ValueTask SaveAsync(CheckpointWindow<string> window, CancellationToken cancellationToken)
    {
        var rows = new List<LeadReaderCheckpointKey>(window.Seen.Count);
        foreach (var (key, stamp) in window.Seen)
        {
            rows.Add(new LeadReaderCheckpointKey(SeenPartition, key, stamp));
        }

        return _store.SaveAsync(_options.CheckpointName, new LeadReaderCheckpoint { Watermark = window.Watermark, Seen = rows }, cancellationToken);
    }

    private LeadReadResult Map(ReferralItem item, long index)
    {
        try
        {
            return _reader.ReadPartnerCenterReferral(item.Utf8Json, index);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not expected (the mapper reports bad referrals as errors). Failing the pass would fail every later pass on it: dead-letter it.
            return new LeadReadResult(new LeadReadError
            {
                Channel = LeadChannel.PartnerCenter,
                Reason = "the referral cannot be read: mapping it to a lead failed unexpectedly; the referral is kept as received",
                SourceName = _sourceName,
                RecordIndex = index,
                RawText = Encoding.UTF8.GetString(item.Utf8Json),
            });
        }
    }
}
