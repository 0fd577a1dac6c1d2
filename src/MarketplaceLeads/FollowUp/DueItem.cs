using System;
using System.Collections.Generic;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.FollowUp;

/// <summary>
/// One row of a <see cref="DueList"/>: what to do now for one customer and one offer (a reply to their open requests, or the
/// next nurture touch), with who they are and how to reach them.
/// </summary>
/// <remarks>Holds personal data (name, e-mail, phone, notes); <see cref="ToString"/> prints none.</remarks>
public sealed record DueItem
{
    /// <summary>Gets what to do: <see cref="FollowUpTaskKind.Respond"/> (reply to the open requests) or <see cref="FollowUpTaskKind.Touch"/> (the next nurture touch).</summary>
    public required FollowUpTaskKind Kind { get; init; }

    /// <summary>Gets the customer.</summary>
    public required CustomerProfileId ProfileId { get; init; }

    /// <summary>Gets the offer.</summary>
    public required MarketplaceOffer Offer { get; init; }

    /// <summary>Gets the offer's title as the marketplace sent it, or <see langword="null"/>.</summary>
    public string? OfferTitle { get; init; }

    /// <summary>Gets the furthest funnel stage reached on the offer.</summary>
    public required FunnelStage Stage { get; init; }

    /// <summary>Gets when the row is due: the earliest deadline of the open requests it answers, or the touch's due time.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Gets a value indicating whether <see cref="DueAt"/> has passed (for a reply: every open request is past its deadline).</summary>
    public required bool IsOverdue { get; init; }

    /// <summary>Gets what the customer did that asks for the reply (or, for a touch, their latest action), in the marketplace's words: <c>Contact me</c>, <c>Test drive</c>, <c>Trial or purchase</c>, <c>Get it now</c> (see <see cref="DueList.ActionName"/>).</summary>
    public required string Action { get; init; }

    /// <summary>Gets the open requests a reply answers (lead ids; repeats of <c>Contact me</c> included): those still on time first, soonest deadline first (the first is the one <see cref="DueAt"/> is for), then the overdue ones, oldest first. Empty for a touch.</summary>
    public required IReadOnlyList<LeadId> Requests { get; init; }

    /// <summary>Gets how many of <see cref="Requests"/> are past their deadline.</summary>
    public required int OverdueRequests { get; init; }

    /// <summary>Gets the touch's number and count, for <see cref="FollowUpTaskKind.Touch"/>; otherwise <see langword="null"/>.</summary>
    public ScheduledTouch? Touch { get; init; }

    /// <summary>Gets the customer's phone number in E.164 when it could be normalised, else as sent, or <see langword="null"/>.</summary>
    public string? Phone { get; init; }

    /// <summary>Gets the notes the customer wrote on their leads for the offer (the lead's description), oldest first, without repeats.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Gets the facts a message needs: name, company, title, country, e-mail, offers, stage, days since.</summary>
    public required PersonalizationContext Context { get; init; }

    /// <summary>Gets the outcome of the configured qualification rules for the customer.</summary>
    public required QualificationResult Qualification { get; init; }

    /// <summary>Returns a description without personal data.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"DueItem {{ Kind = {Kind}, ProfileId = {ProfileId}, Offer = {Offer}, DueAt = {DueAt:O}, IsOverdue = {IsOverdue}, Action = {Action}, Requests = {Requests.Count} }}";
}
