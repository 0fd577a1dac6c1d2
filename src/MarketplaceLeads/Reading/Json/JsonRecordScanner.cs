using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace MarketplaceLeads.Reading.Json;

/// <summary>
/// Finds the records of a JSON input — the elements of a top-level array, or a single top-level
/// value — block by block, without materialising them: the caller hands it a buffer, gets back the
/// byte ranges of the records that are complete, and keeps only the bytes of the unfinished one.
/// </summary>
/// <remarks>
/// Positions are absolute (from the start of the input). A record larger than the limit is
/// reported in <see cref="Oversized"/> and skipped; a syntax error ends the scan
/// (<see cref="Failure"/>): JSON cannot be re-synchronised after one.
/// </remarks>
internal sealed class JsonRecordScanner
{
    private readonly int _maxRecordBytes;
    private JsonReaderState _state;
    private bool _started;
    private bool _isArray;
    private bool _skipping;
    private long _countedUpTo;
    private long _line = 1;

    public JsonRecordScanner(int maxRecordBytes)
    {
        _maxRecordBytes = maxRecordBytes;
    }

    /// <summary>Gets the size limit of a record.</summary>
    public int MaxRecordBytes => _maxRecordBytes;

    /// <summary>Makes the scanner as new, for another input (a reader scanning one buffer at a time keeps one per thread).</summary>
    public void Reset()
    {
        _state = default;
        _started = false;
        _isArray = false;
        _skipping = false;
        _countedUpTo = 0;
        _line = 1;
        RecordStart = -1;
        RecordLine = 0;
        RecordCount = 0;
        Done = false;
        IsEmptyInput = false;
        Oversized = null;
        Failure = null;
    }

    /// <summary>Gets the absolute offset of the record being scanned, or -1 between records.</summary>
    public long RecordStart { get; private set; } = -1;

    /// <summary>Gets the 1-based line of <see cref="RecordStart"/>.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Gets the number of records found so far (complete or oversized).</summary>
    public long RecordCount { get; private set; }

    /// <summary>Gets a value indicating whether the top-level array has ended (what follows must be white space: the scan goes on to check it).</summary>
    public bool Done { get; private set; }

    /// <summary>Gets a value indicating whether the input ended holding nothing but white space (no value at all, not even <c>[]</c>).</summary>
    public bool IsEmptyInput { get; private set; }

    /// <summary>Gets or sets the record found to exceed the size limit in the last scan (the caller clears it once reported).</summary>
    public Range? Oversized { get; set; }

    /// <summary>Gets the syntax error that ended the scan, if any.</summary>
    public SyntaxFailure? Failure { get; private set; }

    /// <summary>Scans <paramref name="data"/> (which starts at absolute offset <paramref name="dataOffset"/>) from index <paramref name="resume"/>.</summary>
    /// <returns>The index to resume from in the next scan (bytes before it, and before <see cref="RecordStart"/>, are no longer needed).</returns>
    public int Scan(ReadOnlySpan<byte> data, int resume, long dataOffset, bool isFinalBlock, List<Range> ranges)
    {
        if (Failure is not null || IsEmptyInput)
        {
            return resume;
        }

        if (!_started && isFinalBlock && data[resume..].TrimStart(" \t\r\n"u8).IsEmpty)
        {
            Done = true; // no JSON at all: no records; the caller reports the empty input
            IsEmptyInput = true;
            return data.Length;
        }

        var reader = new Utf8JsonReader(data[resume..], isFinalBlock, _state);
        var origin = dataOffset + resume;
        try
        {
            while (reader.Read())
            {
                var depth = reader.CurrentDepth;
                var token = reader.TokenType;
                if (!_started)
                {
                    _started = true;
                    if (token == JsonTokenType.StartArray)
                    {
                        _isArray = true;
                        continue;
                    }
                }

                var recordDepth = _isArray ? 1 : 0;
                if (_isArray && depth == 0)
                {
                    Done = true; // the closing ']'; anything but white space after it fails a later Read, in this block or the next
                    continue;
                }

                var isEnd = token is JsonTokenType.EndObject or JsonTokenType.EndArray;
                if (_skipping)
                {
                    _skipping = !(depth == recordDepth && isEnd);
                    continue;
                }

                if (RecordStart < 0)
                {
                    RecordStart = origin + reader.TokenStartIndex;
                    RecordLine = LineAt(data, dataOffset, RecordStart);
                    if (token is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                    {
                        Complete(origin + reader.BytesConsumed, ranges);
                    }
                }
                else if (depth == recordDepth && isEnd)
                {
                    Complete(origin + reader.BytesConsumed, ranges);
                }
            }
        }
        catch (JsonException ex)
        {
            var position = origin + reader.BytesConsumed;
            var recordStart = RecordStart >= 0 ? RecordStart : position;
            var recordLine = RecordStart >= 0 ? RecordLine : LineAt(data, dataOffset, position);
            Failure = new SyntaxFailure(string.Create(CultureInfo.InvariantCulture, $"malformed JSON: {JsonErrorText.Describe(ex)} at byte {position}"), position, recordStart, recordLine);
            return resume + (int)reader.BytesConsumed;
        }

        _state = reader.CurrentState;
        var next = resume + (int)reader.BytesConsumed;
        if (RecordStart >= 0 && dataOffset + data.Length - RecordStart > _maxRecordBytes)
        {
            Oversized = new Range(RecordCount++, RecordStart, (int)(dataOffset + data.Length - RecordStart), RecordLine);
            RecordStart = -1;
            _skipping = true;
        }

        LineAt(data, dataOffset, RecordStart >= 0 ? RecordStart : dataOffset + next);
        return next;
    }

    /// <summary>Ends the scan because the input cannot be held in bounded memory (a single token larger than the limit).</summary>
    public void FailTooLarge(long position)
    {
        Failure = new SyntaxFailure(
            $"a single JSON value is larger than {_maxRecordBytes} bytes (LeadReaderOptions.MaxRecordBytes); the input cannot be read further",
            position,
            RecordStart >= 0 ? RecordStart : position,
            RecordStart >= 0 ? RecordLine : _line);
    }

    private void Complete(long end, List<Range> ranges)
    {
        ranges.Add(new Range(RecordCount++, RecordStart, (int)(end - RecordStart), RecordLine));
        RecordStart = -1;
    }

    /// <summary>Returns the line of an absolute position, counting line breaks since the last call (positions only move forward).</summary>
    private long LineAt(ReadOnlySpan<byte> data, long dataOffset, long position)
    {
        if (position > _countedUpTo)
        {
            var from = (int)Math.Max(0, _countedUpTo - dataOffset);
            var to = (int)Math.Min(data.Length, position - dataOffset);
            if (to > from)
            {
                _line += data[from..to].Count((byte)'\n');
            }

            _countedUpTo = position;
        }

        return _line;
    }

    /// <summary>A record: its index, absolute start, length in bytes and starting line.</summary>
    public readonly record struct Range(long Index, long Start, int Length, long Line);

    /// <summary>A syntax error: why, where, and where the record it broke started.</summary>
    public sealed record SyntaxFailure(string Reason, long Position, long RecordStart, long RecordLine);
}
