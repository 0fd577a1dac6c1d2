using System;
using System.Globalization;
using System.IO;

namespace MarketplaceLeads.Samples.LeadSources;

/// <summary>Reads LeadSource lines and writes them typed, one row per lead, with precise errors for bad lines.</summary>
public static class LeadSourceReport
{
    /// <summary>Exit code when every line parsed.</summary>
    public const int Success = 0;

    /// <summary>Exit code when at least one line was rejected (the others are still printed).</summary>
    public const int SomeRejected = 1;

    /// <summary>Parses every non-blank, non-comment line of <paramref name="input"/>.</summary>
    /// <param name="input">The lines to read.</param>
    /// <param name="sourceName">The name of the input, for error messages.</param>
    /// <param name="output">Where the typed rows go.</param>
    /// <param name="error">Where rejected lines are reported (file, line, reason).</param>
    /// <returns><see cref="Success"/> or <see cref="SomeRejected"/>.</returns>
    public static int Run(TextReader input, string sourceName, TextWriter output, TextWriter error)
    {
        var parsed = 0;
        var rejected = 0;
        var lineNumber = 0;
        output.WriteLine(
            $"{"line",4}  {"source",-16}  {"action",-22}  {"publisher",-12}  {"offer",-36}  kind");
        while (input.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.AsSpan().Trim();
            if (text.IsEmpty || text[0] == '#')
            {
                continue;
            }

            try
            {
                var lead = LeadSource.Parse(text);
                parsed++;
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{lineNumber,4}  {Describe(lead.Source, lead.SourceText),-16}  {Describe(lead.Action, lead.ActionText),-22}  {lead.Offer.PublisherId,-12}  {lead.Offer.OfferId,-36}  {(lead.Offer.IsPublisherOfferId ? "publisher.offer id" : "offer name")}"));
            }
            catch (FormatException ex)
            {
                rejected++;
                error.WriteLine($"{sourceName}({lineNumber}): {ex.Message}");
            }
        }

        output.WriteLine($"{parsed} parsed, {rejected} rejected");
        return rejected == 0 ? Success : SomeRejected;
    }

    private static string Describe<TEnum>(TEnum value, string text)
        where TEnum : struct, Enum =>
        value.ToString() == text ? text : $"{value} ({text})";
}
