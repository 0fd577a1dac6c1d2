using System;

namespace MarketplaceLeads.Reading;

/// <summary>Raised inside a record parser to reject the record; turned into a <see cref="LeadReadError"/> by the parser's entry point, never seen by users.</summary>
internal sealed class RecordRejectedException : Exception
{
    public RecordRejectedException(string reason, string? path, string? field, string? value, long? positionInRecord)
        : base(reason)
    {
        Path = path;
        Field = field;
        Value = value;
        PositionInRecord = positionInRecord;
    }

    public RecordRejectedException()
    {
    }

    public RecordRejectedException(string message)
        : base(message)
    {
    }

    public RecordRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? Path { get; }

    public string? Field { get; }

    public string? Value { get; }

    public long? PositionInRecord { get; }
}
