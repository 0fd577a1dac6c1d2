using MarketplaceLeads.Delivery;
namespace MarketplaceLeads.Http;

/// <summary>
/// Names the webhook sink's wire format: the body's schema and the headers it sends, for receivers written in .NET.
/// </summary>
/// <remarks>
/// A request is <c>POST</c> with <c>Content-Type: application/json; charset=utf-8</c> and the body
/// <c>{"schema":"marketplace-leads/webhook@1","deliveries":[ … ]}</c>, where each element is a <see cref="LeadDeliveryJson"/> record
/// (<c>marketplace-leads/delivery@1</c>). Any 2xx answer means the receiver has the batch. After a review (an accept or a
/// split) the sink posts the profile changes in a request of their own: <c>"deliveries"</c> is empty and
/// <c>"profileChanges"</c> holds <see cref="ProfileChangeJson"/> records (<c>marketplace-leads/profile-change@1</c>); its
/// <see cref="IdempotencyKeyHeader"/> is the SHA-256 of <c>profile-change:</c> and the changes' sequences. A receiver that
/// does not know <c>"profileChanges"</c> sees an empty batch.
/// </remarks>
public static class WebhookFormat
{
    /// <summary>The schema name and version in the body's <c>schema</c> property.</summary>
    public const string Schema = "marketplace-leads/webhook@1";

    /// <summary>The header that identifies the batch: the lowercase hex SHA-256 of the 16-byte lead ids of the request's deliveries, in order.</summary>
    /// <remarks>The same leads sent again (a retry after a time-out that the receiver had in fact processed) carry the same key, so a receiver can drop the repeat.
    /// Receivers must still be idempotent by <c>leadId</c>: after a refused batch the pipeline sends each lead alone, under a key of its own.</remarks>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The header with the request's signing time in Unix seconds (sent only with <see cref="WebhookSinkOptions.SigningSecret"/>); it is part of the signed text.</summary>
    public const string TimestampHeader = "X-MarketplaceLeads-Timestamp";

    /// <summary>The header with the request's signature, <c>sha256=&lt;lowercase hex&gt;</c> (sent only with <see cref="WebhookSinkOptions.SigningSecret"/>); see <see cref="WebhookSignature"/>.</summary>
    public const string SignatureHeader = "X-MarketplaceLeads-Signature";

    /// <summary>The prefix of the <see cref="SignatureHeader"/> value that names the algorithm.</summary>
    public const string SignaturePrefix = "sha256=";
}
