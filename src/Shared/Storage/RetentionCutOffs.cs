using System;

namespace MarketplaceLeads.Storage;

/// <summary>The cut-off times of retention periods, counted back from now (a linked source file: the SQLite and PostgreSQL databases each compile their own copy).</summary>
internal static class RetentionCutOffs
{
    /// <summary>Checks the periods and returns now minus each (<see langword="null"/> keeps what it governs).</summary>
    /// <param name="time">The clock.</param>
    /// <param name="rawPayloads">How long raw payloads are kept.</param>
    /// <param name="deadLetters">How long dead letters are kept.</param>
    /// <returns>The cut-offs.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A period is negative.</exception>
    public static (DateTimeOffset? RawPayloads, DateTimeOffset? DeadLetters) From(TimeProvider time, TimeSpan? rawPayloads, TimeSpan? deadLetters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rawPayloads ?? TimeSpan.Zero, TimeSpan.Zero, nameof(rawPayloads));
        ArgumentOutOfRangeException.ThrowIfLessThan(deadLetters ?? TimeSpan.Zero, TimeSpan.Zero, nameof(deadLetters));
        var now = time.GetUtcNow();
        return (now - rawPayloads, now - deadLetters);
    }
}
