using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;
using System.Threading;
using MarketplaceLeads.Internal;
using MarketplaceLeads.Normalization;

namespace MarketplaceLeads;

/// <summary>
/// A customer lead from the commercial marketplace, read from whichever channel delivered it, with
/// nothing of what was sent lost.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="LeadSource"/> is the parsed <c>LeadSource</c> field. The HTTPS destination can send
/// that field with only a source (<c>"AzureMarketplace"</c>) and the action in <c>ActionCode</c>;
/// such a lead has an empty <see cref="LeadSource"/>, and <see cref="Source"/> and
/// <see cref="Action"/> come from <see cref="LeadSourceText"/> and <see cref="ActionCode"/>.
/// </para>
/// <para>
/// Properties the SDK does not model are kept in <see cref="AdditionalProperties"/>, and the text
/// the lead was read from in <see cref="RawPayload"/>, for audit and dead-lettering.
/// <see cref="ToString"/> prints no personal data.
/// </para>
/// <para>
/// What is odd about a lead that was still read (an action that disagrees with <c>ActionCode</c>, a
/// missing or unreadable <c>LeadSource</c>, an invalid e-mail address, text lost to U+FFFD, …) is
/// listed in <see cref="Warnings"/>, derived from the lead's content.
/// </para>
/// </remarks>
public sealed record Lead
{
    /// <summary>The shared empty <see cref="AdditionalProperties"/>.</summary>
    internal static readonly IReadOnlyDictionary<string, JsonElement> NoProperties =
        new ReadOnlyDictionary<string, JsonElement>(new Dictionary<string, JsonElement>(0));

    private IReadOnlyList<LeadWarning>? _warnings;

    // The raw payload is held as text, or as UTF-8 bytes (valid UTF-8, never changed) decoded into _rawText on the first
    // read of RawPayload: a reader keeps the bytes it received, which take half the memory of the text and no decoding.
    private string? _rawText;
    private byte[]? _rawUtf8;

    /// <summary>Initializes a lead; set its fields with an object initializer.</summary>
    public Lead()
    {
    }

    private Lead(Lead original)
    {
        // `with` copies the fields; the warnings derived from them are recomputed for the copy.
        Id = original.Id;
        LeadSource = original.LeadSource;
        LeadSourceText = original.LeadSourceText;
        ActionCode = original.ActionCode;
        OfferTitle = original.OfferTitle;
        Description = original.Description;
        Customer = original.Customer;
        ReceivedAt = original.ReceivedAt;
        CreatedAt = original.CreatedAt;
        Channel = original.Channel;
        AdditionalProperties = original.AdditionalProperties;
        _rawText = Volatile.Read(ref original._rawText);
        _rawUtf8 = original._rawUtf8;
    }

    /// <summary>Gets the stable identity of the delivered lead (see <see cref="LeadId"/>).</summary>
    public required LeadId Id { get; init; }

    /// <summary>Gets the parsed <c>LeadSource</c> field; empty when the field was absent, held only a source, or could not be parsed (see <see cref="LeadSourceText"/>).</summary>
    public LeadSource LeadSource { get; init; }

    /// <summary>Gets the <c>LeadSource</c> field exactly as sent.</summary>
    public string? LeadSourceText { get; init; }

    /// <summary>Gets the <c>ActionCode</c> field exactly as sent.</summary>
    public string? ActionCode { get; init; }

    /// <summary>Gets the offer's display name (<c>OfferTitle</c> in HTTPS payloads, <c>OfferDisplayName</c> in table rows).</summary>
    public string? OfferTitle { get; init; }

    /// <summary>Gets the customer's notes (<c>Description</c>); for AppSource it can hold a JSON object of URL query parameters such as campaign ids.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the customer.</summary>
    public CustomerInfo Customer { get; init; } = CustomerInfo.Empty;

    /// <summary>Gets when the SDK received or read the lead (from the reader's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Gets when the marketplace created the lead, where the channel says (an Azure Table row's <c>CreatedTime</c>).</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets the channel the lead arrived through.</summary>
    public LeadChannel Channel { get; init; }

    /// <summary>Gets the properties the SDK does not model, keyed by name as sent, with their JSON values.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties { get; init; } = NoProperties;

    /// <summary>Gets the text the lead was read from (a JSON payload, a table row as JSON, a CSV record), for audit and dead-lettering.</summary>
    /// <value>
    /// The text; <see langword="null"/> when none was kept (<see cref="LeadReaderOptions.KeepRawPayload"/>). A reader keeps the
    /// UTF-8 bytes it received (see <see cref="RawPayloadUtf8"/>), and the text is decoded from them on the first read of this
    /// property (once, thread-safe; every later read returns the same string).
    /// </value>
    public string? RawPayload
    {
        get
        {
            var text = Volatile.Read(ref _rawText);
            if (text is null && _rawUtf8 is { } utf8)
            {
                var decoded = Encoding.UTF8.GetString(utf8);
                text = Interlocked.CompareExchange(ref _rawText, decoded, null) ?? decoded;
            }

            return text;
        }

        init
        {
            _rawText = value;
            _rawUtf8 = null;
        }
    }

