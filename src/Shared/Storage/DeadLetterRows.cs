using System;
using System.Data.Common;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.Storage;

/// <summary>
/// The <c>dead_letters</c> table's columns as the SQLite and PostgreSQL journals both keep them, read back into a
/// <see cref="LeadDeadLetter"/> (a linked source file: each package compiles its own copy). The stores differ only in
/// how they keep a time and a lead's JSON, which the caller reads.
/// </summary>
internal static class DeadLetterRows
{
    /// <summary>Reads every dead letter with its id (ordinal 17) and retry time (ordinal 18), oldest first (<see cref="ILeadDeadLetterStore"/>).</summary>
    public const string SelectAllStored = """
        SELECT kind, reason, occurred_at, sink, attempts, raw_payload, lead_json, channel, record_index, line_number, byte_position,
            json_path, field, value, source_name, exception_type, exception_message, id, retried_at
        FROM dead_letters ORDER BY id
        """;

    /// <summary>Marks a dead letter retried (<c>@id</c>, <c>@at</c>) unless it is already.</summary>
    public const string MarkRetried = "UPDATE dead_letters SET retried_at = @at WHERE id = @id AND retried_at IS NULL";

    /// <summary>Replaces a dead letter's reason (<c>@id</c>, <c>@reason</c>).</summary>
    public const string SetReason = "UPDATE dead_letters SET reason = @reason WHERE id = @id";

    /// <summary>The dead letter in the reader's current row of <see cref="SelectAllStored"/>, with its id and retry time.</summary>
    public static StoredLeadDeadLetter ReadStored(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time, Func<string, Lead> lead) =>
        new(reader.GetInt64(17), Read(reader, time, lead), reader.IsDBNull(18) ? null : time(reader, 18));

    /// <summary>The dead letter in the reader's current row of <see cref="SelectAllStored"/>.</summary>
    /// <param name="reader">The reader, on a row.</param>
    /// <param name="time">Reads the store's time column at an ordinal.</param>
    /// <param name="lead">Reads a lead from its stored JSON.</param>
    /// <returns>The dead letter.</returns>
    public static LeadDeadLetter Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time, Func<string, Lead> lead) => new()
    {
        Kind = Enum.Parse<LeadDeadLetterKind>(reader.GetString(0)),
        Reason = reader.GetString(1),
        OccurredAt = time(reader, 2),
        Sink = Text(reader, 3),
        Attempts = reader.GetInt32(4),
        RawPayload = Text(reader, 5),
        Lead = reader.IsDBNull(6) ? null : lead(reader.GetString(6)),
        ReadError = reader.IsDBNull(7) ? null : new LeadReadError
        {
            Channel = Enum.Parse<LeadChannel>(reader.GetString(7)),
            Reason = reader.GetString(1),
            RecordIndex = Number(reader, 8) ?? 0,
            LineNumber = Number(reader, 9),
            BytePosition = Number(reader, 10),
            JsonPath = Text(reader, 11),
            Field = Text(reader, 12),
            Value = Text(reader, 13),
            SourceName = Text(reader, 14),
            RawText = Text(reader, 5),
        },
        ExceptionType = Text(reader, 15),
        ExceptionMessage = Text(reader, 16),
    };

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static long? Number(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
