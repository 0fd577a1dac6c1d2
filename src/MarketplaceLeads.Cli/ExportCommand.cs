using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Cli;

/// <summary><c>export</c>: the de-duplicated customer profiles as CSV or JSON Lines, for a CRM import. Test customers are left out.</summary>
internal static class ExportCommand
{
    private static readonly string[] Columns =
        ["profileId", "firstName", "lastName", "email", "phone", "country", "company", "title", "doNotContact", "stage", "offers", "leadCount", "firstSeen", "lastSeen", "emails", "phones"];

    public static Command Create(CommonOptions options, TimeProvider time)
    {
        var format = OutputFormats.CreateOption(OutputFormat.Csv, OutputFormat.Csv, OutputFormat.Jsonl);
        var formulas = OutputFormats.CreateCsvFormulasOption();
        var output = new Option<string?>("--out")
        {
            Description = "Write to this file instead of stdout (replaced if it exists).",
            HelpName = "file",
        };
        return SnapshotCommand.Create(
            "export",
            "Export the de-duplicated customer profiles (test customers left out) as CSV or JSON Lines for a CRM import.",
            options,
            time,
            run => ExportAsync(run.Context, run.Snapshot, run.ParseResult.GetValue(format), run.ParseResult.GetValue(output), OutputFormats.CsvOptions(run.ParseResult.GetValue(formulas))),
            format,
            output,
            formulas);
    }

    private static async Task<int> ExportAsync(CliContext context, LeadSnapshot snapshot, OutputFormat format, string? file, LeadCsvWriteOptions csv)
    {
        var profiles = snapshot.Profiles.Where(static p => !p.IsTest).ToList();
        if (file is null)
        {
            Write(context.Output, profiles, format, csv);
            return ExitCodes.Success;
        }

        var writer = new StreamWriter(file, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await using (writer.ConfigureAwait(false))
        {
            Write(writer, profiles, format, csv);
        }

        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exported {profiles.Count} profiles to {file}"));
        return ExitCodes.Success;
    }

    private static void Write(TextWriter output, IReadOnlyList<CustomerProfile> profiles, OutputFormat format, LeadCsvWriteOptions csv)
    {
        if (format == OutputFormat.Jsonl)
        {
            foreach (var profile in profiles)
            {
                OutputFormats.WriteJson(output, writer => WriteJson(writer, profile), indented: false);
                output.Write('\n');
            }

            return;
        }

        CsvText.WriteRow(output, Columns, csv);
        foreach (var profile in profiles)
        {
            var customer = profile.Customer;
            CsvText.WriteRow(output,
            [
                profile.Id.ToString(), customer.FirstName, customer.LastName, customer.Email, customer.Phone, customer.Country, customer.Company, customer.Title,
                profile.DoNotContact ? "true" : "false", profile.FurthestStage.ToString(),
                string.Join(';', profile.Offers.Select(static o => o.Offer.ToString())),
                profile.Leads.Count.ToString(CultureInfo.InvariantCulture),
                profile.FirstSeen.ToString("O", CultureInfo.InvariantCulture), profile.LastSeen.ToString("O", CultureInfo.InvariantCulture),
                string.Join(';', profile.Emails), string.Join(';', profile.Phones),
            ],
            csv);
        }
    }

    private static void WriteJson(Utf8JsonWriter writer, CustomerProfile profile)
    {
        var customer = profile.Customer;
        writer.WriteStartObject();
        writer.WriteString("profileId", profile.Id.ToString());
        OutputFormats.WriteOptional(writer, "firstName", customer.FirstName);
        OutputFormats.WriteOptional(writer, "lastName", customer.LastName);
        OutputFormats.WriteOptional(writer, "email", customer.Email);
        OutputFormats.WriteOptional(writer, "phone", customer.Phone);
        OutputFormats.WriteOptional(writer, "country", customer.Country);
        OutputFormats.WriteOptional(writer, "company", customer.Company);
        OutputFormats.WriteOptional(writer, "title", customer.Title);
        writer.WriteBoolean("doNotContact", profile.DoNotContact);
        writer.WriteString("stage", profile.FurthestStage.ToString());
        writer.WriteStartArray("offers");
        foreach (var offer in profile.Offers)
        {
            writer.WriteStartObject();
            writer.WriteString("offer", offer.Offer.ToString());
            writer.WriteString("stage", offer.FurthestStage.ToString());
            writer.WriteBoolean("doNotContact", offer.DoNotContact);
            writer.WriteString("firstSeen", offer.FirstSeen);
            writer.WriteString("lastSeen", offer.LastSeen);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("leadCount", profile.Leads.Count);
        writer.WriteString("firstSeen", profile.FirstSeen);
        writer.WriteString("lastSeen", profile.LastSeen);
        WriteStrings(writer, "emails", profile.Emails);
        WriteStrings(writer, "phones", profile.Phones);
        WriteStrings(writer, "leadIds", [.. profile.Leads.Select(static l => l.Id.ToString())]);
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