    /// <summary>Gets the text the lead was read from, as UTF-8: what sinks and journals that write UTF-8 write, without decoding it to <see cref="RawPayload"/> first.</summary>
    /// <value>
    /// The UTF-8 encoding of <see cref="RawPayload"/>: the bytes as received when a reader kept them, else encoded from
    /// <see cref="RawPayload"/> on the first read of this property (once; the text is kept as well). Empty when
    /// <see cref="RawPayload"/> is <see langword="null"/> or empty. Setting it copies the bytes (so the lead stays immutable)
    /// and makes <see cref="RawPayload"/> their text.
    /// </value>
    /// <exception cref="ArgumentException">The value set is not valid UTF-8.</exception>
    public ReadOnlyMemory<byte> RawPayloadUtf8
    {
        get
        {
            var utf8 = Volatile.Read(ref _rawUtf8);
            if (utf8 is null && Volatile.Read(ref _rawText) is { } text)
            {
                var encoded = Encoding.UTF8.GetBytes(text);
                utf8 = Interlocked.CompareExchange(ref _rawUtf8, encoded, null) ?? encoded;
            }

            return utf8;
        }

        init
        {
            if (!System.Text.Unicode.Utf8.IsValid(value.Span))
            {
                ThrowHelper.ThrowArgumentException(nameof(value), "The raw payload is not valid UTF-8; set RawPayload to its text instead.");
            }

            _rawUtf8 = value.ToArray();
            _rawText = null;
        }
    }

    /// <summary>Gets a value indicating whether the lead keeps a raw payload (<see cref="RawPayload"/> is not <see langword="null"/>), without decoding it.</summary>
    internal bool HasRawPayload => _rawUtf8 is not null || Volatile.Read(ref _rawText) is not null;

    /// <summary>
    /// Gets the raw payload's UTF-8 bytes when the lead holds them as bytes, without encoding the text (else
    /// <see langword="null"/>). A reader sets them, unchecked and uncopied: valid UTF-8 in an array no one else holds;
    /// setting <see langword="null"/> changes nothing.
    /// </summary>
    internal byte[]? RawPayloadBytes
    {
        get => _rawUtf8;
        init
        {
            if (value is not null)
            {
                _rawUtf8 = value;
                _rawText = null;
            }
        }
    }

    /// <summary>Gets the marketplace the lead came from: from <see cref="LeadSource"/>, or from <see cref="LeadSourceText"/> when that holds only a source (<c>AzureMarketplace</c>, or a Partner Center name such as <c>Azure Marketplace</c>).</summary>
    public MarketplaceSource Source =>
        !LeadSource.IsEmpty ? LeadSource.Source : KnownNames.ClassifySourceField((LeadSourceText ?? string.Empty).AsSpan().Trim());

    /// <summary>Gets what the customer did, from the action in <see cref="LeadSource"/> and the <see cref="ActionCode"/> field.</summary>
    /// <value>
    /// <para>
    /// <see cref="LeadAction.DoNotContact"/> when either field says do-not-contact: a customer who
    /// asked not to be contacted is never contacted because the other field disagrees.
    /// </para>
    /// <para>
    /// Otherwise the action in <see cref="LeadSource"/> when it is a known one: <c>LeadSource</c> is
    /// the field every lead destination carries (HTTPS endpoint, Azure Table, the CRM connectors),
    /// while <c>ActionCode</c> exists only on some. Otherwise the action of <see cref="ActionCode"/>
    /// (a code such as <c>INS</c>, or a Partner Center call to action such as <c>Contact me</c>), which
    /// is where the HTTPS endpoint puts it when <c>LeadSource</c> holds only a source. Otherwise
    /// <see cref="LeadAction.Unknown"/>.
    /// </para>
    /// <para>
    /// When both fields give an action and they differ, <see cref="Warnings"/> holds a
    /// <see cref="LeadWarningKind.ActionCodeMismatch"/> warning.
    /// </para>
    /// </value>
    public LeadAction Action => ResolveAction(SourceAction, CodeAction);

