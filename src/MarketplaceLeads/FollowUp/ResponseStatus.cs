namespace MarketplaceLeads.FollowUp;

/// <summary>Where a lead's response deadline stands.</summary>
public enum ResponseStatus
{
    /// <summary>No touch yet, and the deadline has not passed (now ≤ <see cref="ResponseDeadline.RespondBy"/>).</summary>
    Due = 0,

    /// <summary>No touch, and the deadline has passed (now &gt; <see cref="ResponseDeadline.RespondBy"/>).</summary>
    Overdue = 1,

    /// <summary>A touch for the offer was recorded by the deadline.</summary>
    Met = 2,

    /// <summary>A touch for the offer was recorded, after the deadline.</summary>
    MetLate = 3,
}
