using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace MarketplaceLeads.Dashboard;

/// <summary>
/// Writes a page's HTML: markup the dashboard's code spells out is appended as it is (<see cref="Raw"/>), every value that
/// comes from data goes through <see cref="HtmlEncoder.Default"/> (<see cref="Text"/>, <see cref="E"/>). No templates, no
/// reflection: trimming- and AOT-safe.
/// </summary>
internal sealed class Html
{
    private readonly StringBuilder _builder = new(16 * 1024);

    /// <summary>Encodes a value for an HTML text node or a quoted attribute.</summary>
    public static string E(string? value) => value is null ? string.Empty : HtmlEncoder.Default.Encode(value);

    /// <summary>Formats a number with the invariant culture.</summary>
    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Appends markup written in the dashboard's code (values in it already encoded with <see cref="E"/>).</summary>
    public Html Raw(string markup)
    {
        _builder.Append(markup);
        return this;
    }

    /// <summary>Appends an encoded value.</summary>
    public Html Text(string? value)
    {
        _builder.Append(E(value));
        return this;
    }

    /// <summary>Appends <c>&lt;tag&gt;</c>, the encoded value and <c>&lt;/tag&gt;</c>.</summary>
    public Html Element(string tag, string? value, string? cssClass = null)
    {
        _builder.Append('<').Append(tag);
        if (cssClass is not null)
        {
            _builder.Append(" class=\"").Append(cssClass).Append('"');
        }

        _builder.Append('>').Append(E(value)).Append("</").Append(tag).Append('>');
        return this;
    }

    /// <inheritdoc/>
    public override string ToString() => _builder.ToString();
}
