using System;
using MarketplaceLeads.Internal;
using MarketplaceLeads.LeadSources;

namespace MarketplaceLeads;

/// <summary>
/// A parsed <c>Source-Action | Offer</c> text as spans over the input: the allocation-free way to
/// read a <see cref="LeadSource"/> when only some parts are needed, or before deciding to keep it.
/// </summary>
/// <remarks>
/// Same grammar as <see cref="LeadSource.Parse(ReadOnlySpan{char})"/>. Parsing never allocates and
/// <see cref="TryParse"/> never throws; the spans are valid as long as the input is. Use
/// <see cref="ToLeadSource"/> to keep the value.
/// </remarks>
public readonly ref struct LeadSourceView
{
    private readonly ReadOnlySpan<char> _text;
    private readonly LeadSourceTokens _tokens;

    private LeadSourceView(ReadOnlySpan<char> text, LeadSourceTokens tokens)
    {
        _text = text;
        _tokens = tokens;
    }

    /// <summary>Gets the marketplace the lead came from; <see cref="MarketplaceSource.Unknown"/> when <see cref="SourceText"/> is not recognised.</summary>
    public MarketplaceSource Source => _tokens.Source;

    /// <summary>Gets what the customer did; <see cref="LeadAction.Unknown"/> when <see cref="ActionText"/> is not recognised.</summary>
    public LeadAction Action => _tokens.Action;

    /// <summary>Gets the source text as written in the input (trimmed).</summary>
    public ReadOnlySpan<char> SourceText => _text.Slice(_tokens.SourceStart, _tokens.SourceLength);

    /// <summary>Gets the action text as written in the input (trimmed).</summary>
    public ReadOnlySpan<char> ActionText => _text.Slice(_tokens.ActionStart, _tokens.ActionLength);

    /// <summary>Gets the whole offer text as written in the input (trimmed).</summary>
    public ReadOnlySpan<char> OfferText => _text.Slice(_tokens.Offer.Start, _tokens.Offer.Length);

    /// <summary>Gets a value indicating whether the offer text is a <c>publisherid.offerid</c>.</summary>
    public bool IsPublisherOfferId => _tokens.Offer.Dot >= 0;

    /// <summary>Gets the publisher id; empty when <see cref="IsPublisherOfferId"/> is <see langword="false"/>.</summary>
    public ReadOnlySpan<char> PublisherId => IsPublisherOfferId ? OfferText[.._tokens.Offer.Dot] : default;

    /// <summary>Gets the offer id; the whole offer text when <see cref="IsPublisherOfferId"/> is <see langword="false"/>.</summary>
    public ReadOnlySpan<char> OfferId => IsPublisherOfferId ? OfferText[(_tokens.Offer.Dot + 1)..] : OfferText;

    /// <summary>Tries to parse a <c>Source-Action | Offer</c> text into spans over it. Never throws; never allocates.</summary>
    /// <param name="text">The text.</param>
    /// <param name="view">The view, or the default value when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a valid lead source.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out LeadSourceView view)
    {
        // A text parsed before: its token positions come from the view cache (no allocation).
        var key = System.Runtime.InteropServices.MemoryMarshal.AsBytes(text);
        var cache = LeadSourceViewCache.Utf16;
        if (cache.TryGet(key, out var tokens, out var slot))
        {
            view = new LeadSourceView(text, tokens);
            return true;
        }

        var ok = LeadSourceTokenizer.Tokenize(text, out tokens, out _) == ParseError.None;
        if (ok)
        {
            cache.Add(key, tokens, slot);
        }

        view = ok ? new LeadSourceView(text, tokens) : default;
        return ok;
    }

    /// <summary>Parses a <c>Source-Action | Offer</c> text into spans over it. Allocates only to report an error.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The view.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not a valid lead source; the message names the position and what was expected.</exception>
    public static LeadSourceView Parse(ReadOnlySpan<char> text)
    {
        var error = LeadSourceTokenizer.Tokenize(text, out var tokens, out var position);
        if (error != ParseError.None)
        {
            ThrowHelper.ThrowFormatException(nameof(LeadSource), error, position, text);
        }

        return new LeadSourceView(text, tokens);
    }

    /// <summary>Converts the view into a <see cref="LeadSource"/> that can be kept; the strings come from the shared intern cache.</summary>
    /// <returns>The lead source; the default value for a default view.</returns>
    public LeadSource ToLeadSource() => _text.IsEmpty ? default : LeadSource.Create(_text, _tokens, StringCache.Shared);
}
