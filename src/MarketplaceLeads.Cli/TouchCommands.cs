using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.FollowUp;

namespace MarketplaceLeads.Cli;

/// <summary>
/// <c>touch</c> and <c>close</c>: record what the sales team did with a customer about an offer in the database's touch log
/// (<see cref="IFollowUpStore"/>), so that <c>due</c> and <c>report</c> see it: an answered request stops being due and the
/// nurture cadence moves on; a closing touch ends the offer's follow-up.
/// </summary>
internal static class TouchCommands
{
    private static readonly string[] KindNames = ["emailed", "called", "meeting", "qualified", "disqualified", "won", "lost", "closed"];

    public static Command CreateTouch(CommonOptions options, TimeProvider time)
    {
        var kind = new Option<string>("--kind")
        {
            Description = "What was done: " + string.Join(", ", KindNames) + ". disqualified, won, lost and closed end the offer's follow-up; disqualified needs --reason.",
            HelpName = string.Join('|', KindNames),
            Required = true,
        };
        kind.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && ParseKind(result.Tokens[0].Value) is null)
            {
                result.AddError($"--kind must be one of {string.Join(", ", KindNames)}; it is '{result.Tokens[0].Value}'.");
            }
        });
        var parts = new Parts();
        var command = new Command("touch", "Record what was done with a customer about an offer (an e-mail, a call, a meeting, an outcome), with who and when, so that 'due' stops listing an answered request and moves the cadence on.");
        parts.AddTo(command);
        command.Options.Add(kind);
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, options, time, parts, ParseKind(parseResult.GetValue(kind) ?? string.Empty) ?? TouchKind.Emailed, cancellationToken));
        return command;
    }

    public static Command CreateClose(CommonOptions options, TimeProvider time)
    {
        var parts = new Parts();
        var command = new Command("close", "Close a customer's follow-up on an offer without an outcome (a 'closed' touch): nothing more is due for it until the customer acts again.");
        parts.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, options, time, parts, TouchKind.Closed, cancellationToken));
        return command;
    }

    /// <summary>Finds the profiles a customer argument names: a profile id, the id of one of its leads, or an e-mail address it holds.</summary>
    internal static List<CustomerProfile> Find(IReadOnlyList<CustomerProfile> profiles, string subject)
    {
        subject = subject.Trim();
        if (LeadId.TryParse(subject, out var id))
        {
            var byId = profiles.FirstOrDefault(p => p.Id.FirstLeadId == id) ?? profiles.FirstOrDefault(p => p.Leads.Any(l => l.Id == id));
            return byId is null ? [] : [byId];
        }

        return [.. profiles.Where(p => p.Emails.Any(email => string.Equals(email.Trim(), subject, StringComparison.OrdinalIgnoreCase)))];
    }

    private static async Task<int> RunAsync(ParseResult parseResult, CommonOptions options, TimeProvider time, Parts parts, TouchKind kind, CancellationToken cancellationToken)
    {
        var context = CliContext.From(parseResult, options, time);
        var database = parseResult.GetValue(options.Database) ?? CommonOptions.DefaultDatabase;
        var subject = parseResult.GetValue(parts.Customer) ?? string.Empty;
        var reason = Blank(parseResult.GetValue(parts.Reason));
        var note = Blank(parseResult.GetValue(parts.Note));
        if (kind == TouchKind.Disqualified && reason is null)
        {
            return context.Fail("--kind disqualified needs --reason: say why the customer is disqualified");
        }

        try
        {
            var snapshot = await LeadSnapshot.ReadAsync(context, database, cancellationToken).ConfigureAwait(false);
            if (snapshot is null)
            {
                return ExitCodes.Error;
            }

            if (!LeadId.TryParse(subject.Trim(), out _) && !subject.Contains('@', StringComparison.Ordinal))
            {
                return context.Fail($"'{subject}' is neither a profile or lead id (32 hexadecimal digits) nor an e-mail address");
            }

            var found = Find(snapshot.Profiles, subject);
            if (found.Count == 0)
            {
                return context.Fail(LeadId.TryParse(subject.Trim(), out var missing)
                    ? $"no customer with profile or lead id {missing} in {database}"
                    : $"no customer with that e-mail address in {database}");
            }

            if (found.Count > 1)
            {
                return context.Fail($"{found.Count} customers hold that e-mail address (profiles {string.Join(", ", found.Select(static p => p.Id))}); name one by its profile id");
            }

            var profile = found[0];
            if (profile.DoNotContact)
            {
                return context.Fail($"customer {profile.Id} said do not contact; no touch is recorded");
            }

            if (profile.IsTest)
            {
                return context.Fail($"customer {profile.Id} is a marketplace test lead; no touch is recorded");
            }

            var offerText = Blank(parseResult.GetValue(parts.Offer));
            OfferActivity? activity;
            if (offerText is null)
            {
                if (profile.Offers.Count != 1)
                {
                    return context.Fail($"customer {profile.Id} acted on {profile.Offers.Count} offers; say which with --offer ({string.Join(", ", profile.Offers.Select(static o => o.Offer.ToString()))})");
                }

                activity = profile.Offers[0];
            }
            else
            {
                activity = profile.Offers.FirstOrDefault(o => string.Equals(o.Offer.ToString(), offerText, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(o.Offer.OfferId, offerText, StringComparison.OrdinalIgnoreCase));
                if (activity is null)
                {
                    return context.Fail($"--offer '{offerText}' is not one of customer {profile.Id}'s offers ({string.Join(", ", profile.Offers.Select(static o => o.Offer.ToString()))})");
                }
            }

            var at = parseResult.GetValue(parts.At) ?? context.Time.GetUtcNow();
            var touch = new FollowUpTouch
            {
                ProfileId = profile.Id,
                Offer = activity.Offer,
                Stage = activity.FurthestStage,
                At = at,
                Kind = kind,
                By = Blank(parseResult.GetValue(parts.By)),
                Note = reason is null ? note : note is null ? reason : reason + " — " + note,
                Leads = snapshot.Log.LeadsAbout(profile, activity.Offer, at),
            };
            var db = context.OpenDatabase(database);
            await using (db.ConfigureAwait(false))
            {
                await db.CreateFollowUpStore().RecordAsync(touch, cancellationToken).ConfigureAwait(false);
            }

            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recorded: {kind.ToString().ToLowerInvariant()} for customer {profile.Id} on {activity.Offer} at {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC{(touch.Closes ? "; the offer's follow-up is closed" : string.Empty)}"));
            return ExitCodes.Success;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            return context.Fail(exception.Message);
        }
    }

    private static TouchKind? ParseKind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "emailed" or "email" => TouchKind.Emailed,
        "called" or "call" => TouchKind.Called,
        "meeting" => TouchKind.Meeting,
        "qualified" => TouchKind.Qualified,
        "disqualified" => TouchKind.Disqualified,
        "won" => TouchKind.Won,
        "lost" => TouchKind.Lost,
        "closed" or "close" => TouchKind.Closed,
        _ => null,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The argument and options <c>touch</c> and <c>close</c> share.</summary>
    private sealed class Parts
    {
        public Argument<string> Customer { get; } = new("customer")
        {
            Description = "The customer: a profile id, the id of one of its leads, or an e-mail address (as 'due' and 'report' print them).",
        };

        public Option<string?> Offer { get; } = new("--offer")
        {
            Description = "The offer (publisher.offer, or the offer id alone), as 'due' prints it; may be left out when the customer acted on one offer only.",
            HelpName = "offer",
        };

        public Option<string?> Reason { get; } = new("--reason") { Description = "Why (required for disqualified; kept in the touch's note).", HelpName = "text" };

        public Option<string?> Note { get; } = new("--note") { Description = "A note kept with the touch (no personal data needed).", HelpName = "text" };

        public Option<string?> By { get; } = new("--by") { Description = "Who did it.", HelpName = "name" };

        public Option<DateTimeOffset?> At { get; } = new("--at")
        {
            Description = "When it was done (ISO 8601; UTC when no offset); default: now (--now or the system clock).",
            HelpName = "time",
            CustomParser = static result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value))
                {
                    return value;
                }

                result.AddError($"--at must be an ISO 8601 time such as 2026-11-01T09:00:00Z; it is '{text}'.");
                return null;
            },
        };

        public void AddTo(Command command)
        {
            command.Arguments.Add(Customer);
            command.Options.Add(Offer);
            command.Options.Add(Reason);
            command.Options.Add(Note);
            command.Options.Add(By);
            command.Options.Add(At);
        }
    }
}
