using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;
using MarketplaceLeads.PostgreSql.Tests;
using MarketplaceLeads.ScaleOut;
using MarketplaceLeads.Testing.Corpora;
using Xunit.Abstractions;

namespace MarketplaceLeads.Cli.Tests;

/// <summary>
/// Issue #19's multi-process test at CI size (<see cref="ScaleOutRun"/>; the benchmark's <c>--scale-out-check</c> runs it at
/// any size): three <c>marketplace-leads serve</c> processes on one PostgreSQL schema, the leads of the Atlantic corpus
/// (households, switchboards, namesakes, name changes: another design than the benchmark's synthetic people) posted at 16
/// connections to random processes, a tenth of them twice to another process, one process killed with SIGKILL at 40 %
/// of the answers and started again. The profiles must be those of one process adding the same leads in the order the
/// processes decided them; a batch run, which decides in the leads' own time order, may differ in a few (counted in the output).
/// </summary>
public sealed class ScaleOutTests(PostgresFixture server, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task ThreeServeProcesses_OneKilledMidRun_StoreEveryAcknowledgedLeadOnce_WithTheProfilesOfOneProcessInTheirOrder()
    {
        using var folder = new TempFolder();
        var leads = new AtlanticCorpus().Generate(700, 11).Select(l => l.Lead).ToArray();
        var settings = new ScaleOutSettings(Path.Combine(AppContext.BaseDirectory, "marketplace-leads.dll"), server.ConnectionString, server.NewSchemaName(), folder.Path)
        {
            Processes = 3,
            Connections = 16,
            ClaimLease = TimeSpan.FromSeconds(3),
        };
        using var log = new StringWriter();

        var result = await ScaleOutRun.RunAsync(settings, leads, log);

        output.WriteLine(log.ToString());
        output.WriteLine($"{result.Requests} requests, {result.RequestsPerSecond:F0}/s, p50 {result.P50:F1} ms, p99 {result.P99:F1} ms, {result.Retries} retried; {result.Profiles} profiles, a batch run's differ in {result.ProfilesNotAsBatch}");
        var problems = result.Problems();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems) + Environment.NewLine + log + Logs(result, folder));
        Assert.True(result.Retries > 0, "no post met the killed process: the kill came too late to test anything");
        Assert.Equal(result.Leads, result.Acknowledged); // every lead was acknowledged once the retries found a live process
        Assert.Equal(result.Leads, result.Journaled);
        Assert.True(result.Requests > result.Leads, "no lead was posted twice");
    }

    private static string Logs(ScaleOutResult result, TempFolder folder)
    {
        var diff = Path.Combine(folder.Path, "profiles-diff.txt");
        return string.Join(Environment.NewLine, result.Logs.Where(File.Exists).Select(f => $"--- {Path.GetFileName(f)}:{Environment.NewLine}{string.Join(Environment.NewLine, File.ReadLines(f).TakeLast(40))}"))
            + (File.Exists(diff) ? Environment.NewLine + File.ReadAllText(diff) : string.Empty);
    }
}
