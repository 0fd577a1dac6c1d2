using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using MarketplaceLeads.Internal;
using MarketplaceLeads.Reading;
using MarketplaceLeads.Reading.Csv;
using MarketplaceLeads.Reading.Json;
using MarketplaceLeads.Reading.Referrals;
using MarketplaceLeads.Reading.Tables;

namespace MarketplaceLeads;

/// <summary>
/// Reads leads from every shape the marketplace delivers them in — HTTPS-endpoint JSON (one object
/// or an array), Azure Table entities — and from the SDK's own JSON Lines files, into
/// <see cref="Lead"/> values. Nothing is lost: a record that cannot be read becomes a
/// <see cref="LeadReadError"/> with its raw text, thrown or returned as the
/// <see cref="LeadReaderOptions.ErrorPolicy"/> says.
/// </summary>
/// <remarks>
/// <para>
/// A reader is immutable and thread-safe; create one per configuration and reuse it. The streaming
/// methods hold at most one record (plus a read buffer) in memory, so files of any size are read in
/// bounded memory.
/// </para>
/// <para>
/// Odd input costs no lead: a UTF-8 byte order mark at the start of a body, file or <c>CustomerInfo</c> string
/// is skipped, and a text holding a lone UTF-16 surrogate escape (half an emoji, <c>\ud83d</c>) or invalid UTF-8
/// (a Latin-1 byte) is read with U+FFFD in place of what cannot be decoded, the raw payload kept as received.
/// </para>
/// <para>
/// Whatever the input, the readers throw only <see cref="LeadReadException"/> (under
/// <see cref="LeadReadErrorPolicy.Throw"/>), <see cref="ArgumentNullException"/> for a missing argument,
/// <see cref="OperationCanceledException"/> when cancelled, and the exceptions of the stream being read.
/// </para>
/// </remarks>
public sealed class LeadReader
{
    [ThreadStatic]
    private static JsonRecordScanner? t_scanner;

    [ThreadStatic]
    private static List<JsonRecordScanner.Range>? t_ranges;

    private const int ChunkSize = 64 * 1024;

    private const string EmptyBodyReason = "the body is empty; expected a JSON object or an array of them";

    private readonly LeadReaderOptions _options;
    private readonly HttpsPayloadParser _https;
    private readonly HttpsPayloadParser _jsonLinesPayloads;
    private readonly TableRowMapper _table;
    private readonly ReferralMapper _referrals;
    private readonly RecordRejecter _httpsErrors;
    private readonly RecordRejecter _jsonLinesErrors;
    private readonly RecordRejecter _csvErrors;

    /// <summary>Initializes a reader.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults. They are copied: later changes do not affect this reader.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it, the rule and the value.</exception>
    public LeadReader(LeadReaderOptions? options = null)
    {
        options ??= new LeadReaderOptions();
        _options = OptionsRules.ThrowIfInvalid(new LeadReaderOptionsValidator(), new LeadReaderOptions
        {
            ErrorPolicy = options.ErrorPolicy,
            MaxRecordBytes = options.MaxRecordBytes,
            MaxFieldLength = options.MaxFieldLength,
            MaxDepth = options.MaxDepth,
            KeepRawPayload = options.KeepRawPayload,
            SourceName = options.SourceName,
            TimeProvider = options.TimeProvider,
        });
        _https = new HttpsPayloadParser(_options, LeadChannel.HttpsEndpoint);
        _jsonLinesPayloads = new HttpsPayloadParser(_options, LeadChannel.JsonLines);
        _table = new TableRowMapper(_options);
        _referrals = new ReferralMapper(_options);
        _httpsErrors = new RecordRejecter(_options, LeadChannel.HttpsEndpoint);
        _jsonLinesErrors = new RecordRejecter(_options, LeadChannel.JsonLines);
        _csvErrors = new RecordRejecter(_options, LeadChannel.Csv);
    }

    /// <summary>Reads one HTTPS-endpoint payload: a single JSON object (<c>LeadSource</c>, <c>ActionCode</c>, <c>OfferTitle</c>, <c>Description</c>, <c>UserDetails</c>).</summary>
    /// <param name="utf8Json">The request body, UTF-8.</param>
    /// <returns>The lead, or the error (under <see cref="LeadReadErrorPolicy.SkipAndReport"/>).</returns>
    /// <exception cref="LeadReadException">The payload cannot be read and the policy is <see cref="LeadReadErrorPolicy.Throw"/>.</exception>
    public LeadReadResult ReadHttpsPayload(ReadOnlySpan<byte> utf8Json)
    {
        var bom = BomLength(utf8Json);
        return _https.Parse(utf8Json[bom..], new RecordLocation(0, bom, 1));
    }

