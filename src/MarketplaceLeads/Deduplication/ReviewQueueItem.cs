namespace MarketplaceLeads.Deduplication;

/// <summary>A possible duplicate waiting for review, with both profiles as they are now (<see cref="ILeadDeduplicator.GetReviewQueueAsync"/>).</summary>
public sealed class ReviewQueueItem
{
    internal ReviewQueueItem(PossibleDuplicate pair, CustomerProfile first, CustomerProfile second)
    {
        Pair = pair;
        First = first;
        Second = second;
    }

    /// <summary>Gets the pair: its score, reason, the lead that raised it and its <see cref="PossibleDuplicate.Explanation"/>.</summary>
    public PossibleDuplicate Pair { get; }

    /// <summary>Gets the profile <see cref="PossibleDuplicate.First"/>.</summary>
    public CustomerProfile First { get; }

    /// <summary>Gets the profile <see cref="PossibleDuplicate.Second"/>.</summary>
    public CustomerProfile Second { get; }

    /// <summary>Gets a value indicating whether either profile is do-not-contact: accepting the pair would make the other one do-not-contact too, rejecting it keeps a stranger's request off it.</summary>
    public bool DoNotContact => First.DoNotContact || Second.DoNotContact;

    /// <summary>Returns a description without personal data.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"ReviewQueueItem {{ First = {First.Id}, Second = {Second.Id}, Score = {Pair.Score:0.000}, DoNotContact = {DoNotContact} }}");
}
