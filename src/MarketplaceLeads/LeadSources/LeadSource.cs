using System;
using System.Diagnostics.CodeAnalysis;
using MarketplaceLeads.Internal;
using MarketplaceLeads.LeadSources;
using MarketplaceLeads.Normalization;

namespace MarketplaceLeads;

/// <summary>
/// The <c>LeadSource</c> field every marketplace lead carries: <c>Source-Action | Offer</c>, for
/// example <c>AzureMarketplace-INS | docusign.3701c77e-1cfa-4c56-91e6-3ed0b622145</c>.
/// </summary>
/// <remarks>
/// <para>
/// Parsing is lenient where real data varies: spaces around <c>|</c> and <c>-</c> (or none),
/// surrounding white space, the letter case of source and action, and the AppSource spellings
/// <c>AppSource</c>, <c>SPZA</c> and <c>AppSource (SPZA)</c>. It is strict where it matters: an
/// empty text, a missing <c>|</c>, no <c>-</c> before the <c>|</c>, an empty source, action or
/// offer, a control character or badly encoded text are rejected.
/// </para>
/// <para>
/// A source or action the SDK does not recognise parses as <see cref="MarketplaceSource.Unknown"/>
/// or <see cref="LeadAction.Unknown"/> and keeps its original text (<see cref="SourceText"/>,
/// <see cref="ActionText"/>), so nothing a future marketplace sends is lost and
/// <c>Parse(x.ToString()) == x</c> holds for every parsed value. An offer that is not a
/// <c>publisherid.offerid</c> (the display name of a marketplace test lead) is kept whole: see
/// <see cref="MarketplaceOffer.IsPublisherOfferId"/>.
/// </para>
/// <para>
/// Performance: <see cref="TryParse(ReadOnlySpan{char}, out LeadSource)"/> and its UTF-8 twin allocate
/// nothing for a text parsed before (a bounded, thread-safe cache keeps values by their exact text)
/// and, for a text seen for the first time, only the strings the value keeps. Equality ignores
/// ASCII letter case. The default value is empty
/// (<see cref="IsEmpty"/>) and formats as an empty string.
/// </para>
/// </remarks>
public readonly partial struct LeadSource :
    ISpanParsable<LeadSource>,
    IUtf8SpanParsable<LeadSource>,
    ISpanFormattable,
    IUtf8SpanFormattable,
    IEquatable<LeadSource>
{
    private const string TypeName = nameof(LeadSource);

    /// <summary>The original text of an unrecognised source; <see langword="null"/> for a known one.</summary>
    private readonly string? _sourceText;

    /// <summary>The original text of an unrecognised action; <see langword="null"/> for a known one.</summary>
    private readonly string? _actionText;

    private readonly MarketplaceOffer _offer;
    private readonly MarketplaceSource _source;
    private readonly LeadAction _action;

    /// <summary>Initializes a lead source from a known source and action.</summary>
    /// <param name="source">The marketplace source; not <see cref="MarketplaceSource.Unknown"/> (use the <see cref="LeadSource(string, string, MarketplaceOffer)"/> constructor for texts the SDK does not know).</param>
    /// <param name="action">The action; not <see cref="LeadAction.Unknown"/>.</param>
    /// <param name="offer">The offer; not empty.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="source"/> or <paramref name="action"/> is unknown or undefined.</exception>
    /// <exception cref="ArgumentException"><paramref name="offer"/> is empty.</exception>
    public LeadSource(MarketplaceSource source, LeadAction action, MarketplaceOffer offer)
    {
        if (KnownNames.SourceText(source) is null)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(source), source, "Expected a known marketplace source; pass the text of an unknown one to LeadSource(string, string, MarketplaceOffer).");
        }

        if (KnownNames.ActionText(action) is null)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(action), action, "Expected a known lead action; pass the text of an unknown one to LeadSource(string, string, MarketplaceOffer).");
        }

        ThrowIfEmpty(offer);
        _source = source;
        _action = action;
        _offer = offer;
    }

    /// <summary>Initializes a lead source from source and action texts, recognising the known ones (ASCII case-insensitive).</summary>
    /// <param name="source">The source text, such as <c>AzureMarketplace</c> or <c>SPZA</c>; non-empty, without surrounding white space, <c>-</c>, <c>|</c> or control characters.</param>
    /// <param name="action">The action text, such as <c>INS</c>; non-empty, without surrounding white space, <c>|</c> or control characters.</param>
    /// <param name="offer">The offer; not empty.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="action"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A text is empty or has a character it may not have, or <paramref name="offer"/> is empty.</exception>
    public LeadSource(string source, string action, MarketplaceOffer offer)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(action);
        if (!LeadSourceTokenizer.IsValidSourceToken(source))
        {
            ThrowHelper.ThrowArgumentException(nameof(source), $"'{ThrowHelper.Quote(source)}' is not a valid source: expected a non-empty text without surrounding white space, '-', '|' or control characters.");
        }

        if (!LeadSourceTokenizer.IsValidActionToken(action))
        {
            ThrowHelper.ThrowArgumentException(nameof(action), $"'{ThrowHelper.Quote(action)}' is not a valid action: expected a non-empty text without surrounding white space, '|' or control characters.");
        }

        ThrowIfEmpty(offer);
        _source = KnownNames.ClassifySource(source.AsSpan());
        _action = KnownNames.ClassifyAction(action.AsSpan());
        _sourceText = _source == MarketplaceSource.Unknown ? source : null;
        _actionText = _action == LeadAction.Unknown ? action : null;
        _offer = offer;
    }

    private LeadSource(MarketplaceSource source, string? sourceText, LeadAction action, string? actionText, MarketplaceOffer offer)
    {
        _source = source;
        _sourceText = sourceText;
        _action = action;
        _actionText = actionText;
        _offer = offer;
    }

    /// <summary>Gets the marketplace the lead came from.</summary>
    /// <value><see cref="MarketplaceSource.Unknown"/> when the text was not recognised (see <see cref="SourceText"/>).</value>
    public MarketplaceSource Source => _source;

    /// <summary>Gets what the customer did.</summary>
    /// <value><see cref="LeadAction.Unknown"/> when the text was not recognised (see <see cref="ActionText"/>).</value>
    public LeadAction Action => _action;

    /// <summary>Gets the offer the lead is for.</summary>
    public MarketplaceOffer Offer => _offer;

    /// <summary>Gets the source text: the canonical name of a known source (<c>AppSource</c> for <c>SPZA</c>), or the original text of an unknown one.</summary>
    public string SourceText => _sourceText ?? KnownNames.SourceText(_source) ?? string.Empty;

    /// <summary>Gets the action text: the canonical code of a known action (<c>INS</c>, <c>PLT</c>, <c>DNC</c>, <c>Create</c>, <c>StartTestDrive</c>), or the original text of an unknown one.</summary>
    public string ActionText => _actionText ?? KnownNames.ActionText(_action) ?? string.Empty;

    /// <summary>Gets a value indicating whether this is the default, empty value.</summary>
    public bool IsEmpty => _offer.IsEmpty;

    /// <summary>Compares two lead sources for equality, ignoring ASCII letter case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(LeadSource left, LeadSource right) => left.Equals(right);

    /// <summary>Compares two lead sources for inequality, ignoring ASCII letter case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(LeadSource left, LeadSource right) => !left.Equals(right);

    /// <summary>Determines whether this lead source equals another, ignoring ASCII letter case.</summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when source, action and offer are equal.</returns>
    public bool Equals(LeadSource other) =>
        _source == other._source
        && _action == other._action
        && string.Equals(_sourceText, other._sourceText, StringComparison.OrdinalIgnoreCase)
        && string.Equals(_actionText, other._actionText, StringComparison.OrdinalIgnoreCase)
        && _offer.Equals(other._offer);

    /// <inheritdoc/>
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is LeadSource other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(
        _source,
        _action,
        _sourceText is null ? 0 : string.GetHashCode(_sourceText, StringComparison.OrdinalIgnoreCase),
        _actionText is null ? 0 : string.GetHashCode(_actionText, StringComparison.OrdinalIgnoreCase),
        _offer);

    private static void ThrowIfEmpty(MarketplaceOffer offer)
    {
        if (offer.IsEmpty)
        {
            ThrowHelper.ThrowArgumentException(nameof(offer), "The offer is empty; expected a parsed or constructed MarketplaceOffer.");
        }
    }
}
