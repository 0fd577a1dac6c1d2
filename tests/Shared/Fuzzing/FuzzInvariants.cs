using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace MarketplaceLeads.Testing.Fuzzing;

/// <summary>
/// The invariants every reader result must keep: a result is a lead or an error, never both or neither; an error has
/// a reason in the user's terms (no .NET type names) and keeps its raw text (a part of the input); a lead has
/// well-formed text (no lone surrogates), a defined channel, normalised fields that can be computed, and can be written
/// in every format the SDK writes and read back.
/// </summary>
internal static partial class FuzzInvariants
{
    /// <summary>The longest run of a record's text a reason may hold (one character found, a short number, a short name are fine).</summary>
    public const int QuoteLimit = 12;

    /// <summary>Names and examples the readers' own wording uses, which the samples (and so the inputs) hold too; longest first.</summary>
    private static readonly string[] OwnWords = [.. new[]
    {
        "marketplace-leads/lead@1", "AppSource-PLT | contoso.contoso-crm-connector", "Source-Action | publisher.offer", "2026-11-20T14:03:09Z",
        "LeadReaderOptions.MaxRecordBytes", "LeadReaderOptions.MaxFieldLength", "LeadReaderOptions.MaxDepth", "docs/wire-formats.md",
        "additionalProperties", "OfferDisplayName", "leadSourceText", "CustomerInfo", "PartitionKey", "UserDetails", "CreatedTime",
        "Description", "LeadSource", "ActionCode", "OfferTitle", "receivedAt", "rawPayload", "FirstName", "LastName", "createdAt",
        "Timestamp", "customer", "Country", "Company", "RowKey", "channel", "schema", "Email", "Phone", "Title",
    }.Concat(Enum.GetNames<LeadChannel>()).OrderByDescending(static w => w.Length)];

