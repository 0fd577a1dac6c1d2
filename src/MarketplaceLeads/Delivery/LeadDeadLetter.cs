using System;

namespace MarketplaceLeads.Delivery;

/// <summary>A lead (or input) the pipeline could not deliver, kept with its raw payload and the reason.</summary>
public sealed record LeadDeadLetter
{
    /// <summary>Gets why the lead was dead-lettered.</summary>
    public required LeadDeadLetterKind Kind { get; init; }

    /// <summary>Gets what went wrong, for a person to read (no customer data in it).</summary>
    public required string Reason { get; init; }

    /// <summary>Gets when the lead was dead-lettered.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Gets the lead; <see langword="null"/> for <see cref="LeadDeadLetterKind.Rejected"/> input that did not become a lead.</summary>
    public Lead? Lead { get; init; }

    /// <summary>Gets the lead's id; <see langword="null"/> when the input did not become a lead.</summary>
    public LeadId? LeadId => Lead?.Id;

    /// <summary>Gets the raw input as received (the marketplace's JSON, a table row as JSON, a CSV record), when known.</summary>
    public string? RawPayload { get; init; }

    /// <summary>Gets the name of the sink that failed (<see cref="LeadDeadLetterKind.DeliveryFailed"/>); otherwise <see langword="null"/>.</summary>
    public string? Sink { get; init; }

    /// <summary>Gets how many delivery attempts were made (0 for rejected input).</summary>
    public int Attempts { get; init; }

    /// <summary>Gets where and why reading failed (<see cref="LeadDeadLetterKind.Rejected"/>); otherwise <see langword="null"/>.</summary>
    public LeadReadError? ReadError { get; init; }

    /// <summary>Gets the full type name of the last exception a sink threw, if any.</summary>
    public string? ExceptionType { get; init; }

    /// <summary>Gets the message of the last exception a sink threw, if any.</summary>
    public string? ExceptionMessage { get; init; }

    /// <summary>Creates the dead letter of a lead a sink (or de-duplication) did not take, with its raw payload.</summary>
    internal static LeadDeadLetter DeliveryFailed(Lead lead, string sink, int attempts, string reason, Exception? error, DateTimeOffset at) => new()
    {
        Kind = LeadDeadLetterKind.DeliveryFailed,
        Reason = reason,
        OccurredAt = at,
        Lead = lead,
        RawPayload = lead.RawPayload,
        Sink = sink,
        Attempts = attempts,
        ExceptionType = error?.GetType().FullName,
        ExceptionMessage = error?.Message,
    };

    /// <summary>Returns a summary without customer data or payload.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() =>
        $"LeadDeadLetter {{ Kind = {Kind}, Lead = {(LeadId is { } id ? id.ToString() : "none")}, Sink = {Sink ?? "none"}, Attempts = {Attempts}, Reason = {Reason} }}";
}
