using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Cli;

/// <summary>
/// <c>explain</c>, <c>review list|accept|reject</c> and <c>split</c>: why leads are in their profiles, the possible duplicates
/// waiting for review, and the review decisions, made through the pipeline (<see cref="ILeadReview"/>) so that the SQLite
/// sink's tables follow and the decision survives a restart.
/// </summary>
internal static class ReviewCommands
{
    public static Command CreateExplain(CommonOptions options, TimeProvider time)
    {
        var subject = new Argument<string>("id-or-email")
        {
            Description = "A lead id, a profile id (the id of its founding lead) or an e-mail address.",
        };
        var command = new Command("explain", "Explain why leads are in their profiles: the decision taken when each arrived, its match-weight waterfall, and the review decisions since. For a profile, every lead; for an e-mail address, every profile that holds it.");
        command.Arguments.Add(subject);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult,
            options,
            time,
            (context, provider, token) => ExplainAsync(context, provider, parseResult.GetValue(subject) ?? string.Empty, token),
            cancellationToken));
        return command;
    }

    public static Command CreateReview(CommonOptions options, TimeProvider time)
    {
        var review = new Command("review", "List the possible duplicates waiting for review, and accept (merge) or reject (keep apart for good) a pair of profiles.");
        var format = OutputFormats.CreateOption(OutputFormat.Table, OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv);
        var list = new Command("list", "List the possible duplicates waiting for review: pairs where either customer is do-not-contact first, then by score; the two customers side by side with why they may be one person.");
        list.Options.Add(format);
        list.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult,
            options,
            time,
            (context, provider, token) => ListAsync(context, provider, parseResult.GetValue(format), token),
            cancellationToken));
        review.Subcommands.Add(list);
        review.Subcommands.Add(CreatePairCommand("accept", "Accept that two profiles are one person: merge them (the one founded first keeps its id).", options, time, accept: true));
        review.Subcommands.Add(CreatePairCommand("reject", "Reject a pair: the two profiles are different people, kept apart from now on (never merged, never raised again).", options, time, accept: false));
        return review;
    }

    public static Command CreateSplit(CommonOptions options, TimeProvider time)
    {
        var profile = new Argument<string>("profile") { Description = "The profile to split." };
        var leads = new Argument<string[]>("lead-ids")
        {
            Description = "The leads to move out into a profile of their own (at least one of the profile's leads must stay).",
            Arity = ArgumentArity.OneOrMore,
        };
        var (by, note) = ReviewerOptions();
        var command = new Command("split", "Split a profile that holds more than one person: move the given leads out into a profile of their own, kept apart from the rest from now on.");
        command.Arguments.Add(profile);
        command.Arguments.Add(leads);
        command.Options.Add(by);
        command.Options.Add(note);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult,
            options,
            time,
            async (context, provider, token) =>
            {
                if (ParseId(context, parseResult.GetValue(profile), "profile") is not { } id)
                {
                    return ExitCodes.Error;
                }

                var ids = new List<LeadId>();
                foreach (var text in parseResult.GetValue(leads) ?? [])
                {
                    if (ParseId(context, text, "lead") is not { } lead)
                    {
                        return ExitCodes.Error;
                    }

                    ids.Add(lead.FirstLeadId);
                }

                var result = await provider.GetRequiredService<ILeadReview>().SplitAsync(id, ids, parseResult.GetValue(by), parseResult.GetValue(note), token).ConfigureAwait(false);
                var (kept, split) = (result.Profiles[0], result.Profiles[1]);
                context.Output.WriteLine(Invariant($"split profile {id}: {kept.Id} keeps {Leads(kept.Leads.Count)}{Dnc(kept)}; new profile {split.Id} holds {Leads(split.Leads.Count)}{Dnc(split)}; the two are kept apart (review {result.Action.Sequence})"));
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command CreatePairCommand(string name, string description, CommonOptions options, TimeProvider time, bool accept)
    {
        var first = new Argument<string>("profile") { Description = "One profile's id." };
        var second = new Argument<string>("other-profile") { Description = "The other profile's id." };
        var (by, note) = ReviewerOptions();
        var command = new Command(name, description);
        command.Arguments.Add(first);
        command.Arguments.Add(second);
        command.Options.Add(by);
        command.Options.Add(note);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult,
            options,
            time,
            async (context, provider, token) =>
            {
                if (ParseId(context, parseResult.GetValue(first), "profile") is not { } a || ParseId(context, parseResult.GetValue(second), "profile") is not { } b)
                {
                    return ExitCodes.Error;
                }

                var review = provider.GetRequiredService<ILeadReview>();
                if (accept)
                {
                    var result = await review.AcceptAsync(a, b, parseResult.GetValue(by), parseResult.GetValue(note), token).ConfigureAwait(false);
                    var merged = result.Profiles[0];
                    context.Output.WriteLine(Invariant($"accepted: profile {result.Action.Second} merged into {merged.Id}, which now holds {Leads(merged.Leads.Count)}{Dnc(merged)} (review {result.Action.Sequence})"));
                }
                else
                {
                    var result = await review.RejectAsync(a, b, parseResult.GetValue(by), parseResult.GetValue(note), token).ConfigureAwait(false);
                    context.Output.WriteLine(Invariant($"rejected: profiles {result.Action.First} and {result.Action.Second} are different people, kept apart from now on (review {result.Action.Sequence})"));
                }

                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static (Option<string?> By, Option<string?> Note) ReviewerOptions() =>
    (
        new Option<string?>("--by") { Description = "Who decided, kept in the review log.", HelpName = "name" },
        new Option<string?>("--note") { Description = "Why, kept in the review log.", HelpName = "text" });

    /// <summary>Opens the database's pipeline (so that a review reaches the SQLite sink's tables), runs, and stops the pipeline, which delivers what the review changed.</summary>
    private static async Task<int> RunAsync(ParseResult parseResult, CommonOptions options, TimeProvider time, Func<CliContext, ServiceProvider, CancellationToken, Task<int>> run, CancellationToken cancellationToken)
    {
        var context = CliContext.From(parseResult, options, time);
        var database = parseResult.GetValue(options.Database) ?? CommonOptions.DefaultDatabase;
        if (!File.Exists(database))
        {
            return context.Fail($"database not found: {database} (run 'marketplace-leads import <files…> --db {database}' first)");
        }

        try
        {
            var provider = context.BuildPipeline(database);
            await using var providerScope = provider.ConfigureAwait(false);
            var code = await run(context, provider, cancellationToken).ConfigureAwait(false);
            await provider.GetRequiredService<ILeadPipeline>().StopAsync(cancellationToken).ConfigureAwait(false);
            return code;
        }
        catch (ArgumentException exception)
        {
            // An id that names no profile, or a lead not in the profile: the message names it.
            return context.Fail(exception.ParamName is { } name ? exception.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : exception.Message);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException or SqliteException)
        {
            return context.Fail(exception.Message);
        }
    }

    private static CustomerProfileId? ParseId(CliContext context, string? text, string what)
    {
        if (LeadId.TryParse(text?.Trim(), out var id))
        {
            return new CustomerProfileId(id);
        }

        context.Fail($"'{text}' is not a {what} id: expected 32 hexadecimal digits, as 'report', 'export' and 'review list' print them");
        return null;
    }

    private static async Task<int> ExplainAsync(CliContext context, ServiceProvider provider, string subject, CancellationToken cancellationToken)
    {
        var review = provider.GetRequiredService<ILeadReview>();
        var store = provider.GetRequiredService<ILeadDeduplicator>().Store;
        var output = context.Output;
        if (LeadId.TryParse(subject.Trim(), out var id))
        {
            if (await store.FindProfileAsync(new CustomerProfileId(id), cancellationToken).ConfigureAwait(false) is { } profile)
            {
                await WriteProfileAsync(output, review, profile, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (await review.ExplainAsync(id, cancellationToken).ConfigureAwait(false) is { } record)
            {
                WriteLead(output, record, string.Empty);
                return ExitCodes.Success;
            }

            return context.Fail($"no lead or profile {id} in the database (a profile merged into another is gone: 'explain' its founding lead {id} to see where it is, if the database has it)");
        }

        if (!subject.Contains('@', StringComparison.Ordinal))
        {
            return context.Fail($"'{subject}' is neither a lead or profile id (32 hexadecimal digits) nor an e-mail address");
        }

        var holding = new List<CustomerProfile>();
        await foreach (var profile in store.GetProfilesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (profile.Emails.Any(email => string.Equals(email.Trim(), subject.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                holding.Add(profile);
            }
        }

        if (holding.Count == 0)
        {
            return context.Fail("no profile holds that e-mail address");
        }

        holding.Sort(static (a, b) => a.FirstSeen != b.FirstSeen ? a.FirstSeen.CompareTo(b.FirstSeen) : a.Id.CompareTo(b.Id));
        output.WriteLine(Invariant($"{holding.Count} {(holding.Count == 1 ? "profile holds" : "profiles hold")} that e-mail address"));
        foreach (var profile in holding)
        {
            output.WriteLine();
            await WriteProfileAsync(output, review, profile, cancellationToken).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static async Task WriteProfileAsync(TextWriter output, ILeadReview review, CustomerProfile profile, CancellationToken cancellationToken)
    {
        output.WriteLine(Invariant($"Profile {profile.Id}: {Customer(profile)}; {Leads(profile.Leads.Count)}{Dnc(profile)}{(profile.IsTest ? ", a marketplace test lead" : string.Empty)}"));
        foreach (var lead in profile.Leads)
        {
            output.WriteLine();
            if (await review.ExplainAsync(lead.Id, cancellationToken).ConfigureAwait(false) is { } record)
            {
                WriteLead(output, record, "  ");
            }
        }
    }

    private static void WriteLead(TextWriter output, LeadDecisionRecord record, string indent)
    {
        output.WriteLine(Invariant($"{indent}Lead {record.Lead}"));
        var arrived = record.Outcome switch
        {
            DeduplicationOutcome.NewProfile => "started a new profile (no earlier lead was the same person)",
            DeduplicationOutcome.TestLead => "a marketplace test lead, kept on its own",
            _ => Invariant($"joined profile {record.DecidedProfile}"),
        };
        output.WriteLine(Invariant($"{indent}  when it arrived: {arrived}"));
        if (record.MergedProfiles.Count > 0)
        {
            output.WriteLine(Invariant($"{indent}  it showed these profiles to be the same person, merged in: {string.Join(", ", record.MergedProfiles)}"));
        }

        output.WriteLine(Invariant($"{indent}  now in profile: {record.CurrentProfile}"));
        if (record.Explanation is { } explanation)
        {
            output.WriteLine(Invariant($"{indent}  why:"));
            foreach (var line in explanation.ToWaterfall().ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                output.WriteLine(Invariant($"{indent}    {line}"));
            }
        }
        else if (record.Reason is { } reason)
        {
            output.WriteLine(Invariant($"{indent}  why: {reason}"));
        }

        if (record.Reviews.Count > 0)
        {
            output.WriteLine(Invariant($"{indent}  reviews since:"));
            foreach (var action in record.Reviews)
            {
                output.WriteLine(Invariant($"{indent}    {Describe(action)}"));
            }
        }
    }

    private static string Describe(ReviewAction action)
    {
        var what = action.Kind switch
        {
            ReviewKind.Accept => Invariant($"accept: {action.Second} merged into {action.First}"),
            ReviewKind.Reject => Invariant($"reject: {action.First} and {action.Second} kept apart"),
            _ => Invariant($"split: {Leads(action.Leads.Count)} moved out of {action.First} into {action.Second}"),
        };
        var by = action.Reviewer is { } reviewer ? " by " + reviewer : string.Empty;
        var why = action.Comment is { } comment ? ": " + comment : string.Empty;
        return Invariant($"#{action.Sequence} {action.ReviewedAt:yyyy-MM-dd HH:mm} UTC {what}{by}{why}");
    }

    private static async Task<int> ListAsync(CliContext context, ServiceProvider provider, OutputFormat format, CancellationToken cancellationToken)
    {
        var queue = await provider.GetRequiredService<ILeadReview>().GetReviewQueueAsync(cancellationToken).ConfigureAwait(false);
        var output = context.Output;
        switch (format)
        {
            case OutputFormat.Json:
                OutputFormats.WriteJson(output, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("count", queue.Count);
                    writer.WriteStartArray("pairs");
                    foreach (var item in queue)
                    {
                        writer.WriteStartObject();
                        writer.WriteBoolean("doNotContact", item.DoNotContact);
                        writer.WriteNumber("score", Math.Round(item.Pair.Score, 4));
                        writer.WriteString("reason", item.Pair.Reason);
                        writer.WriteString("raisedBy", item.Pair.RaisedBy.ToString());
                        WriteProfileJson(writer, "first", item.First);
                        WriteProfileJson(writer, "second", item.Second);
                        if (item.Pair.Explanation is { } explanation)
                        {
                            writer.WritePropertyName("explanation");
                            writer.WriteRawValue(explanation.ToJson());
                        }

                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                });
                break;
            case OutputFormat.Csv:
                CsvText.WriteRow(output, ["first_profile", "first_name", "first_email", "first_dnc", "first_leads", "second_profile", "second_name", "second_email", "second_dnc", "second_leads", "score", "reason"]);
                foreach (var item in queue)
                {
                    CsvText.WriteRow(output, [.. ProfileCells(item.First), .. ProfileCells(item.Second), Invariant($"{item.Pair.Score:0.000}"), item.Pair.Reason]);
                }

                break;
            default:
                output.WriteLine(Invariant($"{queue.Count} possible {(queue.Count == 1 ? "duplicate" : "duplicates")} waiting for review (do-not-contact pairs first)"));
                if (queue.Count > 0)
                {
                    output.WriteLine();
                    var table = new TextTable(("DNC", false), ("Score", true), ("Profile", false), ("Customer", false), ("Other profile", false), ("Other customer", false), ("Why", false));
                    foreach (var item in queue)
                    {
                        table.Add(item.DoNotContact ? "yes" : "", Invariant($"{item.Pair.Score:0.000}"), item.First.Id.ToString(), Customer(item.First), item.Second.Id.ToString(), Customer(item.Second), item.Pair.Reason);
                    }

                    table.Write(output);
                    output.WriteLine();
                    output.WriteLine("accept: marketplace-leads review accept <profile> <other profile>; reject: marketplace-leads review reject <profile> <other profile>; why: marketplace-leads explain <profile>");
                }

                break;
        }

        return ExitCodes.Success;
    }

    private static string?[] ProfileCells(CustomerProfile profile) =>
        [profile.Id.ToString(), Name(profile), profile.Customer.Email, profile.DoNotContact ? "true" : "false", profile.Leads.Count.ToString(CultureInfo.InvariantCulture)];

    private static void WriteProfileJson(Utf8JsonWriter writer, string name, CustomerProfile profile)
    {
        writer.WriteStartObject(name);
        writer.WriteString("profileId", profile.Id.ToString());
        OutputFormats.WriteOptional(writer, "firstName", profile.Customer.FirstName);
        OutputFormats.WriteOptional(writer, "lastName", profile.Customer.LastName);
        OutputFormats.WriteOptional(writer, "email", profile.Customer.Email);
        OutputFormats.WriteOptional(writer, "phone", profile.Customer.Phone);
        OutputFormats.WriteOptional(writer, "company", profile.Customer.Company);
        writer.WriteBoolean("doNotContact", profile.DoNotContact);
        writer.WriteNumber("leads", profile.Leads.Count);
        writer.WriteEndObject();
    }

    private static string Name(CustomerProfile profile) => string.Join(' ', new[] { profile.Customer.FirstName, profile.Customer.LastName }.Where(static p => !string.IsNullOrWhiteSpace(p)));

    private static string Customer(CustomerProfile profile)
    {
        var name = Name(profile);
        var email = profile.Customer.Email;
        return email is null ? (name.Length == 0 ? "(no name)" : name) : name.Length == 0 ? $"<{email}>" : $"{name} <{email}>";
    }

    private static string Leads(int count) => Invariant($"{count} {(count == 1 ? "lead" : "leads")}");

    private static string Dnc(CustomerProfile profile) => profile.DoNotContact ? ", do-not-contact" : string.Empty;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