    private static readonly LeadReader ReadBack = new(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, MaxRecordBytes = 64 * 1024 * 1024 });

    /// <summary>Checks one result of reading <paramref name="input"/> and counts it in <paramref name="outcome"/>; <paramref name="rawTextFromInput"/> is false where the raw text is not made of input bytes (table rows).</summary>
    public static void CheckResult(LeadReadResult result, ReadOnlySpan<byte> input, FuzzOutcome outcome, bool rawTextFromInput = true)
    {
        FuzzInvariantException.Check(result.IsSuccess != (result.Error is not null), "lead-or-error", () => "a result must hold a lead or an error, not both or neither (a default LeadReadResult?)");
        if (result.IsSuccess)
        {
            CheckLead(result.Lead);
            outcome.Lead();
        }
        else
        {
            if (rawTextFromInput)
            {
                CheckError(result.Error!, input);
            }
            else
            {
                CheckReason(result.Error!.Reason);
                FuzzInvariantException.Check(!string.IsNullOrEmpty(result.Error.RawText), "error-keeps-raw-text", () => $"the error has no RawText: {result.Error.Reason}");
                CheckTableRowReason(result.Error);
            }

            outcome.Error(result.Error!.Reason);
        }
    }

    /// <summary>Checks an error: a reason in the user's terms that quotes none of the record, and the raw text kept (a part of the input).</summary>
    public static void CheckError(LeadReadError error, ReadOnlySpan<byte> input)
    {
        CheckReason(error.Reason);
        FuzzInvariantException.Check(error.RawText is not null, "error-keeps-raw-text", () => $"the error has no RawText: {error.Reason}");
        FuzzInvariantException.Check(IsPartOf(error.RawText!, input), "raw-text-is-part-of-input", () => $"the error's RawText is not a part of the input ({error.RawText!.Length} characters): {error.Reason}");
        CheckReasonQuotesNoInput(error.Reason, error.RawText!);
    }

    /// <summary>
    /// Checks that a reason quotes no text of the record (which may be customer data, and goes into logs, exception
    /// messages and the endpoint's answer): no run of more than <see cref="QuoteLimit"/> characters of the reason is in
    /// <paramref name="record"/>, apart from the property names and examples the SDK's own wording uses.
    /// </summary>
    public static void CheckReasonQuotesNoInput(string reason, string record)
    {
        if (reason.Length <= QuoteLimit || record.Length <= QuoteLimit)
        {
            return;
        }

        var masked = reason;
        foreach (var word in OwnWords)
        {
            masked = masked.Replace(word, "\u0001", StringComparison.OrdinalIgnoreCase);
        }

        for (var i = 0; i + QuoteLimit < masked.Length; i++)
        {
            var window = masked.AsSpan(i, QuoteLimit + 1);
            if (!window.Contains('\u0001') && record.AsSpan().IndexOf(window, StringComparison.Ordinal) >= 0)
            {
                var quoted = window.ToString();
                throw new FuzzInvariantException("reason-quotes-no-input", $"the reason quotes the record ({CSharpText.String(quoted)} and maybe more): {reason}");
            }
        }
    }

    /// <summary>Checks the error of a table row: the reason quotes neither the entity's JSON nor any text in it (a <c>CustomerInfo</c> string is escaped in the JSON).</summary>
    public static void CheckTableRowReason(LeadReadError error)
    {
        if (error.RawText is not { Length: > 0 } raw)
        {
            return;
        }

        CheckReasonQuotesNoInput(error.Reason, raw);
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(raw);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == System.Text.Json.JsonValueKind.String)
                {
                    CheckReasonQuotesNoInput(error.Reason, property.Value.GetString()!);
                }
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // The raw text of a row is the entity's JSON; if it is not JSON there is nothing more to compare.
        }
    }

    /// <summary>Checks that a reason is present and names no .NET type (<c>System.</c>, <c>MarketplaceLeads.</c>, a generic arity such as <c>`1</c>).</summary>
    public static void CheckReason(string? reason)
    {
        FuzzInvariantException.Check(!string.IsNullOrWhiteSpace(reason), "error-has-reason", () => "the error has no Reason");
        FuzzInvariantException.Check(!NamesDotNetType(reason!), "reason-names-no-dotnet-type", () => $"the reason names a .NET type: {reason}");
    }

    /// <summary>Returns whether a message shows .NET type names rather than the user's terms (quoted input, '…', is not looked at).</summary>
    public static bool NamesDotNetType(string message) => DotNetTypeName().IsMatch(QuotedText().Replace(message, "'…'"));

    /// <summary>Checks a lead: well-formed text, a defined channel, computable normalised fields, and the SDK's own formats write it and read it back.</summary>
    public static void CheckLead(Lead lead)
    {
        FuzzInvariantException.Check(Enum.IsDefined(lead.Channel), "lead-channel-defined", () => $"the lead's Channel is {(int)lead.Channel}, not a defined LeadChannel");
        var customer = lead.Customer;
        CheckText(lead.LeadSourceText, "LeadSourceText");
        CheckText(lead.ActionCode, "ActionCode");
        CheckText(lead.OfferTitle, "OfferTitle");
        CheckText(lead.Description, "Description");
        CheckText(lead.RawPayload, "RawPayload");
        CheckText(customer.FirstName, "Customer.FirstName");
        CheckText(customer.LastName, "Customer.LastName");
        CheckText(customer.Email, "Customer.Email");
        CheckText(customer.Phone, "Customer.Phone");
        CheckText(customer.Country, "Customer.Country");
        CheckText(customer.Company, "Customer.Company");
        CheckText(customer.Title, "Customer.Title");
        foreach (var name in lead.AdditionalProperties.Keys)
        {
            CheckText(name, "an AdditionalProperties name");
        }

        Downstream("lead-normalizable", "the normalised fields (NormalizedEmail, PhoneE164, CountryCode)", () => (customer.NormalizedEmail, customer.PhoneE164, customer.CountryCode, lead.IsTestLead, lead.Stage, lead.ToString()));
        Downstream("lead-deduplicable", "de-duplication (LeadDeduplicator.Deduplicate, which folds names and companies)", () =>
        {
            using var deduplicator = new MarketplaceLeads.Deduplication.LeadDeduplicator();
            return deduplicator.Deduplicate([lead]);
        });
        var line = Downstream("lead-writable-json-lines", "LeadJsonLines.Serialize", () => LeadJsonLines.Serialize(lead));
        Downstream("lead-writable-csv", "LeadCsv.FormatRecord", () => LeadCsv.FormatRecord(lead));
        Downstream("lead-writable-https-payload", "LeadHttpsPayload.SerializeToUtf8Bytes", () => LeadHttpsPayload.SerializeToUtf8Bytes(lead));
        var back = ReadBack.ReadJsonLine(Encoding.UTF8.GetBytes(line));
        FuzzInvariantException.Check(back.IsSuccess, "lead-json-lines-round-trip", () => $"the SDK's own JSON Lines record of the lead cannot be read back: {back.Error?.Reason}");
    }

    /// <summary>Returns whether <paramref name="raw"/> (decoded from input bytes, invalid UTF-8 replaced by U+FFFD) is a part of <paramref name="input"/>.</summary>
    public static bool IsPartOf(string raw, ReadOnlySpan<byte> input)
    {
        if (raw.Length == 0)
        {
            return true;
        }

        var position = 0;
        foreach (var piece in raw.Split('\uFFFD'))
        {
            var bytes = Encoding.UTF8.GetBytes(piece);
            var found = input[position..].IndexOf(bytes);
            if (found < 0)
            {
                return false;
            }

            position += found + bytes.Length;
        }

        return true;
    }

    /// <summary>Returns whether a string has a lone UTF-16 surrogate.</summary>
    public static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Runs what a sink or the pipeline does with a lead that was read; an exception there loses the lead downstream.</summary>
    private static T Downstream<T>(string invariant, string what, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception ex)
        {
            throw new FuzzInvariantException(invariant, $"the lead was read, but {what} throws {ex.GetType().FullName}: {ex.Message}{Environment.NewLine}{ex}");
        }
    }

    private static void CheckText(string? text, string field) =>
        FuzzInvariantException.Check(text is null || !HasLoneSurrogate(text), "lead-text-well-formed", () => $"the lead's {field} holds a lone surrogate (invalid UTF-16; sinks cannot write it as UTF-8)");

    [GeneratedRegex(@"\bSystem\.[A-Z]|\bMarketplaceLeads\.[A-Z]|\bMicrosoft\.[A-Z]|[A-Za-z]`[0-9]")]
    private static partial Regex DotNetTypeName();

    [GeneratedRegex("'[^']*'")]
    private static partial Regex QuotedText();
}
