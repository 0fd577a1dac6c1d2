using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Reading.Csv;

namespace MarketplaceLeads;

/// <summary>
/// Writes leads as CSV (RFC 4180, UTF-8, <c>\n</c> line breaks) with the SDK's columns — for a CRM
/// import or a spreadsheet — which <see cref="LeadReader.ReadCsvAsync"/> reads back.
/// </summary>
/// <remarks>
/// Columns, in order: <c>id, channel, receivedAt, createdAt, leadSource, actionCode, offerTitle,
/// description, firstName, lastName, email, phone, country, company, title, additionalProperties</c>
/// (the last one a JSON object). An absent value is an empty field and an empty string is
/// <c>""</c>, so the two stay apart. The raw payload is not written. By default a value that a spreadsheet would run as a
/// formula is written with a leading <c>'</c> (see <see cref="LeadCsvWriteOptions.NeutralizeFormulas"/>); turn that off
/// for a CSV that only programs read.
/// </remarks>
public static class LeadCsv
{
    /// <summary>The header row (without a line break).</summary>
    public static readonly string Header = string.Join(',', CsvLeadMapper.Columns);

    /// <summary>Formats one lead as a CSV record (without a line break).</summary>
    /// <param name="lead">The lead.</param>
    /// <param name="options">How to write; <see langword="null"/> for the defaults (formulas neutralised).</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lead"/> is <see langword="null"/>.</exception>
    public static string FormatRecord(Lead lead, LeadCsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var builder = new StringBuilder(256);
        CsvLeadMapper.AppendRecord(builder, lead, Neutralize(options));
        return builder.ToString();
    }

    /// <summary>
    /// Formats one value as a CSV field the way the lead records are written, for columns of your own: quoted when RFC 4180
    /// needs it (comma, quote, line break, surrounding space or tab, the empty string), and, unless turned off, with a leading
    /// <c>'</c> when a spreadsheet would run it as a formula.
    /// </summary>
    /// <param name="value">The value; <see langword="null"/> (absent) gives an empty field, the empty string gives <c>""</c>.</param>
    /// <param name="options">How to write; <see langword="null"/> for the defaults (formulas neutralised).</param>
    /// <returns>The field, without a separator.</returns>
    public static string FormatField(string? value, LeadCsvWriteOptions? options = null)
    {
        if (value is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(value.Length + 3);
        CsvRecord.AppendField(builder, value, Neutralize(options));
        return builder.ToString();
    }

    /// <summary>Writes the header and one record per lead.</summary>
    /// <param name="utf8Stream">The stream.</param>
    /// <param name="leads">The leads.</param>
    /// <param name="options">How to write; <see langword="null"/> for the defaults (formulas neutralised).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when every lead is written and the stream flushed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Stream"/> or <paramref name="leads"/> is <see langword="null"/>.</exception>
    public static async Task WriteAsync(Stream utf8Stream, IAsyncEnumerable<Lead> leads, LeadCsvWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Stream);
        ArgumentNullException.ThrowIfNull(leads);
        var neutralize = Neutralize(options);
        var builder = new StringBuilder(1024);
        await WriteLineAsync(utf8Stream, builder.Append(Header), cancellationToken).ConfigureAwait(false);
        await foreach (var lead in leads.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            ArgumentNullException.ThrowIfNull(lead);
            builder.Clear();
            CsvLeadMapper.AppendRecord(builder, lead, neutralize);
            await WriteLineAsync(utf8Stream, builder, cancellationToken).ConfigureAwait(false);
        }

        await utf8Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="WriteAsync(Stream, IAsyncEnumerable{Lead}, LeadCsvWriteOptions, CancellationToken)"/>
    public static async Task WriteAsync(Stream utf8Stream, IEnumerable<Lead> leads, LeadCsvWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Stream);
        ArgumentNullException.ThrowIfNull(leads);
        var neutralize = Neutralize(options);
        var builder = new StringBuilder(1024);
        await WriteLineAsync(utf8Stream, builder.Append(Header), cancellationToken).ConfigureAwait(false);
        foreach (var lead in leads)
        {
            ArgumentNullException.ThrowIfNull(lead);
            builder.Clear();
            CsvLeadMapper.AppendRecord(builder, lead, neutralize);
            await WriteLineAsync(utf8Stream, builder, cancellationToken).ConfigureAwait(false);
        }

        await utf8Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool Neutralize(LeadCsvWriteOptions? options) => options?.NeutralizeFormulas ?? true;

    private static ValueTask WriteLineAsync(Stream stream, StringBuilder builder, CancellationToken cancellationToken)
    {
        builder.Append('\n');
        return stream.WriteAsync(Encoding.UTF8.GetBytes(builder.ToString()), cancellationToken);
    }
}
