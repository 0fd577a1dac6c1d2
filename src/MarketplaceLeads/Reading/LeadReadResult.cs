using System;
using System.Diagnostics.CodeAnalysis;
using MarketplaceLeads.Reading;

namespace MarketplaceLeads;

/// <summary>One record read by a <see cref="LeadReader"/>: a <see cref="Lead"/>, or the <see cref="LeadReadError"/> that says why there is none.</summary>
public readonly struct LeadReadResult : IEquatable<LeadReadResult>
{
    private readonly long _recordIndex;
    private readonly long? _lineNumber;

    /// <summary>Initializes a successful result.</summary>
    /// <param name="lead">The lead.</param>
    /// <exception cref="ArgumentNullException"><paramref name="lead"/> is <see langword="null"/>.</exception>
    public LeadReadResult(Lead lead)
    {
        Lead = lead ?? throw new ArgumentNullException(nameof(lead));
    }

    /// <summary>Initializes a successful result that knows where its record is in the input.</summary>
    internal LeadReadResult(Lead lead, RecordLocation location)
        : this(lead)
    {
        _recordIndex = location.Index;
        _lineNumber = location.LineNumber;
    }

    /// <summary>Initializes a failed result.</summary>
    /// <param name="error">The error.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public LeadReadResult(LeadReadError error)
    {
        Error = error ?? throw new ArgumentNullException(nameof(error));
    }

    /// <summary>Gets the lead; <see langword="null"/> when the record was rejected.</summary>
    public Lead? Lead { get; }

    /// <summary>Gets the error; <see langword="null"/> when the record was read.</summary>
    public LeadReadError? Error { get; }

    /// <summary>Gets the 0-based index of the record in its input (for an error, the same as <see cref="LeadReadError.RecordIndex"/>).</summary>
    public long RecordIndex => Error?.RecordIndex ?? _recordIndex;

    /// <summary>Gets the 1-based line the record starts on, where the format has lines and the reader knows it (for an error, the line of the problem).</summary>
    public long? LineNumber => Error is { } error ? error.LineNumber : _lineNumber;

    /// <summary>Gets a value indicating whether the record was read into <see cref="Lead"/>.</summary>
    [MemberNotNullWhen(true, nameof(Lead))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Lead is not null;

    /// <summary>Compares two results for equality.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    /// <returns><see langword="true"/> when they hold equal leads or equal errors.</returns>
    public static bool operator ==(LeadReadResult left, LeadReadResult right) => left.Equals(right);

    /// <summary>Compares two results for inequality.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(LeadReadResult left, LeadReadResult right) => !left.Equals(right);

    /// <summary>Determines whether this result equals another.</summary>
    /// <param name="other">The other result.</param>
    /// <returns><see langword="true"/> when they hold equal leads or equal errors.</returns>
    public bool Equals(LeadReadResult other) => Equals(Lead, other.Lead) && Equals(Error, other.Error);

    /// <inheritdoc/>
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is LeadReadResult other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Lead, Error);

    /// <inheritdoc/>
    public override string ToString() => IsSuccess ? Lead.ToString() : Error.ToString();
}
