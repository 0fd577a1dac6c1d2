using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads.Deduplication;

/// <summary>Configures de-duplication: which built-in strategies run, the fuzzy thresholds, blocking and survivorship.</summary>
public sealed class DeduplicationOptions : ISelfValidatingOptions
{
    private SurvivorshipRules _survivorship = new();
    private List<ILeadMatchStrategy> _strategies = [];

    /// <summary>Gets or sets a value indicating whether leads with the same mailbox (provider-aware e-mail identity) merge automatically.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool MatchEmail { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether leads with the same phone line and last name merge automatically.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool MatchPhoneAndLastName { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether fuzzy matching (similar names with agreeing company, phone, e-mail domain or country) reports possible duplicates.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool FuzzyMatching { get; set; } = true;

    /// <summary>Gets or sets the fuzzy score from which a pair is reported as a possible duplicate.</summary>
    /// <value>Default 0.75; between 0.5 and 1.</value>
    [Range(0.5, 1.0)]
    public double PossibleDuplicateThreshold { get; set; } = 0.75;

    /// <summary>Gets or sets the fuzzy score from which a pair is merged automatically, or <see langword="null"/> to never merge on fuzzy evidence alone.</summary>
    /// <value>Default <see langword="null"/>; when set, at least <see cref="PossibleDuplicateThreshold"/> and at most 1. See docs/deduplication.md for the precision measured per threshold.</value>
    [Range(0.5, 1.0)]
    public double? AutoMergeThreshold { get; set; }

    /// <summary>Gets or sets how many profiles may share a blocking key before the key is ignored as not identifying anyone (a switchboard number, a shared <c>test@test.com</c>); bounds the work per lead.</summary>
    /// <value>Default 200; between 2 and 100000.</value>
    [Range(2, 100_000)]
    public int MaxBlockSize { get; set; } = 200;

    /// <summary>Gets the rule per field that decides which value survives into a profile.</summary>
    public SurvivorshipRules Survivorship => _survivorship;

    /// <summary>Gets custom strategies, run after the built-in ones.</summary>
    public IList<ILeadMatchStrategy> Strategies => _strategies;

    /// <summary>Checks the options, naming the property and value at fault.</summary>
    /// <exception cref="ArgumentException">A value is out of range or inconsistent.</exception>
    void ISelfValidatingOptions.Validate() => Validate();

    internal void Validate()
    {
        if (!(PossibleDuplicateThreshold is >= 0.5 and <= 1.0))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(PossibleDuplicateThreshold), PossibleDuplicateThreshold, $"DeduplicationOptions.PossibleDuplicateThreshold must be between 0.5 and 1; it is {PossibleDuplicateThreshold}.");
        }

        if (AutoMergeThreshold is { } merge && !(merge >= PossibleDuplicateThreshold && merge <= 1.0))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(AutoMergeThreshold), merge, $"DeduplicationOptions.AutoMergeThreshold must be between PossibleDuplicateThreshold ({PossibleDuplicateThreshold}) and 1; it is {merge}.");
        }

        if (MaxBlockSize is < 2 or > 100_000)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(MaxBlockSize), MaxBlockSize, $"DeduplicationOptions.MaxBlockSize must be between 2 and 100000; it is {MaxBlockSize}.");
        }

        for (var i = 0; i < Strategies.Count; i++)
        {
            if (Strategies[i] is null)
            {
                ThrowHelper.ThrowArgumentException(nameof(Strategies), $"DeduplicationOptions.Strategies[{i}] is null.");
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

    /// <summary>The strategies to run, built-in first.</summary>
    internal List<ILeadMatchStrategy> BuildStrategies()
    {
        var strategies = new List<ILeadMatchStrategy>();
        if (MatchEmail)
        {
            strategies.Add(new EmailIdentityStrategy());
        }

        if (MatchPhoneAndLastName)
        {
            strategies.Add(new PhoneAndLastNameStrategy());
        }

        if (FuzzyMatching)
        {
            strategies.Add(new FuzzyPersonStrategy(PossibleDuplicateThreshold, AutoMergeThreshold));
        }

        strategies.AddRange(Strategies);
        return strategies;
    }
}
