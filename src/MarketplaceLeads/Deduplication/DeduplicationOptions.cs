using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.Deduplication;

/// <summary>Configures de-duplication: which fields the built-in identity model weighs, its thresholds, blocking, survivorship and custom strategies.</summary>
public sealed class DeduplicationOptions : IValidatableObject
{
    private SurvivorshipRules _survivorship = new();
    private List<ILeadMatchStrategy> _strategies = [];

    /// <summary>Gets or sets a value indicating whether the e-mail address counts as evidence (the same mailbox for, different mailboxes against) and finds candidates.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool MatchEmail { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the phone number counts as evidence and finds candidates.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool MatchPhone { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether names may match with typos (Jaro-Winkler), and whether candidates are found by name at the same company or company e-mail domain.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool FuzzyMatching { get; set; } = true;

    /// <summary>Gets or sets the probability from which two customers are merged automatically (the match weight of the built-in model, <c>2^w / (1 + 2^w)</c>), unless a veto applies: different first names, or different mailboxes at one company domain without the full name agreeing.</summary>
    /// <value>Default 0.985 (a match weight just over 6 bits: a pair at exactly 6 bits is left for review); greater than <see cref="PossibleDuplicateThreshold"/> and less than 1. See docs/deduplication.md for the accuracy measured.</value>
    [DoubleBetween(0.5, 0.999999)]
    public double MergeThreshold { get; set; } = 0.985;

    /// <summary>Gets or sets the probability from which two customers who are not merged are reported as a possible duplicate, for review.</summary>
    /// <value>Default 0.2 (a match weight of −2 bits); greater than 0 and less than <see cref="MergeThreshold"/>.</value>
    public double PossibleDuplicateThreshold { get; set; } = 0.2;

    /// <summary>Gets or sets how many profiles may share a blocking key before the key is ignored as not identifying anyone (a switchboard number, a shared <c>test@test.com</c>); bounds the work per lead.</summary>
    /// <value>Default 200; between 2 and 100000.</value>
    [IntBetween(2, 100_000)]
    public int MaxBlockSize { get; set; } = 200;

    /// <summary>Gets or sets the most threads a batch de-duplication (<see cref="LeadDeduplicator.Deduplicate"/>) may use; 1 keeps it on the calling thread. The decisions are the same whatever the value.</summary>
    /// <value>Default <see cref="Environment.ProcessorCount"/> (every core); at least 1. A batch with custom <see cref="Strategies"/>, or of fewer than about 8,000 leads, runs on the calling thread. Incremental de-duplication is not affected.</value>
    [IntBetween(1, int.MaxValue)]
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Gets the rule per field that decides which value survives into a profile.</summary>
    public SurvivorshipRules Survivorship => _survivorship;

    /// <summary>Gets custom strategies, run after the built-in identity model; their verdicts add to its own.</summary>
    public IList<ILeadMatchStrategy> Strategies => _strategies;

    /// <summary>Checks the rules that involve more than one property or the items of a list (the generated validator checks the attributes).</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (!(PossibleDuplicateThreshold > 0 && PossibleDuplicateThreshold < MergeThreshold))
        {
            yield return OptionsRules.Fail<DeduplicationOptions>(nameof(PossibleDuplicateThreshold), $"must be greater than 0 and less than MergeThreshold ({OptionsRules.Text(MergeThreshold)}); it is {OptionsRules.Text(PossibleDuplicateThreshold)}");
        }

        for (var i = 0; i < Strategies.Count; i++)
        {
            if (Strategies[i] is null)
            {
                yield return OptionsRules.Fail<DeduplicationOptions>($"{nameof(Strategies)}[{i}]", "is null");
            }
        }
    }

    /// <summary>Copies the options (the rules too; the strategies by reference), so later changes to these have no effect on the copy.</summary>
    internal DeduplicationOptions Clone()
    {
        var copy = (DeduplicationOptions)MemberwiseClone();
        copy._survivorship = _survivorship.Clone();
        copy._strategies = [.. Strategies];
        return copy;
    }
}

/// <summary>Validates <see cref="DeduplicationOptions"/> (source-generated from its validation attributes and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> rules, no reflection).</summary>
[OptionsValidator]
internal sealed partial class DeduplicationOptionsValidator : IValidateOptions<DeduplicationOptions>
{
}
