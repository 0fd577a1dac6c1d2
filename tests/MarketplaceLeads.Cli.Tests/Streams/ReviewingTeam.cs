using System;
using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;

namespace MarketplaceLeads.Cli.Tests.Streams;

/// <summary>
/// The people who work the review queue (issue #16, 1: a possible duplicate of a do-not-contact customer is held back until
/// someone reviews the pair). At each check moment, before <c>due</c>, they read <c>review list --format json</c> from the top
/// (do-not-contact pairs first, as the CLI lists them) and decide up to <see cref="PerMoment"/> pairs: <c>review accept</c>
/// when the two profiles are one person, <c>review reject</c> when they are not. They know the people (the stream's truth),
/// as a salesperson who looks at both customers does; a profile is taken to be the person of the lead that founded it (its
/// id), the customer the CLI shows for it.
/// </summary>
/// <param name="PerMoment">How many pairs the team decides at each check moment (its capacity).</param>
internal sealed record ReviewingTeam(int PerMoment)
{
    /// <summary>
    /// The team the documented runs use: one pair per 250 people at each of the day's three check moments, at least 5 (40 at
    /// 10,000 people, which keeps the pairs with a do-not-contact customer from waiting past a moment; half that leaves some
    /// waiting for days).
    /// </summary>
    public static ReviewingTeam For(int people) => new(Math.Max(5, people / 250));

    /// <summary>Gets the pairs accepted (merged) so far.</summary>
    public int Accepted { get; private set; }

    /// <summary>Gets the pairs rejected (kept apart) so far.</summary>
    public int Rejected { get; private set; }

    /// <summary>Gets the pairs the team could not decide (a profile whose founding lead the stream does not know).</summary>
    public int Skipped { get; private set; }

    /// <summary>Gets the pairs waiting at the last moment, after the team's reviews.</summary>
    public int LeftInQueue { get; private set; }

    /// <summary>Gets the pairs with a do-not-contact customer (those that hold a customer back) waiting at the last moment.</summary>
    public int DoNotContactLeftInQueue { get; private set; }

    /// <summary>Gets the most pairs with a do-not-contact customer left waiting after the team's reviews at any moment.</summary>
    public int MaxDoNotContactLeft { get; private set; }

    /// <summary>Reviews the top of the queue in <paramref name="database"/> at <paramref name="now"/>.</summary>
    public async Task ReviewAsync(string database, string now, StreamScorer scorer)
    {
        var decided = 0;
        var skipped = new System.Collections.Generic.HashSet<(string, string)>();
        var waiting = 0;
        var waitingDnc = 0;
        var relist = true;
        while (relist && decided < PerMoment)
        {
            // An accepted pair merges a profile that later pairs of the same list may name: the queue is read again after it.
            relist = false;
            var list = await CliRunner.RunAsync("review", "list", "--db", database, "--now", now, "--format", "json");
            if (list.ExitCode != ExitCodes.Success)
            {
                throw new InvalidOperationException($"review list failed at {now}: {list.Error}");
            }

            using var document = JsonDocument.Parse(list.Output);
            var pairs = document.RootElement.GetProperty("pairs");
            waiting = pairs.GetArrayLength();
            waitingDnc = 0;
            foreach (var pair in pairs.EnumerateArray())
            {
                waitingDnc += pair.GetProperty("doNotContact").GetBoolean() ? 1 : 0;
            }

            foreach (var pair in pairs.EnumerateArray())
            {
                if (decided == PerMoment)
                {
                    break;
                }

                var first = pair.GetProperty("first").GetProperty("profileId").GetString()!;
                var second = pair.GetProperty("second").GetProperty("profileId").GetString()!;
                if (scorer.PersonOfProfile(first) is not { } a || scorer.PersonOfProfile(second) is not { } b)
                {
                    if (skipped.Add((first, second)))
                    {
                        Skipped++;
                    }

                    continue;
                }

                var accept = a == b;
                var run = await CliRunner.RunAsync("review", accept ? "accept" : "reject", first, second, "--db", database, "--now", now, "--by", "sales team");
                if (run.ExitCode != ExitCodes.Success)
                {
                    throw new InvalidOperationException($"review {(accept ? "accept" : "reject")} failed at {now}: {run.Error}");
                }

                decided++;
                waiting--;
                waitingDnc -= pair.GetProperty("doNotContact").GetBoolean() ? 1 : 0;
                if (accept)
                {
                    Accepted++;
                    relist = true;
                    break;
                }

                Rejected++;
            }
        }

        LeftInQueue = waiting;
        DoNotContactLeftInQueue = waitingDnc;
        MaxDoNotContactLeft = Math.Max(MaxDoNotContactLeft, waitingDnc);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"reviewing team: up to {PerMoment} pairs a moment; {Accepted} accepted, {Rejected} rejected, {Skipped} skipped, {LeftInQueue} waiting at the end ({DoNotContactLeftInQueue} with a do-not-contact customer; at most {MaxDoNotContactLeft} such after any moment's reviews)");
}
