using System.Collections.Generic;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>A lead with the truth about who sent it, for measuring identity resolution.</summary>
/// <param name="Lead">The lead, read by <see cref="LeadReader"/> from the wire form the corpus generated.</param>
/// <param name="PersonId">The real person behind the lead: two leads are the same person exactly when these are equal.</param>
/// <param name="Case">The hard case the person was generated for (<c>plain</c>, <c>household</c>, <c>switchboard</c>, <c>namesake</c>, …), so that a measurement can say which kind of pair it gets wrong.</param>
public sealed record LabelledLead(Lead Lead, string PersonId, string Case);

/// <summary>
/// A generator of labelled marketplace leads: people with one or more leads each, with the corruption and the
/// look-alike people that real data has. Deterministic: the same <c>people</c> and <c>seed</c> give the same leads.
/// </summary>
public interface ILabelledCorpus
{
    /// <summary>Gets the corpus's short name (used in test names and in docs/deduplication.md).</summary>
    string Name { get; }

    /// <summary>Gets one sentence on the corpus's design: pools, proportions, what makes it hard.</summary>
    string Description { get; }

    /// <summary>Generates the leads of <paramref name="people"/> people, in arrival order (received time ascending).</summary>
    /// <param name="people">How many people (clusters) to generate.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The leads with their truth.</returns>
    IReadOnlyList<LabelledLead> Generate(int people, int seed);
}
