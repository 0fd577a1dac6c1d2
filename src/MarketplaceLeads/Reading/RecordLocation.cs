namespace MarketplaceLeads.Reading;

/// <summary>Where a record starts in its input, so that errors inside it can name absolute positions.</summary>
/// <param name="Index">The 0-based record index.</param>
/// <param name="ByteOffset">The 0-based byte offset of the record's first byte.</param>
/// <param name="LineNumber">The 1-based line the record starts on.</param>
internal readonly record struct RecordLocation(long Index, long ByteOffset, long LineNumber);
