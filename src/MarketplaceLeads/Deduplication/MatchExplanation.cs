using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// One field's part in a match decision: how the two customers compare on it, and what that contributed, as a match
/// weight in bits (log2 of a Bayes factor: +1 doubles the odds that the two are one person, −1 halves them).
/// </summary>
/// <param name="Field">The field, in the lead's terms (<c>Email</c>, <c>Phone</c>, <c>FirstName</c>, <c>LastName</c>, <c>Company</c>, <c>Country</c>).</param>
/// <param name="Comparison">How the values compare, in words and without personal data ("same mailbox", "different mailboxes at one company domain", "nickname").</param>
/// <param name="Weight">The contribution in bits; 0 when either side has no value.</param>
public sealed record MatchEvidence(string Field, string Comparison, double Weight);

/// <summary>
/// Why two customers were judged the same person, possibly the same person, or different people: the prior, each
/// field's comparison and contribution (a match-weight waterfall, as in the Fellegi–Sunter model), the total, the
/// probability it stands for, and the rule that decided. Holds no personal data, so it can be stored and shown.
/// </summary>
public sealed class MatchExplanation : IEquatable<MatchExplanation>
{
    /// <summary>Initializes an explanation.</summary>
    /// <param name="prior">The starting weight, in bits, before any field is compared.</param>
    /// <param name="evidence">The fields' contributions, in the order they were compared.</param>
    /// <param name="outcome">What was decided.</param>
    /// <param name="rule">The rule that decided, in words ("weight 21.3 ≥ merge threshold 8.0", "first names differ: never merged automatically").</param>
    /// <exception cref="ArgumentNullException"><paramref name="evidence"/> or <paramref name="rule"/> is <see langword="null"/>.</exception>
    public MatchExplanation(double prior, IReadOnlyList<MatchEvidence> evidence, MatchOutcome outcome, string rule)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(rule);
        Prior = prior;
        Evidence = evidence;
        Outcome = outcome;
        Rule = rule;
        var weight = prior;
        foreach (var item in evidence)
        {
            weight += item.Weight;
        }

