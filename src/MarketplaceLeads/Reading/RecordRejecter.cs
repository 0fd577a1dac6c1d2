using System;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MarketplaceLeads.Internal;
using MarketplaceLeads.Reading.Json;

namespace MarketplaceLeads.Reading;

/// <summary>
/// Turns a rejected record into a <see cref="LeadReadError"/> — reason, position (line and byte from
/// the record's start and the offset in it), the raw text (up to the record limit) — and applies the
/// reader's <see cref="LeadReadErrorPolicy"/>: throw, or return it. Shared by every reader.
/// </summary>
internal sealed class RecordRejecter
{
    private const int ValueQuoteLength = 100;

    private readonly LeadReaderOptions _options;
    private readonly LeadChannel _channel;

    public RecordRejecter(LeadReaderOptions options, LeadChannel channel)
    {
        _options = options;
        _channel = channel;
    }

    public LeadReadResult Reject(ReadOnlySpan<byte> record, RecordLocation location, string reason, string? path, string? field, string? value, long positionInRecord)
    {
        var raw = record.Length > _options.MaxRecordBytes ? record[.._options.MaxRecordBytes] : record;
        var error = new LeadReadError
        {
            Channel = _channel,
            Reason = reason,
            SourceName = _options.SourceName,
            RecordIndex = location.Index,
            LineNumber = location.LineNumber + CountNewLines(record, positionInRecord),
            BytePosition = location.ByteOffset + Math.Clamp(positionInRecord, 0, record.Length),
            JsonPath = path,
            Field = field,
            Value = value,
            RawText = Encoding.UTF8.GetString(raw),
        };
        if (_options.ErrorPolicy == LeadReadErrorPolicy.Throw)
        {
            throw new LeadReadException(error);
        }

        return new LeadReadResult(error);
    }

    internal static string Quote(string value) =>
        ThrowHelper.Quote(value.Length > ValueQuoteLength ? value.AsSpan(0, ValueQuoteLength) : value.AsSpan())
        + (value.Length > ValueQuoteLength ? "…" : string.Empty);

    /// <summary>
    /// Rejects a record System.Text.Json found malformed: <paramref name="prefix"/> (<c>malformed JSON: </c>) and what was
    /// expected in the SDK's words, at which byte (as <see cref="LeadReadError.BytePosition"/>), never the input that
    /// System.Text.Json's message quotes (see <see cref="JsonErrorText"/>).
    /// </summary>
    public LeadReadResult RejectMalformed(ReadOnlySpan<byte> record, RecordLocation location, string prefix, JsonException exception, string? path, long positionInRecord)
    {
        var at = location.ByteOffset + Math.Clamp(positionInRecord, 0, record.Length);
        return Reject(record, location, string.Create(CultureInfo.InvariantCulture, $"{prefix}{JsonErrorText.Describe(exception)} at byte {at}"), path, null, null, positionInRecord);
    }

    private static long CountNewLines(ReadOnlySpan<byte> record, long upTo) =>
        record[..(int)Math.Clamp(upTo, 0, record.Length)].Count((byte)'\n');
}
