using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using MarketplaceLeads.Testing.Streams;
using Xunit.Abstractions;

namespace MarketplaceLeads.Cli.Tests.Streams;

/// <summary>
/// The follow-up outcome a sales team lives with (issue #16): a 14-day stream of leads from its own generator, imported moment
/// by moment through the CLI, <c>due</c> and <c>report</c> run three times a day, scored against the truth. The targets
/// are printed as met or not met; the assertions are floors at today's values, so that nothing gets worse
/// (docs/follow-up.md, "Measured outcome").
/// </summary>
public sealed class FollowUpStreamTests(ITestOutputHelper output)
{
    /// <summary>
    /// Per seed, with a team working the review queue at each moment (<see cref="ReviewingTeam.For"/>), today's values as floors (DNC senders leaked, people silenced, Contact me listed on time, people listed twice
    /// for one offer). Seeds 3 and 5 are used because at 300 people they each hold a case the large run shows by the dozen:
    /// a DNC sender still listed (seed 3) and a person silenced by a stranger's DNC (seed 5).
    /// </summary>
    private static readonly Dictionary<int, (int DncLeaked, int Silenced, double ContactMeRate, int ListedTwice)> Floors = new()
    {
        [3] = (0, 0, 1.0, 0), // today: 0 of 19 DNC senders leaked, 0 silenced, 235 of 235 Contact me listed, 0 listed twice (the team accepts the pair of the person in two profiles)
        [5] = (0, 1, 1.0, 0), // today: 0 of 26 leaked, 1 silenced (a stranger's DNC merged in: an identity error), 229 of 229 listed, 0 listed twice
    };

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public async Task Simulation_CiSizeStream_ScoresAtLeastTodaysOutcome(int seed)
    {
        var outcome = await StreamSimulation.RunAsync(LeadStream.Generate(300, seed), ReviewingTeam.For(300));
        output.WriteLine(outcome.ToString());

        Assert.Equal(0, outcome.ReadErrors);
        Assert.Equal(0, outcome.ImportFailures);
        Assert.Equal(0, outcome.IdCollisions);
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(60), $"the CI-size run took {outcome.Elapsed.TotalSeconds:0} s");

        // The targets are printed above (met / not met); these floors only keep the outcome from getting worse.
        var floor = Floors[seed];
        Assert.True(outcome.DncLeaked <= floor.DncLeaked, $"DNC senders listed after their DNC: {outcome.DncLeaked} > {floor.DncLeaked}");
        Assert.True(outcome.Silenced <= floor.Silenced, $"people silenced by someone else's DNC: {outcome.Silenced} > {floor.Silenced}");
        Assert.True(outcome.ContactMeRate >= floor.ContactMeRate, $"Contact me listed on time: {outcome.ContactMeRate:P1} < {floor.ContactMeRate:P1}");
        Assert.True(outcome.PeopleListedTwice <= floor.ListedTwice, $"people listed twice for one offer: {outcome.PeopleListedTwice} > {floor.ListedTwice}");
    }

    /// <summary>The documented run: <c>MARKETPLACELEADS_STREAM_PEOPLE=10000</c> (and optionally <c>MARKETPLACELEADS_STREAM_SEED</c>, and <c>MARKETPLACELEADS_STREAM_REVIEWS</c>: pairs reviewed a moment, 0 for no reviewing team; <see cref="ReviewingTeam.For"/> by default).</summary>
    [Fact]
    public async Task Simulation_LargeStream_PrintsTheOutcome()
    {
        if (Environment.GetEnvironmentVariable("MARKETPLACELEADS_STREAM_PEOPLE") is not { Length: > 0 } people)
        {
            output.WriteLine("set MARKETPLACELEADS_STREAM_PEOPLE (e.g. 10000) to run the large stream");
            return;
        }

        var seed = int.Parse(Environment.GetEnvironmentVariable("MARKETPLACELEADS_STREAM_SEED") ?? "7", CultureInfo.InvariantCulture);
        var count = int.Parse(people, CultureInfo.InvariantCulture);
        var team = Environment.GetEnvironmentVariable("MARKETPLACELEADS_STREAM_REVIEWS") is { Length: > 0 } reviews
            ? int.Parse(reviews, CultureInfo.InvariantCulture) is var perMoment && perMoment > 0 ? new ReviewingTeam(perMoment) : null
            : ReviewingTeam.For(count);
        var outcome = await StreamSimulation.RunAsync(LeadStream.Generate(count, seed), team);
        output.WriteLine(outcome.ToString());
        Assert.Equal(0, outcome.ReadErrors);
    }
}
