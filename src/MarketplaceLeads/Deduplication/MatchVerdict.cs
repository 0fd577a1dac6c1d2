using System;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads.Deduplication;

/// <summary>The result of comparing two customers: an outcome, a score, the reason and, for the built-in model, the explanation.</summary>
public readonly struct MatchVerdict : IEquatable<MatchVerdict>
{
    private readonly string? _reason;

    // The built-in model's verdicts keep the comparison (a few bytes) and explain it only when asked.
    private readonly IdentityEvidence? _model;
    private readonly PairComparison _pair;
    private readonly SharedCounts _shared;
    private readonly string? _rule;

    private MatchVerdict(MatchOutcome outcome, double score, string? reason)
    {
        Outcome = outcome;
        Score = score;
        _reason = reason;
    }

    private MatchVerdict(IdentityEvidence model, PairComparison pair, double score, MatchOutcome outcome, SharedCounts shared, string? rule)
    {
        Outcome = outcome;
        Score = score;
        _model = model;
        _pair = pair;
        _shared = shared;
        _rule = rule;
    }

    /// <summary>Gets the verdict "no evidence".</summary>
    public static MatchVerdict NoMatch => default;

    /// <summary>Gets the outcome.</summary>
    public MatchOutcome Outcome { get; }

    /// <summary>Gets the strength of the evidence, from 0 (none) to 1 (certain).</summary>
    public double Score { get; }

    /// <summary>Gets a short, personal-data-free explanation ("same mailbox", "name 0.96, same phone"); <see langword="null"/> for <see cref="NoMatch"/>.</summary>
    public string? Reason => _reason ?? Explanation?.ToString();

    /// <summary>Gets a value indicating whether <see cref="Reason"/> is not <see langword="null"/>, without building the explanation.</summary>
    internal bool HasReason => _reason is not null || _model is not null;

    /// <summary>Gets the full explanation (the match-weight waterfall) of a verdict of the built-in model; <see langword="null"/> for a custom strategy's verdict, which has only its <see cref="Reason"/>.</summary>
    /// <remarks>Built when asked for, from the few bytes of comparison the verdict keeps.</remarks>
    public MatchExplanation? Explanation => _model?.Explain(_pair, _shared, Outcome, _rule);

    /// <summary>Creates a verdict that the two customers are the same person.</summary>
    /// <param name="reason">Why, without personal data.</param>
    /// <param name="score">The strength of the evidence, from 0 to 1.</param>
    /// <returns>The verdict.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty, or <paramref name="score"/> is outside 0 to 1.</exception>
    public static MatchVerdict SamePerson(string reason, double score = 1.0) => Create(MatchOutcome.SamePerson, score, reason);

    /// <summary>Creates a verdict that the two customers may be the same person.</summary>
    /// <param name="score">The strength of the evidence, from 0 to 1.</param>
    /// <param name="reason">Why, without personal data.</param>
    /// <returns>The verdict.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty, or <paramref name="score"/> is outside 0 to 1.</exception>
    public static MatchVerdict PossibleDuplicate(double score, string reason) => Create(MatchOutcome.PossibleDuplicate, score, reason);

    /// <summary>Creates a verdict of the built-in model.</summary>
    internal static MatchVerdict FromEvidence(IdentityEvidence model, PairComparison pair, double weight, MatchOutcome outcome, SharedCounts shared, string? rule = null) =>
        new(model, pair, MatchExplanation.ToProbability(weight), outcome, shared, rule);

    /// <summary>Compares two verdicts.</summary>
    /// <param name="left">The first verdict.</param>
    /// <param name="right">The second verdict.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(MatchVerdict left, MatchVerdict right) => left.Equals(right);

    /// <summary>Compares two verdicts.</summary>
    /// <param name="left">The first verdict.</param>
    /// <param name="right">The second verdict.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(MatchVerdict left, MatchVerdict right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(MatchVerdict other) =>
        Outcome == other.Outcome && Score.Equals(other.Score) && string.Equals(_reason, other._reason, StringComparison.Ordinal)
        && ReferenceEquals(_model, other._model) && _pair == other._pair && _shared == other._shared
        && string.Equals(_rule, other._rule, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MatchVerdict other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Outcome, Score, _reason, _pair);

    /// <inheritdoc/>
    public override string ToString() =>
        Outcome == MatchOutcome.NoMatch ? "NoMatch" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Outcome} {Score:0.000} ({Reason})");

    private static MatchVerdict Create(MatchOutcome outcome, double score, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!(score is >= 0.0 and <= 1.0))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(score), score, "A match score must be between 0 and 1.");
        }

        return new MatchVerdict(outcome, score, reason);
    }
}
