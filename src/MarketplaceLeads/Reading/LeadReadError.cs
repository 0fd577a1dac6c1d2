using System.Globalization;
using System.Text;

namespace MarketplaceLeads;

/// <summary>
/// Why a record could not be read into a <see cref="Lead"/>, where it is, and the record itself,
/// so that nothing is lost: a rejected record can be dead-lettered with its raw text.
/// </summary>
public sealed record LeadReadError
{
    /// <summary>Gets the channel (format) the record was read from.</summary>
    public required LeadChannel Channel { get; init; }

    /// <summary>Gets why the record was rejected, in words.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets the name of the input (a file name), when the reader was told it.</summary>
    public string? SourceName { get; init; }

    /// <summary>Gets the 0-based index of the record in its input.</summary>
    public long RecordIndex { get; init; }

    /// <summary>Gets the 1-based line number of the problem in the input, where the format has lines.</summary>
    public long? LineNumber { get; init; }

    /// <summary>Gets the 0-based byte offset of the problem in the input, where known.</summary>
    public long? BytePosition { get; init; }

    /// <summary>Gets the JSON path of the problem (such as <c>$.UserDetails.Email</c>), for JSON input.</summary>
    public string? JsonPath { get; init; }

    /// <summary>Gets the field the problem is in, where it is in one.</summary>
    public string? Field { get; init; }

    /// <summary>Gets the offending value, truncated to 100 characters.</summary>
    public string? Value { get; init; }

    /// <summary>Gets the raw text of the rejected record (truncated only when it exceeded the reader's record size limit).</summary>
    public string? RawText { get; init; }

    /// <summary>Formats the error as <c>source(line N, byte B): record R, $.path: reason</c>, for logs and exception messages.</summary>
    /// <remarks>The offending value is left out, because it may be customer data (an e-mail address, a name): read it from <see cref="Value"/> where it is safe to show.</remarks>
    /// <returns>The message.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append(SourceName ?? Channel.ToString());
        if (LineNumber is not null || BytePosition is not null)
        {
            builder.Append('(');
            if (LineNumber is { } line)
            {
                builder.Append(CultureInfo.InvariantCulture, $"line {line}");
            }

            if (BytePosition is { } position)
            {
                builder.Append(LineNumber is null ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"byte {position}");
            }

            builder.Append(')');
        }

        builder.Append(CultureInfo.InvariantCulture, $": record {RecordIndex}");
        if (JsonPath is not null)
        {
            builder.Append(", ").Append(JsonPath);
        }
        else if (Field is not null)
        {
            builder.Append(", field ").Append(Field);
        }

        builder.Append(": ").Append(Reason);
        return builder.ToString();
    }
}
