using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MarketplaceLeads.Testing.Fuzzing;

/// <summary>One distinct failure (by signature) with its first input, the minimal input it was shrunk to, and how often it happened.</summary>
internal sealed class FuzzFailure
{
    public required string Signature { get; init; }

    public required long Iteration { get; init; }

    public required string Origin { get; init; }

    public required string Input { get; init; }

    public required string Error { get; init; }

    public string? MinimalInput { get; set; }

    public long Count { get; set; } = 1;
}

/// <summary>
/// Collects the distinct failures of a target (an unexpected exception type and where it was thrown, or a broken
/// invariant) and reports each with a reproducer: target, seed, iteration, how the input was made, the input as C#
/// text and the minimal input that still fails the same way.
/// </summary>
internal sealed class FuzzFailures
{
    /// <summary>Distinct failures kept with their inputs; later ones are only counted.</summary>
    public const int MaxDistinct = 12;

    private readonly Dictionary<string, FuzzFailure> _bySignature = new(StringComparer.Ordinal);
    private readonly List<FuzzFailure> _inOrder = [];

    public FuzzFailures(string target)
    {
        Target = target;
    }

    public string Target { get; }

    public long Total { get; private set; }

    public int Distinct => _inOrder.Count;

    public IReadOnlyList<FuzzFailure> All => _inOrder;

    /// <summary>Names a failure: the invariant, or the exception type and the first frame of the SDK it went through.</summary>
    public static string SignatureOf(Exception exception)
    {
        if (exception is FuzzInvariantException invariant)
        {
            return "invariant: " + invariant.Invariant;
        }

        var frames = (exception.StackTrace ?? string.Empty).Split('\n').Select(static l => l.Trim()).Where(static l => l.StartsWith("at ", StringComparison.Ordinal)).ToList();
        var frame = frames.FirstOrDefault(static l => l.StartsWith("at MarketplaceLeads.", StringComparison.Ordinal)
                && !l.StartsWith("at MarketplaceLeads.Testing", StringComparison.Ordinal)
                && !l.Contains(".Tests.", StringComparison.Ordinal))
            ?? frames.FirstOrDefault(static l => !l.StartsWith("at System.", StringComparison.Ordinal));
        if (frame is not null)
        {
            var paren = frame.IndexOf('(', StringComparison.Ordinal);
            frame = (paren > 0 ? frame[..paren] : frame)[3..];
        }

        return exception.GetType().FullName + (frame is null ? string.Empty : " at " + frame);
    }

    /// <summary>Records a failure; returns the new failure when its signature is new (so that the caller shrinks its input), else <see langword="null"/>.</summary>
    public FuzzFailure? Add(long iteration, string origin, string input, Exception exception)
    {
        Total++;
        var signature = SignatureOf(exception);
        if (_bySignature.TryGetValue(signature, out var known))
        {
            known.Count++;
            return null;
        }

        if (_inOrder.Count >= MaxDistinct)
        {
            return null;
        }

        var failure = new FuzzFailure
        {
            Signature = signature,
            Iteration = iteration,
            Origin = origin,
            Input = input,
            Error = exception is FuzzInvariantException ? exception.Message : exception.ToString(),
        };
        _bySignature.Add(signature, failure);
        _inOrder.Add(failure);
        return failure;
    }

    /// <summary>Formats every distinct failure as a reproducer.</summary>
    public string Format()
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"Fuzz target {Target}: {Total:N0} failing inputs, {Distinct} distinct failures. Reproduce with {FuzzSettings.Describe()} ({FuzzSettings.ReplayVariable}=<iteration> runs one input).").AppendLine();
        var number = 0;
        foreach (var failure in _inOrder)
        {
            builder.AppendLine();
            builder.Append(CultureInfo.InvariantCulture, $"[{++number}] {failure.Signature} ({failure.Count:N0} inputs)").AppendLine();
            builder.Append(CultureInfo.InvariantCulture, $"    target {Target}, seed {FuzzSettings.Seed}, iteration {failure.Iteration}: {failure.Origin}").AppendLine();
            builder.Append("    input: ").AppendLine(failure.Input);
            if (failure.MinimalInput is { } minimal)
            {
                builder.Append("    minimal input: ").AppendLine(minimal);
            }

            foreach (var line in failure.Error.Split('\n').Take(14))
            {
                builder.Append("    | ").AppendLine(line.TrimEnd());
            }
        }

        return builder.ToString();
    }
}
