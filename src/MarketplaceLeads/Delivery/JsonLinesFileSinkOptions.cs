using MarketplaceLeads.Internal;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.Delivery;

/// <summary>Configures the JSON Lines file sink (<c>builder.AddJsonLinesFileSink(o =&gt; o.Path = "leads.jsonl")</c>).</summary>
public sealed class JsonLinesFileSinkOptions
{
    /// <summary>Gets or sets the file to append to; created with its folder if missing. Required.</summary>
    /// <value><see langword="null"/>: must be set.</value>
    [NotEmpty]
    public string? Path { get; set; }

    /// <summary>Gets or sets the size at which the file is rotated: before a batch would make it larger, it is renamed to <c>name.0001.jsonl</c> (then <c>.0002</c>, …) and a new file is started. <see langword="null"/> never rotates.</summary>
    /// <value>64 MiB; at least 1 KiB when set.</value>
    [IntBetween(1024)]
    public long? MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Gets or sets a value indicating whether each batch is flushed through the operating system's cache to the disk (fsync) before the pipeline counts it as delivered.</summary>
    /// <value><see langword="true"/>.</value>
    public bool FlushToDisk { get; set; } = true;

    /// <summary>Gets or sets the sink's name in the pipeline and journal.</summary>
    /// <value><c>jsonl-file</c>.</value>
    [NotEmpty]
    public string Name { get; set; } = "jsonl-file";
}

/// <summary>Validates <see cref="JsonLinesFileSinkOptions"/> (source-generated from its validation attributes, no reflection).</summary>
[OptionsValidator]
internal sealed partial class JsonLinesFileSinkOptionsValidator : IValidateOptions<JsonLinesFileSinkOptions>
{
}
