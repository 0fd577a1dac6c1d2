using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace MarketplaceLeads.Cli.Tests.Streams;

/// <summary>One row of <c>due --format json</c>, as the scorer needs it.</summary>
internal sealed record DueRow(string ProfileId, string Offer, bool IsReply, bool IsOverdue, string? LeadId);

/// <summary>The figures of <c>report --format json</c> the simulation follows.</summary>
internal sealed record ReportFigures(int Customers, int PossibleDuplicates, int DoNotContact, int ResponsesDue, int ResponsesOverdue, int TouchesDue);

/// <summary>
/// The one place that knows the JSON of <c>due</c> and <c>report</c> (docs/cli.md).
/// <c>due</c> writes <c>{ "tasks": [ { "kind": "Respond"|"Touch", "profileId", "offer", "isOverdue", "leadId"?, "requests", … } ] }</c>,
/// one row per customer and offer (issue #16, 4), a reply being a row whose kind is <c>Respond</c> (not overdue while any of its
/// requests is on time); <c>report</c> writes top-level numbers <c>customers</c>,
/// <c>possibleDuplicates</c>, <c>doNotContact</c>, <c>responsesDue</c>, <c>responsesOverdue</c> and <c>touchesDue</c>.
/// When the output changes (rows per customer and offer, repeat interest, the touch log), adapt this class only.
/// </summary>
internal static class FollowUpOutput
{
    /// <summary>The row kinds that are a reply to a request (not a nurture touch).</summary>
    private static readonly HashSet<string> ReplyKinds = new(StringComparer.OrdinalIgnoreCase) { "Respond", "Reply", "Response" };

    /// <summary>Reads the rows of <c>due --format json</c>.</summary>
    public static IReadOnlyList<DueRow> ReadDue(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("tasks").EnumerateArray().Select(static task => new DueRow(
            task.GetProperty("profileId").GetString() ?? string.Empty,
            task.GetProperty("offer").GetString() ?? string.Empty,
            ReplyKinds.Contains(task.GetProperty("kind").GetString() ?? string.Empty),
            task.TryGetProperty("isOverdue", out var overdue) && overdue.GetBoolean(),
            task.TryGetProperty("leadId", out var lead) ? lead.GetString() : null))];
    }

    /// <summary>Reads the figures of <c>report --format json</c>.</summary>
    public static ReportFigures ReadReport(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        int Number(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : -1;
        return new ReportFigures(Number("customers"), Number("possibleDuplicates"), Number("doNotContact"), Number("responsesDue"), Number("responsesOverdue"), Number("touchesDue"));
    }
}
