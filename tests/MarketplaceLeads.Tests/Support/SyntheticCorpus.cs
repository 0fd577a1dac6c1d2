using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MarketplaceLeads.Testing.Corpora;

namespace MarketplaceLeads.Tests.Support;

/// <summary>The project's first generator (<see cref="SyntheticLeads"/>, Bogus pools, US and Spanish people) as a labelled corpus.</summary>
public sealed class SyntheticCorpus : ILabelledCorpus
{
    /// <inheritdoc/>
    public string Name => "Synthetic";

    /// <inheritdoc/>
    public string Description => "Bogus en pools, US and Spanish phones, 1-4 leads per person; colleagues/relatives (same last name and company) and namesakes 3 % each.";

    /// <inheritdoc/>
    public IReadOnlyList<LabelledLead> Generate(int people, int seed) =>
        new SyntheticLeads(seed).Generate(people)
            .Select(l => new LabelledLead(l.Lead, l.PersonId.ToString(CultureInfo.InvariantCulture), "plain"))
            .ToList();
}
