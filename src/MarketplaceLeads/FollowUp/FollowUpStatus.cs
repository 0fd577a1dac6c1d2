namespace MarketplaceLeads.FollowUp;

/// <summary>Where the nurture schedule of one customer and offer stands.</summary>
public enum FollowUpStatus
{
    /// <summary>No schedule: the stage is unknown or has no cadence.</summary>
    NotScheduled = 0,

    /// <summary>A touch is planned (see <see cref="OfferFollowUp.NextTouch"/>).</summary>
    Active = 1,

    /// <summary>Every touch of the stage's cadence was recorded: the schedule closed.</summary>
    Completed = 2,

    /// <summary>A touch stayed due longer than <see cref="FollowUpOptions.CloseAfter"/>: the schedule closed.</summary>
    Expired = 3,

    /// <summary>The customer said do not contact (on any lead): nothing is planned, ever.</summary>
    Suppressed = 4,

    /// <summary>A marketplace test lead: nothing is planned.</summary>
    TestLead = 5,

    /// <summary>The customer may be the same person as a do-not-contact customer (a possible duplicate not reviewed yet, see <see cref="DoNotContactHolds"/>): nothing is planned until the pair is reviewed.</summary>
    HeldForReview = 6,
}
