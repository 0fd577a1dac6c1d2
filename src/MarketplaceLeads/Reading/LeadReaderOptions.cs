using System;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads;

/// <summary>Options of a <see cref="LeadReader"/>: error policy, limits, clock.</summary>
public sealed class LeadReaderOptions
{
    /// <summary>Gets or sets what the reader does with a record it cannot read.</summary>
    /// <value>Default: <see cref="LeadReadErrorPolicy.Throw"/>.</value>
    [DefinedEnum]
    public LeadReadErrorPolicy ErrorPolicy { get; set; } = LeadReadErrorPolicy.Throw;

    /// <summary>Gets or sets the largest record accepted, in bytes (one JSON payload, one JSON Lines line, one CSV record); a larger one is rejected.</summary>
    /// <value>Default: 65,536 (64 KiB), far above any real lead (well under 2 KiB); at least 64.</value>
    [IntBetween(64)]
    public int MaxRecordBytes { get; set; } = 64 * 1024;

    /// <summary>Gets or sets the longest field accepted, in characters; a record with a longer field is rejected.</summary>
    /// <value>Default: 8,192; at least 1.</value>
    [IntBetween(1)]
    public int MaxFieldLength { get; set; } = 8 * 1024;

    /// <summary>Gets or sets the deepest JSON nesting accepted inside a record.</summary>
    /// <value>Default: 16 (a lead payload needs 2); at least 2.</value>
    [IntBetween(2)]
    public int MaxDepth { get; set; } = 16;

    /// <summary>Gets or sets a value indicating whether each lead keeps the text it was read from in <see cref="Lead.RawPayload"/>.</summary>
    /// <value>Default: <see langword="true"/>. Rejected records always keep their raw text.</value>
    public bool KeepRawPayload { get; set; } = true;

    /// <summary>Gets or sets the name of the input (a file name) that errors mention.</summary>
    public string? SourceName { get; set; }

    /// <summary>Gets or sets the clock that stamps <see cref="Lead.ReceivedAt"/>.</summary>
    /// <value>Default: <see cref="TimeProvider.System"/>.</value>
    [NotEmpty]
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

/// <summary>Validates <see cref="LeadReaderOptions"/> (source-generated from its validation attributes, no reflection).</summary>
[OptionsValidator]
internal sealed partial class LeadReaderOptionsValidator : IValidateOptions<LeadReaderOptions>
{
}