    /// <summary>Reads an HTTPS-endpoint body that holds one payload object or a JSON array of them.</summary>
    /// <param name="utf8Json">The body, UTF-8.</param>
    /// <returns>
    /// One result per payload, in order; a syntax error in an array ends it with one error holding the unread rest. An
    /// empty array gives no results; an empty or white-space body gives one error (<c>the body is empty</c>), so that it
    /// can be dead-lettered.
    /// </returns>
    /// <exception cref="LeadReadException">A payload cannot be read and the policy is <see cref="LeadReadErrorPolicy.Throw"/>.</exception>
    public IReadOnlyList<LeadReadResult> ReadHttpsPayloads(ReadOnlySpan<byte> utf8Json)
    {
        // The scanner and its list of record ranges are the thread's, reused call after call (this method runs to its end on
        // one thread and calls nothing that reads a payload); the answer is an array of exactly the results.
        var scanner = t_scanner is { } kept && kept.MaxRecordBytes == _options.MaxRecordBytes ? kept : t_scanner = new JsonRecordScanner(_options.MaxRecordBytes);
        var ranges = t_ranges ??= [];
        scanner.Reset();
        ranges.Clear();
        try
        {
            scanner.Scan(utf8Json, BomLength(utf8Json), 0, isFinalBlock: true, ranges);
            var extra = scanner.Failure is not null || scanner.IsEmptyInput ? 1 : 0;
            var results = new LeadReadResult[ranges.Count + extra];
            for (var i = 0; i < ranges.Count; i++)
            {
                results[i] = ParseRange(utf8Json, 0, ranges[i]);
            }

            if (scanner.Failure is { } failure)
            {
                results[^1] = Failure(utf8Json, 0, failure, scanner);
            }
            else if (scanner.IsEmptyInput)
            {
                results[^1] = EmptyBody();
            }

            return results;
        }
        finally
        {
            ranges.Clear();
        }
    }

