using System.Collections.Generic;
using System.Text;

namespace MarketplaceLeads.Testing.Fuzzing;

/// <summary>One generated input: the value, the iteration that made it and how (seed and mutations), for the reproducer.</summary>
internal sealed record FuzzCase<T>(T Value, long Iteration, string Origin);

/// <summary>
/// The deterministic, seedable mutation engine over bytes: iteration <c>i</c> of a target picks a seed and stacks 1–4
/// mutators chosen at random, all drawn from a generator seeded by (run seed, target, i) alone, so any one input can
/// be regenerated from its iteration number.
/// </summary>
internal sealed class MutationEngine
{
    private readonly IReadOnlyList<Mutator> _mutators;

    public MutationEngine(IReadOnlyList<FuzzSeed> seeds, IReadOnlyList<Mutator> mutators)
    {
        Seeds = seeds;
        _mutators = mutators;
    }

    public IReadOnlyList<FuzzSeed> Seeds { get; }

    /// <summary>Makes the input of one iteration.</summary>
    public FuzzCase<byte[]> Generate(ulong targetSeed, long iteration)
    {
        var random = new FuzzRandom(FuzzRandom.Mix(targetSeed, (ulong)iteration));
        var seed = random.Pick(Seeds);
        var (data, how) = Mutate(random, seed.Data, random.Next(1, 5));
        return new FuzzCase<byte[]>(data, iteration, $"seed '{seed.Name}', {how}");
    }

    /// <summary>Applies <paramref name="count"/> mutators in turn and says which, with their details.</summary>
    public (byte[] Data, string How) Mutate(FuzzRandom random, byte[] data, int count)
    {
        var how = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var mutator = random.Pick(_mutators);
            var mutation = mutator.Apply(random, data, Seeds);
            how.Append(i == 0 ? string.Empty : " then ").Append(mutator.Name);
            if (mutation.Data.Length > Mutators.MaxInputBytes)
            {
                how.Append(" (skipped: too large)");
                continue;
            }

            if (mutation.Detail is { } detail)
            {
                how.Append('(').Append(detail).Append(')');
            }

            data = mutation.Data;
        }

        return (data, how.ToString());
    }
}
