using System;
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
    [Fact]
    public async Task Simulation_CiSizeStream_ScoresAtLeastTodaysOutcome()
    {
        var outcome = await StreamSimulation.RunAsync(LeadStream.Generate(300, seed: 1));
        output.WriteLine(outcome.ToString());

        Assert.Equal(0, outcome.ReadErrors);
        Assert.Equal(0, outcome.ImportFailures);
        Assert.Equal(0, outcome.IdCollisions);
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(60), $"the CI-size run took {outcome.Elapsed.TotalSeconds:0} s");

        // Floors at today's values (seed 1: 0 of 29 DNC senders leaked, 0 silenced, 178 of 205 Contact me listed, 258 people
        // listed twice for one offer). The targets are printed above; these only keep the outcome from getting worse.
        Assert.True(outcome.DncLeaked <= 0, $"DNC senders listed after their DNC: {outcome.DncLeaked}");
        Assert.True(outcome.Silenced <= 0, $"people silenced by someone else's DNC: {outcome.Silenced}");
        Assert.True(outcome.ContactMeRate >= 0.868, $"Contact me listed on time: {outcome.ContactMeRate:P1}");
        Assert.True(outcome.PeopleListedTwice <= 258, $"people listed twice for one offer: {outcome.PeopleListedTwice}");
    }

    /// <summary>The documented run: <c>MARKETPLACELEADS_STREAM_PEOPLE=10000</c> (and optionally <c>MARKETPLACELEADS_STREAM_SEED</c>).</summary>
    [Fact]
    public async Task Simulation_LargeStream_PrintsTheOutcome()
    {
        if (Environment.GetEnvironmentVariable("MARKETPLACELEADS_STREAM_PEOPLE") is not { Length: > 0 } people)
        {
            output.WriteLine("set MARKETPLACELEADS_STREAM_PEOPLE (e.g. 10000) to run the large stream");
            return;
        }

        var seed = int.Parse(Environment.GetEnvironmentVariable("MARKETPLACELEADS_STREAM_SEED") ?? "7", CultureInfo.InvariantCulture);
        var outcome = await StreamSimulation.RunAsync(LeadStream.Generate(int.Parse(people, CultureInfo.InvariantCulture), seed));
        output.WriteLine(outcome.ToString());
        Assert.Equal(0, outcome.ReadErrors);
    }
}