    /// <summary>Reads HTTPS-endpoint payloads — one object, or a JSON array of any length — from a stream, in bounded memory.</summary>
    /// <param name="utf8Json">The stream, UTF-8.</param>
    /// <param name="progress">Receives progress after each block read; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>
    /// One result per payload, in order; a syntax error ends the sequence with one error holding the unread rest (up to
    /// <see cref="LeadReaderOptions.MaxRecordBytes"/>), and so does anything but white space after the top-level array,
    /// as in <see cref="ReadHttpsPayloads"/>. An empty array gives no results; an empty or white-space stream gives one
    /// error (<c>the body is empty</c>).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is <see langword="null"/>.</exception>
    /// <exception cref="LeadReadException">A payload cannot be read and the policy is <see cref="LeadReadErrorPolicy.Throw"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IAsyncEnumerable<LeadReadResult> ReadHttpsPayloadsAsync(Stream utf8Json, IProgress<LeadReadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return ReadJsonStreamAsync(utf8Json, progress, cancellationToken);
    }

    /// <summary>Reads an entity of the Azure Table the marketplace writes leads into.</summary>
    /// <param name="entity">The entity's properties by name (as <c>TableEntity</c> of Azure.Data.Tables exposes them).</param>
    /// <param name="recordIndex">The entity's index in what is being read, for errors.</param>
    /// <returns>The lead (id from <c>PartitionKey</c> and <c>RowKey</c>), or the error (under <see cref="LeadReadErrorPolicy.SkipAndReport"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entity"/> is <see langword="null"/>.</exception>
    /// <exception cref="LeadReadException">The entity cannot be read and the policy is <see cref="LeadReadErrorPolicy.Throw"/>.</exception>
    public LeadReadResult ReadTableRow(IReadOnlyDictionary<string, object?> entity, long recordIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return _table.Map(entity, recordIndex);
    }

    /// <summary>
    /// Reads one referral of Partner Center's Referrals API (an item of <c>GET /v1.0/engagements/referrals</c>): the referral's
    /// <c>id</c> is the lead's key, so the same referral read again always has the same <see cref="Lead.Id"/>
    /// (<see cref="LeadId.FromKey"/> of <c>partner-center</c> and the id); <c>referralSource</c> and <c>callToAction</c> give
    /// the source and action, <c>name</c> the offer title, <c>details.notes</c> the description, <c>createdDateTime</c>
    /// <see cref="Lead.CreatedAt"/>, and <c>customerProfile</c> (its first <c>team</c> member, the organisation's name and
    /// country) the customer. Other properties (<c>id</c>, <c>status</c>, <c>updatedDateTime</c>, …) are kept in
    /// <see cref="Lead.AdditionalProperties"/>. The channel is <see cref="LeadChannel.PartnerCenter"/>.
    /// </summary>
    /// <param name="utf8Json">The referral as JSON, UTF-8.</param>
    /// <param name="recordIndex">The referral's index in what is being read, for errors.</param>
    /// <returns>The lead, or the error with the referral's raw JSON (under <see cref="LeadReadErrorPolicy.SkipAndReport"/>): no id, a value over the limits, malformed JSON.</returns>
    /// <exception cref="LeadReadException">The referral cannot be read and the policy is <see cref="LeadReadErrorPolicy.Throw"/>.</exception>
    public LeadReadResult ReadPartnerCenterReferral(ReadOnlySpan<byte> utf8Json, long recordIndex = 0) => _referrals.Map(utf8Json, recordIndex);

    /// <summary>
    /// Reads a JSON Lines stream, one record per line: the SDK's own records
    /// (<c>"schema": "marketplace-leads/lead@1"</c>, written by <see cref="LeadJsonLines"/>) or
    /// HTTPS-endpoint payloads. Blank lines are skipped; a UTF-8 byte order mark at the start of a line is skipped (as by
    /// <see cref="ReadJsonLine"/>). Each line stands alone, so a bad line is
    /// rejected and reading goes on.
    /// </summary>
    /// <param name="utf8JsonLines">The stream, UTF-8.</param>
    /// <param name="progress">Receives progress after each block read; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One result per non-blank line, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8JsonLines"/> is <see langword="null"/>.</exception>
    /// <exception cref="LeadReadException">A line cannot be read and the policy is <see cref="LeadReadErrorPolicy.Throw"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IAsyncEnumerable<LeadReadResult> ReadJsonLinesAsync(Stream utf8JsonLines, IProgress<LeadReadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8JsonLines);
        return ReadJsonLinesCoreAsync(utf8JsonLines, progress, cancellationToken);
    }

    /// <summary>Reads one JSON Lines record (one line, without its line break).</summary>
    /// <param name="utf8Line">The line, UTF-8.</param>
    /// <returns>The lead, or the error (under <see cref="LeadReadErrorPolicy.SkipAndReport"/>).</returns>
    /// <exception cref="LeadReadException">The line cannot be read and the policy is <see cref="LeadReadErrorPolicy.Throw"/>.</exception>
    public LeadReadResult ReadJsonLine(ReadOnlySpan<byte> utf8Line)
    {
        var bom = BomLength(utf8Line);
        return ParseLine(utf8Line[bom..], new RecordLocation(0, bom, 1));
    }

    /// <summary>
    /// Reads a CSV stream (RFC 4180, UTF-8, optional BOM) with a header row: the SDK's own columns
    /// (written by <see cref="LeadCsv"/>, documented in <c>docs/wire-formats.md</c>) or any export
    /// whose headers name the same fields (<c>First Name</c>, <c>Email Address</c>, <c>Job Title</c>,
    /// Partner Center's <c>Referral ID</c>, …), separated by <c>,</c>, <c>;</c> or tabs (detected from
    /// the header). Columns the SDK does not know are kept in <see cref="Lead.AdditionalProperties"/>.
    /// </summary>
    /// <param name="utf8Csv">The stream, UTF-8.</param>
    /// <param name="progress">Receives progress after each block read; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One result per data row, in order; a bad row is rejected and reading goes on (a row whose unclosed quote runs into the next lines is rejected as its first line alone, and those lines are read as rows). A header that cannot be used ends the sequence with one error.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Csv"/> is <see langword="null"/>.</exception>
    /// <exception cref="LeadReadException">A row cannot be read and the policy is <see cref="LeadReadErrorPolicy.Throw"/>.</exception>
    public IAsyncEnumerable<LeadReadResult> ReadCsvAsync(Stream utf8Csv, IProgress<LeadReadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Csv);
        return ReadCsvCoreAsync(utf8Csv, progress, cancellationToken);
    }

    private async IAsyncEnumerable<LeadReadResult> ReadCsvCoreAsync(Stream stream, IProgress<LeadReadProgress>? progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var buffer = new StreamBuffer(ChunkSize);
        var state = new CsvState();
        var pending = new List<LeadReadResult>();
        int recordStart = 0, scan = 0;
        var totalBytes = stream.CanSeek ? stream.Length : (long?)null;
        while (true)
        {
            buffer.Discard(recordStart);
            scan -= recordStart;
            recordStart = 0;
            await buffer.FillAsync(stream, cancellationToken).ConfigureAwait(false);
            var data = buffer.Data;
            if (buffer.Offset == 0 && scan == 0 && data.Length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
            {
                recordStart = scan = 3; // UTF-8 byte order mark
            }

            pending.Clear();
            ScanCsv(buffer.Data, buffer.Offset, ref recordStart, ref scan, buffer.Eof, state, pending);
            foreach (var result in pending)
            {
                yield return result;
            }

            progress?.Report(new LeadReadProgress(buffer.BytesRead, totalBytes, state.Records, state.Rejected));
            if (buffer.Eof || state.Stopped)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Finds the complete records in the buffer (line breaks outside quoted fields end them) and reads
    /// each. The header's first line decides the delimiter. A record that spans lines and is not valid
    /// (a quote opened on its first line swallowed what follows) is not rejected whole: its first line
    /// is, and the lines after it are read again as records, so one bad row never takes the next.
    /// </summary>
    private void ScanCsv(ReadOnlySpan<byte> data, long dataOffset, ref int recordStart, ref int scan, bool eof, CsvState state, List<LeadReadResult> results)
    {
        while (!state.Stopped)
        {
            if (state.Delimiter == 0 && !DetectCsvDelimiter(data, dataOffset, ref recordStart, ref scan, eof, state, results))
            {
                return;
            }

            int recordEnd;
            if (FindCsvRecordEnd(data, ref scan, state))
            {
                recordEnd = scan;
            }
            else if (eof && recordStart < data.Length)
            {
                recordEnd = data.Length;
            }
            else
            {
                if (!state.Skipping && data.Length - recordStart > _options.MaxRecordBytes)
                {
                    var firstLine = data[recordStart..].IndexOf((byte)'\n');
                    if (firstLine >= 0 && firstLine <= _options.MaxRecordBytes && state.Mapper is not null)
                    {
                        // Only an open quoted field runs a record past a line break: it swallowed what follows.
                        RejectCsvFirstLine(data, dataOffset, ref recordStart, ref scan, state, results, $"it is not closed within {_options.MaxRecordBytes} bytes (LeadReaderOptions.MaxRecordBytes)");
                        continue;
                    }

                    var raw = data.Slice(recordStart, _options.MaxRecordBytes);
                    results.Add(CsvReject(raw, state, dataOffset + recordStart, $"the record is longer than {_options.MaxRecordBytes} bytes (LeadReaderOptions.MaxRecordBytes)", null, null, 0));
                    state.Skipping = true;
                }

                if (state.Skipping)
                {
                    state.Line += data[recordStart..].Count((byte)'\n');
                    recordStart = scan = data.Length; // drop what the oversized record has so far
                }

                return;
            }

            var record = data[recordStart..recordEnd];
            var lines = record.Count((byte)'\n');
            if (state.Skipping)
            {
                state.Skipping = false;
            }
            else
            {
                if (!record.IsEmpty && record[^1] == (byte)'\r')
                {
                    record = record[..^1];
                }

                if (!record.Trim(" \t"u8).IsEmpty
                    && ReadCsvRecord(record, dataOffset + recordStart, lines + 1, state, results) is { } invalidAcrossLines)
                {
                    RejectCsvFirstLine(data, dataOffset, ref recordStart, ref scan, state, results, invalidAcrossLines);
                    continue;
                }
            }

            state.Line += lines + 1;
            state.Quote = CsvQuote.FieldStart;
            recordStart = scan = Math.Min(recordEnd + 1, data.Length);
            if (recordEnd == data.Length)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Sets <see cref="CsvState.Delimiter"/> from the header's first line (blank lines before it are
    /// skipped); a header that names no lead column under any delimiter is rejected and ends the read.
    /// </summary>
    /// <returns><see langword="false"/> when the line is not complete yet or the read ended.</returns>
    private bool DetectCsvDelimiter(ReadOnlySpan<byte> data, long dataOffset, ref int recordStart, ref int scan, bool eof, CsvState state, List<LeadReadResult> results)
    {
        while (true)
        {
            var newline = data[recordStart..].IndexOf((byte)'\n');
            if (newline < 0 && !eof && data.Length - recordStart <= _options.MaxRecordBytes)
            {
                scan = recordStart;
                return false;
            }

            var line = newline < 0 ? data[recordStart..] : data.Slice(recordStart, newline);
            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.Trim(" \t"u8).IsEmpty)
            {
                if (newline < 0)
                {
                    recordStart = scan = data.Length;
                    return false;
                }

                state.Line++;
                recordStart = scan = recordStart + newline + 1;
                continue;
            }

            line = line.Length > _options.MaxRecordBytes ? line[.._options.MaxRecordBytes] : line;
            var notUtf8 = CsvLeadMapper.DescribeUtf16(line, dataOffset + recordStart == 0);
            state.Delimiter = notUtf8 is null ? CsvLeadMapper.DetectDelimiter(line) : (byte)0;
            if (state.Delimiter == 0)
            {
                results.Add(CsvReject(line, state, dataOffset + recordStart, "the header row cannot be used: " + (notUtf8 ?? CsvLeadMapper.DescribeUnknownHeader(line)), null, null, 0));
                state.Stopped = true;
                return false;
            }

            scan = recordStart;
            return true;
        }
    }

    /// <summary>
    /// Advances <paramref name="scan"/> to the line break that ends the current record (a <c>"</c>
    /// opens a quoted field only at the start of a field); the quoting state carries over between
    /// blocks in <see cref="CsvState.Quote"/>.
    /// </summary>
    /// <returns><see langword="false"/> when the data ends first (<paramref name="scan"/> is then its length).</returns>
    private static bool FindCsvRecordEnd(ReadOnlySpan<byte> data, ref int scan, CsvState state)
    {
        while (scan < data.Length)
        {
            switch (state.Quote)
            {
                case CsvQuote.Quoted:
                    var quote = data[scan..].IndexOf((byte)'"');
                    if (quote < 0)
                    {
                        scan = data.Length;
                        return false;
                    }

                    scan += quote + 1;
                    state.Quote = CsvQuote.QuoteInQuoted;
                    break;
                case CsvQuote.QuoteInQuoted:
                    // A doubled quote stays in the field; anything else closed it (junk after it is the splitter's to report).
                    state.Quote = data[scan] == (byte)'"' ? CsvQuote.Quoted : CsvQuote.Unquoted;
                    scan += state.Quote == CsvQuote.Quoted ? 1 : 0;
                    break;
                case CsvQuote.FieldStart:
                    state.Quote = data[scan] == (byte)'"' ? CsvQuote.Quoted : CsvQuote.Unquoted;
                    scan += state.Quote == CsvQuote.Quoted ? 1 : 0;
                    break;
                default:
                    var next = data[scan..].IndexOfAny(state.Delimiter, (byte)'\n');
                    if (next < 0)
                    {
                        scan = data.Length;
                        return false;
                    }

                    scan += next;
                    if (data[scan] == (byte)'\n')
                    {
                        return true;
                    }

                    scan++;
                    state.Quote = CsvQuote.FieldStart;
                    break;
            }
        }

        return false;
    }

    /// <summary>Rejects the first line of the record at <paramref name="recordStart"/> (a quote it opened is not closed on it) and goes on after that line.</summary>
    private void RejectCsvFirstLine(ReadOnlySpan<byte> data, long dataOffset, ref int recordStart, ref int scan, CsvState state, List<LeadReadResult> results, string why)
    {
        var lineEnd = recordStart + data[recordStart..].IndexOf((byte)'\n');
        var line = data[recordStart..lineEnd];
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        results.Add(CsvReject(line, state, dataOffset + recordStart, $"a quoted field is not closed on this line ({why}); the lines after it are read as records of their own", null, null, 0));
        state.Line++;
        state.Quote = CsvQuote.FieldStart;
        recordStart = scan = lineEnd + 1;
    }

    /// <summary>Reads one record (the header first), adding the lead or the error to <paramref name="results"/>.</summary>
    /// <returns>
    /// <see langword="null"/>; or, for a data record that spans lines and cannot be split or has the
    /// wrong number of fields, why — nothing is added then, and the caller rejects its first line.
    /// </returns>
    private string? ReadCsvRecord(ReadOnlySpan<byte> record, long offset, int lines, CsvState state, List<LeadReadResult> results)
    {
        if (!System.Text.Unicode.Utf8.IsValid(record))
        {
            results.Add(CsvReject(record, state, offset, state.Mapper is null ? "the header row cannot be used: it is not valid UTF-8" : "the record is not valid UTF-8", null, null, 0));
            state.Stopped |= state.Mapper is null; // the next row must not become the header
            return null;
        }

        if (!CsvRecord.TrySplit(record, state.Delimiter, state.Fields, out var reason, out var errorOffset))
        {
            if (lines > 1 && state.Mapper is not null)
            {
                return reason == CsvRecord.NotClosed
                    ? "it is not closed before the end of the input"
                    : $"read across {lines} lines, the record is not valid: {reason}";
            }

            results.Add(CsvReject(record, state, offset, state.Mapper is null ? "the header row cannot be used: " + reason : reason!, null, null, errorOffset));
            state.Stopped |= state.Mapper is null;
            return null;
        }

        if (state.Mapper is null)
        {
            state.Mapper = CsvLeadMapper.FromHeader(state.Fields, _options, out var headerReason, out var column);
            if (state.Mapper is null)
            {
                results.Add(CsvReject(record, state, offset, "the header row cannot be used: " + headerReason, column, null, 0));
                state.Stopped = true;
            }

            return null;
        }

        if (state.Fields.Count != state.Mapper.FieldCount)
        {
            var count = $"expected {state.Mapper.FieldCount} fields (as in the header), found {state.Fields.Count}";
            if (lines > 1)
            {
                return $"read across {lines} lines, the record is not valid: {count}";
            }

            results.Add(CsvReject(record, state, offset, count, null, null, 0));
            return null;
        }

        var raw = System.Text.Encoding.UTF8.GetString(record);
        try
        {
            results.Add(new LeadReadResult(state.Mapper.ToLead(state.Fields, raw), new RecordLocation(state.Records, offset, state.Line)));
            state.Records++;
        }
        catch (RecordRejectedException ex)
        {
            results.Add(CsvReject(record, state, offset, ex.Message, ex.Field, ex.Value, 0));
        }

        return null;
    }

    private LeadReadResult CsvReject(ReadOnlySpan<byte> record, CsvState state, long offset, string reason, string? field, string? value, int positionInRecord)
    {
        var result = _csvErrors.Reject(record, new RecordLocation(state.Records, offset, state.Line), reason, null, field, value, positionInRecord);
        state.Records++;
        state.Rejected++;
        return result;
    }

    private async IAsyncEnumerable<LeadReadResult> ReadJsonStreamAsync(Stream stream, IProgress<LeadReadProgress>? progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var buffer = new StreamBuffer(ChunkSize);
        var scanner = new JsonRecordScanner(_options.MaxRecordBytes);
        var ranges = new List<JsonRecordScanner.Range>();
        long records = 0, rejected = 0;
        var resume = 0;
        var bomChecked = false;
        var totalBytes = stream.CanSeek ? stream.Length : (long?)null;
        while (true)
        {
            // Keep what an unfinished record needs; drop everything before it.
            var keep = scanner.RecordStart >= 0 ? (int)(scanner.RecordStart - buffer.Offset) : resume;
            buffer.Discard(keep);
            resume -= keep;
            await buffer.FillAsync(stream, cancellationToken).ConfigureAwait(false);
            if (!bomChecked)
            {
                if (!buffer.Eof && buffer.Length < Utf8Bom.Length && Utf8Bom.StartsWith(buffer.Data))
                {
                    continue; // perhaps the start of a byte order mark: read on
                }

                resume = BomLength(buffer.Data);
                bomChecked = true;
            }

            ranges.Clear();
            resume = scanner.Scan(buffer.Data, resume, buffer.Offset, buffer.Eof, ranges);
            foreach (var range in ranges)
            {
                var result = ParseRange(buffer.Data, buffer.Offset, range);
                records++;
                rejected += result.IsSuccess ? 0 : 1;
                yield return result;
            }

            if (scanner.Oversized is { } oversized)
            {
                records++;
                rejected++;
                yield return Oversized(buffer.Data, buffer.Offset, oversized);
                scanner.Oversized = null;
            }

            if (scanner.Failure is null && buffer.Length - resume > (2 * _options.MaxRecordBytes) + ChunkSize)
            {
                scanner.FailTooLarge(buffer.Offset + resume);
            }

            if (scanner.Failure is { } failure)
            {
                var rest = await ReadRestAsync(buffer.Array, buffer.Length, stream, cancellationToken).ConfigureAwait(false);
                records++;
                rejected++;
                progress?.Report(new LeadReadProgress(buffer.BytesRead, totalBytes, records, rejected));
                yield return Failure(rest, buffer.Offset, failure, scanner);
                yield break;
            }

            if (scanner.IsEmptyInput)
            {
                records++;
                rejected++;
                progress?.Report(new LeadReadProgress(buffer.BytesRead, totalBytes, records, rejected));
                yield return EmptyBody();
                yield break;
            }

            progress?.Report(new LeadReadProgress(buffer.BytesRead, totalBytes, records, rejected));
            if (buffer.Eof)
            {
                yield break; // not at the end of the array: what follows it is read, and anything but white space is an error
            }
        }
    }

    private async IAsyncEnumerable<LeadReadResult> ReadJsonLinesCoreAsync(Stream stream, IProgress<LeadReadProgress>? progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var buffer = new StreamBuffer(ChunkSize);
        var pending = new List<LeadReadResult>();
        var state = new LineState();
        var totalBytes = stream.CanSeek ? stream.Length : (long?)null;
        var lineStart = 0;
        while (true)
        {
            buffer.Discard(lineStart);
            var searchFrom = buffer.Length;
            await buffer.FillAsync(stream, cancellationToken).ConfigureAwait(false);
            pending.Clear();
            lineStart = ScanLines(buffer.Data, buffer.Offset, searchFrom, buffer.Eof, state, pending);
            foreach (var result in pending)
            {
                yield return result;
            }

            progress?.Report(new LeadReadProgress(buffer.BytesRead, totalBytes, state.Records, state.Rejected));
            if (buffer.Eof)
            {
                yield break;
            }
        }
    }

    /// <summary>Reads every complete line of the buffer; returns where the unfinished line starts.</summary>
    private int ScanLines(ReadOnlySpan<byte> data, long dataOffset, int searchFrom, bool eof, LineState state, List<LeadReadResult> results)
    {
        var lineStart = 0;
        while (true)
        {
            var newline = data[searchFrom..].IndexOf((byte)'\n');
            int lineEnd;
            if (newline >= 0)
            {
                lineEnd = searchFrom + newline;
            }
            else if (eof && data.Length > lineStart)
            {
                lineEnd = data.Length;
            }
            else
            {
                break;
            }

            if (state.Skipping)
            {
                state.Skipping = false; // the rest of an oversized line, already reported
            }
            else
            {
                var bom = BomLength(data[lineStart..lineEnd]); // at the start of any line, as ReadJsonLine: files joined with cat have one on each
                var line = TrimLine(data[(lineStart + bom)..lineEnd]);
                if (!line.IsEmpty)
                {
                    var result = ParseLine(line, new RecordLocation(state.Records, dataOffset + lineStart + bom, state.Line));
                    state.Records++;
                    state.Rejected += result.IsSuccess ? 0 : 1;
                    results.Add(result);
                }
            }

            state.Line++;
            lineStart = Math.Min(lineEnd + 1, data.Length);
            searchFrom = lineStart;
            if (lineEnd == data.Length)
            {
                break;
            }
        }

        if (!state.Skipping && data.Length - lineStart > _options.MaxRecordBytes)
        {
            // A line longer than the limit: reject it now and drop bytes until its end.
            results.Add(_jsonLinesErrors.Reject(
                data[lineStart..],
                new RecordLocation(state.Records, dataOffset + lineStart, state.Line),
                $"the line is longer than {_options.MaxRecordBytes} bytes (LeadReaderOptions.MaxRecordBytes)",
                null,
                null,
                null,
                0));
            state.Records++;
            state.Rejected++;
            state.Skipping = true;
        }

        return state.Skipping ? data.Length : lineStart;
    }

    private LeadReadResult ParseLine(ReadOnlySpan<byte> line, RecordLocation location)
    {
        if (line.Length > _options.MaxRecordBytes || line.Trim(" \t\r\n"u8).IsEmpty)
        {
            return _jsonLinesPayloads.Parse(line, location); // rejected there, with the payload parser's words
        }

        var repair = JsonTextRepair.Repair(line);
        var json = repair is null ? line : repair.Utf8;
        if (!HasSchemaProperty(json, LeadJsonRecordReader.MaxDepthOf(_options)))
        {
            return _jsonLinesPayloads.Parse(line, repair, location);
        }

        try
        {
            return new LeadReadResult(LeadJsonRecordReader.Read(json, _options), location);
        }
        catch (RecordRejectedException ex)
        {
            return _jsonLinesErrors.Reject(line, location, ex.Message, ex.Path, ex.Field, ex.Value, JsonTextRepair.ToOriginal(repair, ex.PositionInRecord ?? 0));
        }
        catch (JsonException ex)
        {
            return _jsonLinesErrors.RejectMalformed(line, location, "malformed record: ", ex, ex.Path ?? "$", JsonTextRepair.ToOriginal(repair, ex.BytePositionInLine ?? 0));
        }
        catch (InvalidOperationException)
        {
            // Not expected once the line is repaired; a reader must still never throw it.
            return _jsonLinesErrors.Reject(line, location, "a text in the record cannot be decoded", "$", null, null, 0);
        }
    }

    /// <summary>Tells the SDK's own records (a top-level <c>schema</c> property) from HTTPS-endpoint payloads.</summary>
    private static bool HasSchemaProperty(ReadOnlySpan<byte> line, int maxDepth)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("schema"u8))
                {
                    return true;
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Malformed: the payload parser reports it precisely.
        }

        return false;
    }

    private static ReadOnlySpan<byte> TrimLine(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        return line.Trim(" \t"u8) is { IsEmpty: true } ? default : line;
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Returns 3 when <paramref name="data"/> starts with a UTF-8 byte order mark (skipped: Windows tools and some HTTP clients write one), else 0.</summary>
    private static int BomLength(ReadOnlySpan<byte> data) => data.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;

    /// <summary>The error of an empty or white-space body: one record, so that the pipeline dead-letters it and the endpoint answers 400.</summary>
    private LeadReadResult EmptyBody() =>
        _httpsErrors.Reject(ReadOnlySpan<byte>.Empty, new RecordLocation(0, 0, 1), EmptyBodyReason, "$", null, null, 0);

    private LeadReadResult ParseRange(ReadOnlySpan<byte> buffer, long bufferOffset, JsonRecordScanner.Range range) =>
        _https.Parse(
            buffer.Slice((int)(range.Start - bufferOffset), range.Length),
            new RecordLocation(range.Index, range.Start, range.Line));

    private LeadReadResult Oversized(ReadOnlySpan<byte> buffer, long bufferOffset, JsonRecordScanner.Range range) =>
        _httpsErrors.Reject(
            buffer.Slice((int)(range.Start - bufferOffset), Math.Min(range.Length, _options.MaxRecordBytes)),
            new RecordLocation(range.Index, range.Start, range.Line),
            $"the record is larger than {_options.MaxRecordBytes} bytes (LeadReaderOptions.MaxRecordBytes)",
            "$",
            null,
            null,
            0);

    private LeadReadResult Failure(ReadOnlySpan<byte> data, long dataOffset, JsonRecordScanner.SyntaxFailure failure, JsonRecordScanner scanner)
    {
        var from = (int)Math.Clamp(failure.RecordStart - dataOffset, 0, data.Length);
        var rest = data[from..];
        return _httpsErrors.Reject(
            rest.Length > _options.MaxRecordBytes ? rest[.._options.MaxRecordBytes] : rest,
            new RecordLocation(scanner.RecordCount, failure.RecordStart, failure.RecordLine),
            failure.Reason,
            "$",
            null,
            null,
            failure.Position - failure.RecordStart);
    }

    private async System.Threading.Tasks.ValueTask<byte[]> ReadRestAsync(byte[] buffer, int end, Stream stream, CancellationToken cancellationToken)
    {
        // After a syntax error, keep up to MaxRecordBytes of what follows, so the rejected text is not lost.
        var rest = new MemoryStream();
        rest.Write(buffer, 0, end);
        var chunk = new byte[8192];
        while (rest.Length < _options.MaxRecordBytes + end)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            rest.Write(chunk, 0, read);
        }

        return rest.ToArray();
    }

    /// <summary>The state of a CSV read between blocks.</summary>
    private sealed class CsvState
    {
        public List<string?> Fields { get; } = [];

        public CsvLeadMapper? Mapper { get; set; }

        /// <summary>Gets or sets the delimiter the header's first line uses; 0 until it is read.</summary>
        public byte Delimiter { get; set; }

        public CsvQuote Quote { get; set; }

        public bool Skipping { get; set; }

        public bool Stopped { get; set; }

        public long Line { get; set; } = 1;

        public long Records { get; set; }

        public long Rejected { get; set; }
    }

    /// <summary>Where the CSV scanner is in a record.</summary>
    private enum CsvQuote
    {
        /// <summary>At the start of a field: a <c>"</c> here opens a quoted field.</summary>
        FieldStart,

        /// <summary>In an unquoted field: a <c>"</c> is an ordinary character.</summary>
        Unquoted,

        /// <summary>In a quoted field.</summary>
        Quoted,

        /// <summary>Just after a <c>"</c> in a quoted field: a second one is a literal quote, anything else closed the field.</summary>
        QuoteInQuoted,
    }

    /// <summary>The state of a JSON Lines read between blocks.</summary>
    private sealed class LineState
    {
        public bool Skipping { get; set; }

        public long Line { get; set; } = 1;

        public long Records { get; set; }

        public long Rejected { get; set; }
    }
}
