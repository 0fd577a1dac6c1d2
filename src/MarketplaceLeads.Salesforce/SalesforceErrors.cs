using System;
using System.Collections.Generic;
using System.Text.Json;
using MarketplaceLeads.Crm;

namespace MarketplaceLeads.Salesforce;

/// <summary>One error of a Salesforce answer: its code, its message (read for record ids only, never logged), and the records a duplicate rule matched.</summary>
internal sealed record SalesforceError(string? Code, string? Message, IReadOnlyList<string> RecordIds);

/// <summary>One result of an upsert: <c>{"id":"00Q…","success":true,"errors":[],"created":true}</c>.</summary>
internal sealed record SalesforceUpsertResult(bool Success, string? Id, bool Created, SalesforceError? Error);

/// <summary>Reads Salesforce's answers with <see cref="JsonDocument"/> (no reflection): error lists and sObject Collections results.</summary>
internal static class SalesforceErrors
{
    /// <summary>The first error of an error answer, <c>[{"message":…,"errorCode":"…","fields":[…]}]</c> (a duplicate rule's error also carries <c>duplicateResult</c>).</summary>
    public static SalesforceError? First(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            var first = root.ValueKind switch
            {
                JsonValueKind.Array when root.GetArrayLength() > 0 => root[0],
                JsonValueKind.Object => root,
                _ => default,
            };
            return first.ValueKind == JsonValueKind.Object ? Read(first) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The results of an sObject Collections upsert (a JSON array, one per record, in order); empty for an answer of another shape.</summary>
    public static List<SalesforceUpsertResult> ReadCollectionResults(ReadOnlySpan<byte> body)
    {
        var results = new List<SalesforceUpsertResult>();
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return results;
            }

            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    results.Add(new SalesforceUpsertResult(false, null, false, null));
                    continue;
                }

                var success = item.TryGetProperty("success", out var s) && s.ValueKind == JsonValueKind.True;
                var id = item.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? Id(i.GetString()) : null;
                var created = item.TryGetProperty("created", out var c) && c.ValueKind == JsonValueKind.True;
                SalesforceError? error = null;
                if (item.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0 && errors[0].ValueKind == JsonValueKind.Object)
                {
                    error = Read(errors[0]);
                }

                results.Add(new SalesforceUpsertResult(success, id, created, error));
            }
        }
        catch (JsonException)
        {
            results.Clear();
        }

        return results;
    }

    private static SalesforceError Read(JsonElement error)
    {
        // A single request's error names its code errorCode; an sObject Collections result's, statusCode.
        string? code = null;
        foreach (var name in (ReadOnlySpan<string>)["errorCode", "statusCode"])
        {
            if (error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } text && CrmText.IsToken(text))
            {
                code = text;
                break;
            }
        }

        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var ids = new List<string>();
        if (error.TryGetProperty("duplicateResult", out var duplicate) && duplicate.ValueKind == JsonValueKind.Object
            && duplicate.TryGetProperty("matchResults", out var matches) && matches.ValueKind == JsonValueKind.Array)
        {
            foreach (var match in matches.EnumerateArray())
            {
                if (match.ValueKind != JsonValueKind.Object || !match.TryGetProperty("matchRecords", out var records) || records.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var record in records.EnumerateArray())
                {
                    if (record.ValueKind == JsonValueKind.Object && record.TryGetProperty("record", out var fields) && fields.ValueKind == JsonValueKind.Object
                        && fields.TryGetProperty("Id", out var recordId) && recordId.ValueKind == JsonValueKind.String && Id(recordId.GetString()) is { } valid)
                    {
                        ids.Add(valid);
                    }
                }
            }
        }

        return new SalesforceError(code, message, ids);
    }

    /// <summary>A record id (15 or 18 ASCII letters and digits), or <see langword="null"/> for anything else.</summary>
    private static string? Id(string? text)
    {
        if (text is not { Length: 15 or 18 })
        {
            return null;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return null;
            }
        }

        return text;
    }
}
