namespace MarketplaceLeads.FollowUp;

/// <summary>What the sales team did with a customer about an offer, as recorded in a <see cref="FollowUpTouch"/>.</summary>
public enum TouchKind
{
    /// <summary>An e-mail was sent.</summary>
    Emailed = 0,

    /// <summary>The customer was called.</summary>
    Called = 1,

    /// <summary>A meeting was held.</summary>
    Meeting = 2,

    /// <summary>The customer was qualified for the full sales process.</summary>
    Qualified = 3,

    /// <summary>The customer was disqualified (see <see cref="FollowUpTouch.Note"/> for the reason): the offer's follow-up closes.</summary>
    Disqualified = 4,

    /// <summary>The deal was won: the offer's follow-up closes.</summary>
    Won = 5,

    /// <summary>The deal was lost: the offer's follow-up closes.</summary>
    Lost = 6,

    /// <summary>The offer's follow-up was closed without an outcome.</summary>
    Closed = 7,
}
