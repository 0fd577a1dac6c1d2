using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Data.Tables;
using MarketplaceLeads.Checkpoints;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads.AzureTables;

/// <summary>
/// Reads the Azure Table the marketplace writes leads into: each call reads the rows that are new since the
/// persisted <see cref="LeadReaderCheckpoint"/>, maps each with <see cref="LeadReader.ReadTableRow"/>, and moves the
/// checkpoint on. A row that cannot be mapped is returned as a <see cref="LeadReadError"/> with its raw JSON, never
/// dropped, and is consumed like any other row, so a poison row never stops the rows after it.
/// </summary>
/// <remarks>
/// <para>
/// <b>How new rows are found.</b> The service orders query results by <c>PartitionKey</c> and <c>RowKey</c>, not by
/// time, and assigns <c>Timestamp</c> itself; a row can become visible after rows with a later <c>Timestamp</c>. So a
/// read pass queries <c>Timestamp ge (watermark - OverlapWindow)</c> to its end, skips rows whose key is in the
/// checkpoint's seen set, and only when the pass is complete raises the watermark to the newest <c>Timestamp</c> read
/// and prunes the seen keys older than the new lower bound. A pass cut short (cancelled, failed, caller stopped) keeps
/// the old watermark and the keys it read, so the next pass resumes without skipping or repeating a row.
/// </para>
/// <para>
/// <b>Guarantees.</b> No row is skipped, provided that every row becomes visible to queries no later than
/// <see cref="AzureTableLeadReaderOptions.OverlapWindow"/> (in <c>Timestamp</c> terms) after any row read with a newer
/// <c>Timestamp</c>. No row is returned twice by readers sharing a checkpoint, provided that the process does not stop
/// between handing out a row and saving the checkpoint (saved after every page and when a pass ends, however it
/// ends). After a crash in that gap the rows since the last save are returned again; submitted to the pipeline they
/// get <see cref="LeadSubmitStatus.AlreadyAccepted"/> (the <see cref="LeadId"/> is a hash of <c>PartitionKey</c> and
/// <c>RowKey</c>), so with a durable journal no lead is delivered twice.
/// </para>
/// <para>
/// <b>Poison rows.</b> A row the mapper rejects (malformed <c>CustomerInfo</c>, a value over the limits) is handed out as
/// a <see cref="LeadReadError"/> carrying the row as JSON; <see cref="SubmitNewAsync"/> submits it, so the pipeline
/// dead-letters it, and the watermark moves past it. Should mapping a row fail unexpectedly (a defect), the row is handed
/// out the same way, as an error with the row's JSON, rather than failing the pass: a failing pass would fail again on
/// the same row every time, and no later row would ever be read. A half emoji (a lone surrogate escape) in a text is
/// not a poison row: it is read as U+FFFD.
/// </para>
/// <para>
/// A row counts as consumed when the caller asks for the next one or the sequence ends: a caller that stops enumerating
/// (<c>break</c>, an exception) gets the last row it was handed again next time. Passes on one reader run one at a time.
/// A filter on <c>Timestamp</c> scans the table; a leads table is small, and pages are at most
/// <see cref="AzureTableLeadReaderOptions.PageSize"/> rows.
/// </para>
/// </remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "The SemaphoreSlim never creates its wait handle (AvailableWaitHandle is not used), so it holds nothing to dispose.")]
public sealed class AzureTableLeadReader
{
    private readonly TableClient _table;
    private readonly ILeadReaderCheckpointStore _store;
    private readonly string _checkpointName;
    private readonly int _pageSize;
    private readonly TimeSpan _overlap;
    private readonly LeadReader _reader;
    private readonly string _sourceName;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Initializes a reader.</summary>
    /// <param name="options">The options; copied, later changes do not affect this reader.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is missing or out of range; the message names it.</exception>
    public AzureTableLeadReader(AzureTableLeadReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsRules.ThrowIfInvalid(new AzureTableLeadReaderOptionsValidator(), options);
        _table = options.TableClient ?? new TableClient(options.ConnectionString, options.TableName);
        _store = options.CheckpointStore ?? new FileLeadReaderCheckpointStore(options.CheckpointDirectory!);
        _checkpointName = options.ResolveCheckpointName(_table);
        _pageSize = options.PageSize;
        _overlap = options.OverlapWindow;
        PollInterval = options.PollInterval;
        var source = options.Reader ?? new LeadReaderOptions();
        _sourceName = source.SourceName ?? _table.Name;
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
        MapRow = _reader.ReadTableRow;
    }

    /// <summary>Gets the name the checkpoint is saved under.</summary>
    public string CheckpointName => _checkpointName;

    /// <summary>Gets how long the hosted reader waits between passes.</summary>
    public TimeSpan PollInterval { get; }

    /// <summary>Gets the mapping of a row's properties (and index) to a result: <see cref="LeadReader.ReadTableRow"/>; the tests put a failing one in its place.</summary>
    internal Func<IReadOnlyDictionary<string, object?>, long, LeadReadResult> MapRow { get; init; }

