using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.ScaleOut;

namespace MarketplaceLeads.Benchmarks;

/// <summary>
/// <c>--scale-out-check [--posts N] [--connections N] [--processes N] [--lease-seconds N] [--kill-at-percent N]</c>: issue #19's multi-process
/// test at any size (<see cref="ScaleOutRun"/>): N <c>marketplace-leads serve</c> processes on one PostgreSQL schema
/// (the server named by <c>MARKETPLACELEADS_POSTGRES</c>; <c>eng/start-postgres.sh</c> starts one), the leads of the
/// seeded synthetic people posted at N connections, a tenth of them twice, one process killed with SIGKILL at 40 % (of the answers; over 100: never) and
/// started again. Prints throughput and latency, and what the database holds against what was acknowledged and a batch
/// run; the exit code is 1 when anything is lost, doubled, left pending or not as the batch run made it.
/// </summary>
internal static class ScaleOutCheck
{
    public const string Switch = "--scale-out-check";

    public static async Task<int> RunAsync(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("MARKETPLACELEADS_POSTGRES");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("--scale-out-check needs a PostgreSQL server: eval \"$(bash eng/start-postgres.sh)\" sets MARKETPLACELEADS_POSTGRES.");
            return 2;
        }

        var posts = Option(args, "--posts", 30_000);
        var connections = Option(args, "--connections", 32);
        var processes = Option(args, "--processes", 3);
        var lease = Option(args, "--lease-seconds", 5);
        var killAt = Option(args, "--kill-at-percent", 40);
        // The tool's build output beside this one (artifacts/bin/MarketplaceLeads.Cli/release_net10.0: it names its framework).
        var tool = new DirectoryInfo(Path.Combine(AppContext.BaseDirectory, "..", "..", "MarketplaceLeads.Cli"));
        var cli = tool.Exists ? tool.GetFiles("marketplace-leads.dll", SearchOption.AllDirectories).Where(f => f.Directory!.Name.StartsWith("release", StringComparison.Ordinal)).Select(f => f.FullName).FirstOrDefault() : null;
        if (cli is null)
        {
            await Console.Error.WriteLineAsync($"The tool is not built: no marketplace-leads.dll under {tool.FullName} (dotnet build MarketplaceLeads.sln -c Release).");
            return 2;
        }

        // A tenth of the leads are posted twice: posts / 1.1 distinct leads.
        var leads = DeduplicationLeads.Generate((int)Math.Round(posts / 1.1)).DistinctBy(l => l.Id).ToArray();
        var work = Directory.CreateTempSubdirectory("scale-out-check-");
        var schema = "scale_out_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var settings = new ScaleOutSettings(cli, connectionString, schema, work.FullName)
        {
            Processes = processes,
            Connections = connections,
            ClaimLease = TimeSpan.FromSeconds(lease),
            KillAt = killAt / 100.0,
        };
        Console.WriteLine($"Scale-out check: {processes} serve processes on PostgreSQL (schema {schema}), {connections} connections, claim lease {lease} s, .NET {Environment.Version}, {Environment.ProcessorCount} logical cores; logs in {work.FullName}");
        var result = await ScaleOutRun.RunAsync(settings, leads, Console.Out);
        Console.WriteLine("| processes | connections | requests | leads | requests/s | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | answers | retried | acknowledged | journaled | delivered | pending | dead letters | profiles | one process | not as one process | batch | not as batch | killed at (s) | back at (s) | drain (s) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {processes} | {connections} | {result.Requests:N0} | {result.Leads:N0} | {result.RequestsPerSecond:N0} | {result.P50:F1} | {result.P90:F1} | {result.P99:F1} | {result.Max:F1} | {string.Join(", ", result.Statuses.Select(s => $"{s.Key}: {s.Value:N0}"))} | {result.Retries:N0} | {result.Acknowledged:N0} | {result.Journaled:N0} | {result.Delivered:N0} | {result.Pending:N0} | {result.DeadLetters:N0} | {result.Profiles:N0} | {result.OneProcessProfiles:N0} | {result.ProfilesNotAsOneProcess:N0} | {result.BatchProfiles:N0} | {result.ProfilesNotAsBatch:N0} | {result.KilledAfter.TotalSeconds:F1} | {result.RestartedAfter.TotalSeconds:F1} | {result.DrainTime.TotalSeconds:F1} |"));
        var problems = result.Problems();
        foreach (var problem in problems)
        {
            Console.WriteLine("PROBLEM: " + problem);
        }

        return problems.Count == 0 ? 0 : 1;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
