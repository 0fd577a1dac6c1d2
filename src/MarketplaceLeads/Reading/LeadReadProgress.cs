namespace MarketplaceLeads;

/// <summary>How far a streaming read has got, reported through <see cref="System.IProgress{T}"/>.</summary>
/// <param name="BytesRead">The bytes read from the stream so far.</param>
/// <param name="TotalBytes">The stream's length, when it can seek; otherwise <see langword="null"/>.</param>
/// <param name="Records">The records read so far, leads and rejected records together.</param>
/// <param name="Rejected">The records rejected so far.</param>
public readonly record struct LeadReadProgress(long BytesRead, long? TotalBytes, long Records, long Rejected);