    /// <summary>Reads the rows that are new since the checkpoint, one pass to the end of the table, and moves the checkpoint on for the rows the caller consumed.</summary>
    /// <param name="cancellationToken">Cancels the pass; the rows consumed so far stay checkpointed.</param>
    /// <returns>One result per new row: a lead, or the error with the row's raw JSON.</returns>
    /// <exception cref="RequestFailedException">The table cannot be queried (the checkpoint keeps what was consumed).</exception>
    /// <exception cref="System.IO.InvalidDataException">The saved checkpoint cannot be read.</exception>
    public async IAsyncEnumerable<LeadReadResult> ReadNewAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var saved = await _store.LoadAsync(_checkpointName, cancellationToken).ConfigureAwait(false);
            var window = new CheckpointWindow<(string, string)>(saved?.Watermark, _overlap);
            foreach (var row in saved?.Seen ?? [])
            {
                window.Seen[(row.Partition, row.Key)] = row.Timestamp;
            }

            var dirty = false;
            try
            {
                string? filter = window.LowerBound is { } bound ? Filter(bound) : null;
                long index = 0;
                await foreach (var page in _table.QueryAsync<TableEntity>(filter, _pageSize, select: null, cancellationToken).AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    foreach (var entity in page.Values)
                    {
                        var key = (entity.PartitionKey ?? string.Empty, entity.RowKey ?? string.Empty);
                        if (window.Seen.ContainsKey(key))
                        {
                            continue;
                        }

                        var result = Map(entity, index++);
                        yield return result;

                        // The caller asked for more: it has the row.
                        window.Seen[key] = entity.Timestamp ?? DateTimeOffset.MinValue;
                        dirty = true;
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    if (dirty)
                    {
                        await SaveAsync(window, cancellationToken).ConfigureAwait(false);
                        dirty = false;
                    }
                }

                // The pass is complete: every row at or above the old lower bound is in the seen set.
                dirty = window.Complete(saved?.Watermark) || dirty;
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

    /// <summary>Reads the rows that are new since the checkpoint and submits each to <paramref name="processor"/>; a row counts as done (checkpointed) once the pipeline accepted it, already had it, or dead-lettered it as unreadable.</summary>
    /// <param name="processor">The pipeline.</param>
    /// <param name="cancellationToken">Cancels the pass; what was submitted stays checkpointed.</param>
    /// <returns>The number of rows submitted. The pass stops early, without consuming the row, when the pipeline answers <see cref="LeadSubmitStatus.QueueFull"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="processor"/> is <see langword="null"/>.</exception>
    /// <exception cref="RequestFailedException">The table cannot be queried.</exception>
    public Task<int> SubmitNewAsync(ILeadPipeline processor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(processor);
        return CheckpointedSubmit.SubmitAsync(ReadNewAsync(cancellationToken), processor, cancellationToken);
    }

    /// <summary>Formats the query with the full 100 ns precision of <c>Timestamp</c> (TableClient.CreateQueryFilter drops fractions of a second).</summary>
    private static string Filter(DateTimeOffset from) =>
        "Timestamp ge datetime'" + from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'";

    private ValueTask SaveAsync(CheckpointWindow<(string, string)> window, CancellationToken cancellationToken)
    {
        var rows = new List<LeadReaderCheckpointKey>(window.Seen.Count);
        foreach (var ((partitionKey, rowKey), timestamp) in window.Seen)
        {
            rows.Add(new LeadReaderCheckpointKey(partitionKey, rowKey, timestamp));
        }

        return _store.SaveAsync(_checkpointName, new LeadReaderCheckpoint { Watermark = window.Watermark, Seen = rows }, cancellationToken);
    }

    private LeadReadResult Map(TableEntity entity, long index)
    {
        var properties = new Dictionary<string, object?>(entity.Count, StringComparer.Ordinal);
        foreach (var (name, value) in entity)
        {
            if (!name.StartsWith("odata.", StringComparison.Ordinal))
            {
                properties[name] = value;
            }
        }

        try
        {
            return MapRow(properties, index);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not expected (the mapper reports bad rows as errors). Failing the pass would fail every later pass on this
            // same row, and no row after it would ever be read: hand it out as an error, so it is dead-lettered.
            return new LeadReadResult(new LeadReadError
            {
                Channel = LeadChannel.AzureTable,
                Reason = "the row cannot be read: mapping it to a lead failed unexpectedly; the row is kept as received",
                SourceName = _sourceName,
                RecordIndex = index,
                RawText = RowJson(properties),
            });
        }
    }

    /// <summary>Writes a row's properties as a JSON object, each value as its text, whatever they hold (the raw text of a row that could not be mapped).</summary>
    private static string RowJson(Dictionary<string, object?> properties)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in properties)
            {
                writer.WritePropertyName(Writable(name));
                string? text;
                try
                {
                    text = value switch
                    {
                        null => null,
                        string s => s,
                        byte[] bytes => Convert.ToBase64String(bytes),
                        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
                        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
                        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                        _ => value.ToString(),
                    };
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    text = null;
                }

                if (text is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStringValue(Writable(text));
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Returns the text with each lone surrogate (which <see cref="Utf8JsonWriter"/> refuses) replaced by U+FFFD, as <see cref="Encoding.UTF8"/> does.</summary>
    private static string Writable(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
}