    /// <summary>Gets what is odd about this lead, derived from its content: an action that disagrees with <c>ActionCode</c>, a missing or unreadable <c>LeadSource</c>, no known action, an invalid e-mail address, phone number or country, or text lost to U+FFFD.</summary>
    /// <value>
    /// The warnings in <see cref="LeadWarningKind"/> order; empty (a shared instance) when there are
    /// none. Computed on first use and cached; a <c>with</c> copy computes its own. A test lead's
    /// customer fields hold the marketplace's placeholders and are not checked. Messages carry no
    /// customer data, so warnings can be logged.
    /// </value>
    public IReadOnlyList<LeadWarning> Warnings
    {
        get
        {
            var warnings = Volatile.Read(ref _warnings);
            if (warnings is null)
            {
                // Benign race: two threads may both compute; the lists are equal.
                warnings = LeadWarningRules.Compute(this);
                Volatile.Write(ref _warnings, warnings);
            }

            return warnings;
        }
    }

    /// <summary>Gets the offer; empty when <see cref="LeadSource"/> is (see <see cref="OfferTitle"/> for its name).</summary>
    public MarketplaceOffer Offer => LeadSource.Offer;

    /// <summary>
    /// Gets the funnel stage the action puts the lead in: <see cref="FunnelStage.Interest"/> for
    /// <see cref="LeadAction.PartnerLedTrial"/> (<i>Contact me</i>), <see cref="FunnelStage.Trial"/> for
    /// <see cref="LeadAction.StartTestDrive"/>, <see cref="FunnelStage.Acquisition"/> for <see cref="LeadAction.Install"/>
    /// and <see cref="LeadAction.Create"/>, <see cref="FunnelStage.Suppressed"/> for <see cref="LeadAction.DoNotContact"/>,
    /// otherwise <see cref="FunnelStage.Unknown"/>.
    /// </summary>
    public FunnelStage Stage => FunnelStages.FromAction(Action);

    /// <summary>
    /// Gets a value indicating whether this is a test lead the marketplace sent when the publisher
    /// saved or validated the lead destination (fields holding <c>MSFT_TEST_</c> and digits). Never
    /// merge a test lead with a real customer.
    /// </summary>
    public bool IsTestLead =>
        Customer.IsTestData || TestLeadDetector.IsTestValue(LeadSourceText) || TestLeadDetector.IsTestValue(Description);

    /// <summary>Determines whether this lead equals another: same id, fields as sent, times and channel (additional properties and raw payload are compared by reference).</summary>
    /// <param name="other">The other lead.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(Lead? other) =>
        other is not null
        && Id == other.Id
        && LeadSource == other.LeadSource
        && string.Equals(LeadSourceText, other.LeadSourceText, StringComparison.Ordinal)
        && string.Equals(ActionCode, other.ActionCode, StringComparison.Ordinal)
        && string.Equals(OfferTitle, other.OfferTitle, StringComparison.Ordinal)
        && string.Equals(Description, other.Description, StringComparison.Ordinal)
        && Customer.Equals(other.Customer)
        && ReceivedAt == other.ReceivedAt
        && CreatedAt == other.CreatedAt
        && Channel == other.Channel
        && ReferenceEquals(AdditionalProperties, other.AdditionalProperties)
        && RawPayloadEquals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Channel, ReceivedAt);

    /// <summary>Gets the action of the <c>LeadSource</c> field; <see cref="LeadAction.Unknown"/> when it has none or an unknown one.</summary>
    internal LeadAction SourceAction => LeadSource.IsEmpty ? LeadAction.Unknown : LeadSource.Action;

    /// <summary>Gets the action of the <c>ActionCode</c> field; <see cref="LeadAction.Unknown"/> when it is absent or unknown.</summary>
    internal LeadAction CodeAction => KnownNames.ClassifyActionField((ActionCode ?? string.Empty).AsSpan().Trim());

    /// <summary>Applies the rule documented on <see cref="Action"/>.</summary>
    internal static LeadAction ResolveAction(LeadAction sourceAction, LeadAction codeAction) =>
        sourceAction == LeadAction.DoNotContact || codeAction == LeadAction.DoNotContact ? LeadAction.DoNotContact
        : sourceAction != LeadAction.Unknown ? sourceAction
        : codeAction;

    // Both byte arrays are valid UTF-8, which encodes every text one way: equal bytes are equal texts, unequal ones unequal texts.
    private bool RawPayloadEquals(Lead other) =>
        _rawUtf8 is { } mine && other._rawUtf8 is { } theirs
            ? mine.AsSpan().SequenceEqual(theirs)
            : string.Equals(RawPayload, other.RawPayload, StringComparison.Ordinal);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id.ToString())
            .Append(", Source = ").Append(Source.ToString())
            .Append(", Action = ").Append(Action.ToString())
            .Append(", Offer = ").Append(Offer.ToString())
            .Append(", Stage = ").Append(Stage.ToString())
            .Append(", Channel = ").Append(Channel.ToString())
            .Append(", IsTestLead = ").Append(IsTestLead ? "True" : "False")
            .Append(", Customer = ").Append(Customer.ToString());
        return true;
    }
}
