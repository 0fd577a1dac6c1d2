using System;
using System.Globalization;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Benchmarks;

/// <summary>
/// The leads the de-duplication benchmarks and check run on: the first N leads of the seeded <see cref="SyntheticLeads"/>
/// generator (realistic people with 1 to 4 leads each, about <see cref="LeadsPerPerson"/> on average, and the corruption
/// real leads show). The same count always gives the same leads, and a smaller count gives a prefix of a larger one.
/// </summary>
public static class DeduplicationLeads
{
    /// <summary>The seed of the measured leads.</summary>
    public const int Seed = 20_260_105;

    /// <summary>The mean number of leads <see cref="SyntheticLeads"/> generates per person (0.35 × 1 + 0.30 × 2 + 0.20 × 3 + 0.15 × 4).</summary>
    public const double LeadsPerPerson = 2.15;

    /// <summary>Generates <paramref name="count"/> leads.</summary>
    /// <param name="count">The number of leads; at least 1.</param>
    /// <param name="seed">The seed; <see cref="Seed"/> for the measured leads.</param>
    /// <returns>The first <paramref name="count"/> leads of <c>new SyntheticLeads(seed).Generate(people)</c>.</returns>
    /// <exception cref="InvalidOperationException">The generator made fewer leads than asked for (cannot happen with the 2% margin in practice).</exception>
    public static Lead[] Generate(int count, int seed = Seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);

        // count / 2.15 people give count leads on average; 2% more (many standard deviations at 100,000 leads) make
        // sure there are enough. The generator is sequential, so the extra people only add leads after the first count.
        var people = (int)Math.Ceiling(count / LeadsPerPerson * 1.02) + 16;
        var generated = new SyntheticLeads(seed).Generate(people);
        if (generated.Count < count)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture, $"{people:N0} synthetic people gave {generated.Count:N0} leads; {count:N0} are needed."));
        }

        var leads = new Lead[count];
        for (var i = 0; i < leads.Length; i++)
        {
            leads[i] = generated[i].Lead;
        }

        return leads;
    }
}