        Weight = weight;
    }

    /// <summary>Gets the starting weight, in bits: the odds that two customers who share a blocking key are one person, before their fields are compared.</summary>
    public double Prior { get; }

    /// <summary>Gets each field's comparison and contribution.</summary>
    public IReadOnlyList<MatchEvidence> Evidence { get; }

    /// <summary>Gets the total match weight in bits: <see cref="Prior"/> plus every contribution.</summary>
    public double Weight { get; }

    /// <summary>Gets the probability the total weight stands for: <c>2^w / (1 + 2^w)</c>.</summary>
    public double Probability => ToProbability(Weight);

    /// <summary>Gets what was decided.</summary>
    public MatchOutcome Outcome { get; }

    /// <summary>Gets the rule that decided, in words.</summary>
    public string Rule { get; }

    /// <summary>Returns a one-line summary: the fields that counted, the total and the probability.</summary>
    /// <returns>The summary, for example <c>same mailbox +13.0, same last name +5.0, first name nickname +3.0 = 12.0 bits (p 0.9998)</c>.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var item in Evidence)
        {
            if (item.Weight == 0)
            {
                continue;
            }

            builder.Append(builder.Length == 0 ? string.Empty : ", ").Append(item.Comparison).Append(' ').Append(Bits(item.Weight));
        }

        builder.Append(builder.Length == 0 ? "no evidence" : string.Empty)
            .Append(CultureInfo.InvariantCulture, $" = {Weight:0.0} bits (p {Probability:0.0000})");
        return builder.ToString();
    }

    /// <summary>Formats the waterfall on several lines: the prior, each field with its contribution and the running total, then the decision.</summary>
    /// <returns>The text, lines separated by <c>\n</c>.</returns>
    public string ToWaterfall()
    {
        var builder = new StringBuilder();
        var running = Prior;
        builder.Append(CultureInfo.InvariantCulture, $"{"prior",-10} {string.Empty,-50} {Bits(Prior),8} {running,8:0.0}\n");
        foreach (var item in Evidence)
        {
            running += item.Weight;
            builder.Append(CultureInfo.InvariantCulture, $"{item.Field,-10} {item.Comparison,-50} {Bits(item.Weight),8} {running,8:0.0}\n");
        }

        builder.Append(CultureInfo.InvariantCulture, $"{"total",-10} {"p " + Probability.ToString("0.0000", CultureInfo.InvariantCulture),-50} {string.Empty,8} {Weight,8:0.0}\n");
        builder.Append(CultureInfo.InvariantCulture, $"{Outcome}: {Rule}");
        return builder.ToString();
    }

    /// <summary>Writes the explanation as JSON (<c>{"prior":-8,"evidence":[{"field":"Email","comparison":"same mailbox","weight":14}],"outcome":"SamePerson","rule":"…"}</c>), for a store to keep it.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("prior", Prior);
            writer.WriteStartArray("evidence");
            foreach (var item in Evidence)
            {
                writer.WriteStartObject();
                writer.WriteString("field", item.Field);
                writer.WriteString("comparison", item.Comparison);
                writer.WriteNumber("weight", item.Weight);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("outcome", Outcome.ToString());
            writer.WriteString("rule", Rule);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads an explanation written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not an explanation's JSON; the message says what is missing or wrong.</exception>
    public static MatchExplanation FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var evidence = new List<MatchEvidence>();
            foreach (var item in Required(root, "evidence", JsonValueKind.Array).EnumerateArray())
            {
                evidence.Add(new MatchEvidence(
                    Required(item, "field", JsonValueKind.String).GetString()!,
                    Required(item, "comparison", JsonValueKind.String).GetString()!,
                    Required(item, "weight", JsonValueKind.Number).GetDouble()));
            }

            var outcomeText = Required(root, "outcome", JsonValueKind.String).GetString();
            if (!Enum.TryParse<MatchOutcome>(outcomeText, ignoreCase: false, out var outcome))
            {
                throw new FormatException($"A match explanation's 'outcome' must be one of {string.Join(", ", Enum.GetNames<MatchOutcome>())}; it is '{outcomeText}'.");
            }

            return new MatchExplanation(Required(root, "prior", JsonValueKind.Number).GetDouble(), evidence, outcome, Required(root, "rule", JsonValueKind.String).GetString()!);
        }
        catch (JsonException ex)
        {
            throw new FormatException("A match explanation is not valid JSON: " + ex.Message, ex);
        }

        static JsonElement Required(JsonElement element, string name, JsonValueKind kind) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == kind
                ? value
                : throw new FormatException($"A match explanation's JSON needs '{name}' as a JSON {kind.ToString().ToLowerInvariant()}.");
    }

    /// <summary>Determines whether another explanation says the same: prior, evidence in order, outcome and rule.</summary>
    /// <param name="other">The other explanation.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(MatchExplanation? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (!Prior.Equals(other.Prior) || Outcome != other.Outcome || !string.Equals(Rule, other.Rule, StringComparison.Ordinal) || Evidence.Count != other.Evidence.Count)
        {
            return false;
        }

        for (var i = 0; i < Evidence.Count; i++)
        {
            if (!Evidence[i].Equals(other.Evidence[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MatchExplanation);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Prior, Outcome, Rule, Evidence.Count);

    /// <summary>The probability a match weight stands for.</summary>
    internal static double ToProbability(double weight) => 1.0 / (1.0 + Math.Pow(2, -weight));

    /// <summary>The match weight a probability stands for.</summary>
    internal static double ToWeight(double probability) => Math.Log2(probability / (1.0 - probability));

    private static string Bits(double weight) =>
        weight == 0 ? "0" : weight.ToString("+0.0;-0.0", CultureInfo.InvariantCulture);
}
