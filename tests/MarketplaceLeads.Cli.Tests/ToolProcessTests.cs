using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace MarketplaceLeads.Cli.Tests;

/// <summary>Runs the built tool (<c>dotnet marketplace-leads.dll …</c>) as a process, as a user would.</summary>
public sealed class ToolProcessTests
{
    [Fact]
    public async Task Tool_ImportThenReport_ExitsZeroAndPrintsTheReport()
    {
        using var folder = new TempFolder();
        var database = folder.File("leads.db");

        var import = await RunToolAsync(["import", .. CliRunner.SampleFiles, "--db", database, "--now", CliRunner.Now]);
        var report = await RunToolAsync("report", "--db", database, "--now", CliRunner.Now);

        Assert.Equal((0, "imported 2701 new, 40 already known, 0 rejected (3 files)", string.Empty), (import.ExitCode, import.Summary, import.Error));
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("Funnel by offer", report.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tool_MissingFile_ExitsOne()
    {
        using var folder = new TempFolder();

        var run = await RunToolAsync("import", folder.File("nope.csv"), "--db", folder.File("leads.db"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nope.csv", run.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue #18: the importing process is killed (SIGKILL, not an in-process abort) in the middle of a file; every lead
    /// its journal had accepted is delivered by the next import of the same file, which accepts the rest, so the database
    /// ends with every lead once, in the sink and in a profile.
    /// </summary>
    [Fact]
    public async Task Tool_KilledMidImport_LosesNoAcceptedLead_AndTheNextImportDeliversEveryLeadOnce()
    {
        using var folder = new TempFolder();
        var (database, file, leads) = await TwentyThousandLeadsAsync(folder);

        // Killed once its journal holds some leads that are not delivered yet. The import journals a chunk of 10,000 leads
        // in one commit and delivers it in one sink batch, so the moment lasts as long as the chunk's delivery — about half a
        // second now, which a poll every 20 ms on a loaded machine once missed (CI, 2026-12-07: killed with all 10,000 of the
        // first chunk delivered). The second chunk gives another such moment, with the whole file accepted.
        // --commit-every 0: each chunk committed before the import goes on (the bulk commits are the next test's).
        await ImportAndKillAsync(file, database, () => Count(database, "journal_leads") is var journaled and >= 1_000 && Count(database, "leads") < journaled, "--commit-every", "0");

        var accepted = Ids(database, "journal_leads");
        var deliveredBeforeTheKill = Count(database, "leads");
        Assert.InRange(accepted.Count, 1_000, LeadCount);
        Assert.True(deliveredBeforeTheKill < accepted.Count, $"the kill came when all {accepted.Count} accepted leads were delivered: nothing was left to recover"); // typically ~1,000 accepted, ~200 delivered

        var again = await RunToolAsync("import", file, "--db", database, "--now", CliRunner.Now);

        Assert.Equal((0, $"imported {LeadCount - accepted.Count} new, {accepted.Count} already known, 0 rejected (1 file)", string.Empty), (again.ExitCode, again.Summary, again.Error));
        var delivered = Ids(database, "leads");
        Assert.Equal(LeadCount, delivered.Count); // once each: lead_id is the sink table's key
        Assert.Superset(accepted, delivered); // every lead accepted before the kill was delivered
        Assert.Equal(leads.Select(static l => l.Id.ToString()).ToHashSet(), delivered);
        Assert.Equal(LeadCount, Count(database, "dedup_leads"));
    }

    /// <summary>
    /// Issue #18, chunked import: the process is killed once the SQLite sink has committed some of the leads, while the
    /// chunks accepted with them are still being de-duplicated and written: the next import delivers the rest of what was
    /// accepted, once each, and accepts the records never journaled.
    /// </summary>
    [Fact]
    public async Task Tool_KilledWhileAChunkIsDelivered_DeliversTheRestOfTheAcceptedLeadsOnce()
    {
        using var folder = new TempFolder();
        var (database, file, leads) = await TwentyThousandLeadsAsync(folder);

        // Some leads delivered, more accepted: a chunk (2,000 leads with bulk commits) is delivered in one sink batch, so the
        // moment comes once the next chunks are journaled. Bulk commits of 5,000 leads (the default is 100,000, more than the
        // file): the group is committed once the third chunk is journaled, with whatever of the chunks before was delivered,
        // so a commit holds the journal's, the identity store's and the sink's rows of those leads together, and the kill
        // loses the rest at once.
        await ImportAndKillAsync(file, database, () => Count(database, "leads") is var delivered && delivered > 0 && Count(database, "journal_leads") > delivered, "--commit-every", "5000");

        var accepted = Ids(database, "journal_leads");
        var delivered = Ids(database, "leads");
        Assert.NotEmpty(delivered);
        Assert.Superset(delivered, accepted);
        Assert.True(delivered.Count < accepted.Count, $"the kill came when all {accepted.Count} accepted leads were delivered: nothing was left to recover");

        var again = await RunToolAsync("import", file, "--db", database, "--now", CliRunner.Now);

        Assert.Equal((0, $"imported {LeadCount - accepted.Count} new, {accepted.Count} already known, 0 rejected (1 file)", string.Empty), (again.ExitCode, again.Summary, again.Error));
        Assert.Equal(leads.Select(static l => l.Id.ToString()).ToHashSet(), Ids(database, "leads"));
        Assert.Equal(LeadCount, Count(database, "leads")); // once each
        Assert.Equal(LeadCount, Count(database, "dedup_leads"));
        Assert.Equal(0, Count(database, "journal_pending"));
    }

    private const int LeadCount = 20_000;

    /// <summary>A file of 20,000 leads of different people, and where the tool's database goes.</summary>
    private static async Task<(string Database, string File, Lead[] Leads)> TwentyThousandLeadsAsync(TempFolder folder)
    {
        var file = folder.File("leads.jsonl");
        var leads = Enumerable.Range(0, LeadCount).Select(i => TestLeads.Person(i, minutes: i)).ToArray();
        await File.WriteAllLinesAsync(file, leads.Select(LeadJsonLines.Serialize));
        return (folder.File("leads.db"), file, leads);
    }

    /// <summary>Starts the tool importing <paramref name="file"/> and kills it (SIGKILL) once <paramref name="killWhen"/> holds (looked at every 20 ms, for up to two minutes).</summary>
    private static async Task ImportAndKillAsync(string file, string database, Func<bool> killWhen, params string[] options)
    {
        using var tool = StartTool(["import", file, "--db", database, "--now", CliRunner.Now, .. options]);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!tool.HasExited && !killWhen() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        tool.Kill(entireProcessTree: true);
        await tool.WaitForExitAsync();
    }

    private static Process StartTool(params string[] args)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "marketplace-leads.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The rows of a table, read alongside a writer (the database is in WAL mode); 0 while the table does not exist yet.</summary>
    private static long Count(string database, string table)
    {
        if (!File.Exists(database))
        {
            return 0;
        }

        try
        {
            using var connection = ReadOnly(database);
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM {table}";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // not created yet, or busy
        }
    }

    private static HashSet<string> Ids(string database, string table)
    {
        using var connection = ReadOnly(database);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT lead_id FROM {table}";
        using var reader = command.ExecuteReader();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static SqliteConnection ReadOnly(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task<CliRun> RunToolAsync(params string[] args)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "marketplace-leads.dll");
        Assert.True(File.Exists(tool), tool + " is built next to the tests");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliRun(process.ExitCode, await output, await error);
    }
}
