using System;

namespace MarketplaceLeads;

/// <summary>The exception a <see cref="LeadReader"/> throws under <see cref="LeadReadErrorPolicy.Throw"/>.</summary>
public sealed class LeadReadException : FormatException
{
    /// <summary>Initializes the exception from the error it reports.</summary>
    /// <param name="error">The error.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public LeadReadException(LeadReadError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).ToString())
    {
        Error = error;
    }

    /// <summary>Initializes the exception from the error it reports and the exception that caused it.</summary>
    /// <param name="error">The error.</param>
    /// <param name="innerException">The cause.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public LeadReadException(LeadReadError error, Exception? innerException)
        : base((error ?? throw new ArgumentNullException(nameof(error))).ToString(), innerException)
    {
        Error = error;
    }

    /// <summary>Gets the error: what, where, which value, and the record's raw text.</summary>
    public LeadReadError Error { get; }
}
