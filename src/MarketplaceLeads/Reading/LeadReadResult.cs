using System;
using System.Diagnostics.CodeAnalysis;

namespace MarketplaceLeads;

/// <summary>One record read by a <see cref="LeadReader"/>: a <see cref="Lead"/>, or the <see cref="LeadReadError"/> that says why there is none.</summary>
public readonly struct LeadReadResult : IEquatable<LeadReadResult>
{
    /// <summary>Initializes a successful result.</summary>
    /// <param name="lead">The lead.</param>
    /// <exception cref="ArgumentNullException"><paramref name="lead"/> is <see langword="null"/>.</exception>
    public LeadReadResult(Lead lead)
    {
        Lead = lead ?? throw new ArgumentNullException(nameof(lead));
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
