using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Benchmarks;

/// <summary>
/// The durable path at scale (issue #18): submits generated leads to the default pipeline on SQLite (<c>UseSqlite</c>, as
/// <c>marketplace-leads import</c> builds it: journal, de-duplication store and sink in one database) in a fresh database,
/// drains it, and prints one row per run: time, leads/s, peak working set, bytes the process wrote to disk, database size
/// per lead, and the same leads written by a hand-written baseline in the same run (one table, the lead's JSON, a reused
/// prepared command, one transaction per 1,000 leads, the same durability) with the ratio.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release -- --durable-check [leads...] [--one-person] [--durability normal|full]</c>: default 10,000 and
/// 100,000 leads of the seeded synthetic people (<see cref="DeduplicationLeads"/>); <c>--one-person</c> adds a run of
/// 10,000 leads of one person (one mailbox, one profile) beside 10,000 leads of different people, which shows whether a
/// lead's cost grows with its profile (<c>--person-leads N</c>: N leads instead of 10,000 in both). Durability defaults to <c>full</c>, the library's and the CLI's. Not a BenchmarkDotNet benchmark:
/// one cold run per row, so rows vary by some 10 % on a busy machine; the ratio is what to read. With
/// <c>MARKETPLACELEADS_DURABLE_KEEP=&lt;folder&gt;</c> each run's database is copied there (<c>durable-&lt;leads&gt;-&lt;people&gt;.db</c>) for <c>dbstat</c>.
/// </remarks>
internal static class DurableImportCheck
{
    /// <summary>The command-line switch that selects this check.</summary>
    public const string Switch = "--durable-check";

    private const double Megabyte = 1024 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        var counts = new List<int>();
        var onePerson = false;
        var personLeads = 10_000;
        var durability = SqliteDurability.Full;
        var chunk = 0; // as the import: see below
        var allocations = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--one-person":
                    onePerson = true;
                    break;
                case "--person-leads" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var leadsOfOne) && leadsOfOne >= 1:
                    onePerson = true;
                    personLeads = leadsOfOne;
                    i++;
                    break;
                case "--allocations":
                    allocations = true;
                    break;
                case "--chunk" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) && size >= 1:
                    chunk = size;
                    i++;
                    break;
                case "--commit-every" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var every) && every >= 0:
                    s_commitEvery = every;
                    i++;
                    break;
                case "--durability" when i + 1 < args.Length && Enum.TryParse<SqliteDurability>(args[i + 1], ignoreCase: true, out var parsed):
                    durability = parsed;
                    i++;
                    break;
                default:
                    if (!int.TryParse(args[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count < 1)
                    {
                        Console.Error.WriteLine($"{Switch}: '{args[i]}' is neither a number of leads, --one-person, --person-leads N, --allocations, --chunk N, --commit-every N nor --durability normal|full.");
                        return 2;
                    }

                    counts.Add(count);
                    break;
            }
        }

        if (counts.Count == 0 && !onePerson)
        {
            counts.AddRange([10_000, 100_000]);
        }

        if (chunk == 0)
        {
            chunk = s_commitEvery > 0 ? BulkChunk : CommittedChunk;
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Durable import check: SQLite, durability {durability}, {(chunk == 1 ? "one lead a submit, 256 in flight" : $"chunks of {chunk:N0} leads, {(s_commitEvery == 0 ? "a commit a chunk" : $"a commit every {s_commitEvery:N0} leads")}")}, .NET {Environment.Version}, {Environment.ProcessorCount} logical cores"));
        Console.WriteLine("| leads | people | pipeline (s) | leads/s | CPU (s) | peak working set (MB) | written to disk (MB) | database (MB) | bytes/lead | baseline (s) | baseline leads/s | ratio |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        await WarmUpAsync(durability, chunk);
        if (onePerson)
        {
            // Twice: the first pair pays the JIT for what the warm-up did not run (one person's leads join; most others do not).
            for (var round = 0; round < 2; round++)
            {
                await MeasureAsync(DeduplicationLeads.Generate(personLeads), "many", durability, chunk, allocations);
                await MeasureAsync(OnePerson(personLeads), "one", durability, chunk, allocations);
            }
        }

        foreach (var count in counts)
        {
            await MeasureAsync(DeduplicationLeads.Generate(count), "many", durability, chunk, allocations);
        }

        return 0;
    }

    /// <summary>A short run first, so that the measured runs start with the code compiled.</summary>
    private static async Task WarmUpAsync(SqliteDurability durability, int chunk)
    {
        var leads = DeduplicationLeads.Generate(2_000, seed: 7);
        using var folder = new TemporaryFolder();
        await RunPipelineAsync(leads, Path.Combine(folder.Path, "warm.db"), durability, chunk);
        Baseline(leads, Path.Combine(folder.Path, "warm-baseline.db"), durability);
    }

    /// <summary>Leads of one person: the first generated lead again and again, each with its own id and time (one mailbox, one profile).</summary>
    private static Lead[] OnePerson(int count)
    {
        var first = DeduplicationLeads.Generate(1)[0];
        var leads = new Lead[count];
        for (var i = 0; i < count; i++)
        {
            leads[i] = first with
            {
                Id = LeadId.FromKey("one-person", i.ToString(CultureInfo.InvariantCulture)),
                ReceivedAt = first.ReceivedAt.AddMinutes(i),
                CreatedAt = first.ReceivedAt.AddMinutes(i),
            };
        }

        return leads;
    }

    private static async Task MeasureAsync(Lead[] leads, string people, SqliteDurability durability, int chunk, bool allocations)
    {
        using var folder = new TemporaryFolder();
        var database = Path.Combine(folder.Path, "leads.db");
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        PeakWorkingSet.TryReset();
        var writtenBefore = BytesWritten();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var pauseBefore = GC.GetTotalPauseDuration();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var collectionsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        using var allocationTypes = allocations ? new AllocationTypeListener() : null;
        var watch = Stopwatch.StartNew();
        await RunPipelineAsync(leads, database, durability, chunk);
        watch.Stop();
        allocationTypes?.Print(leads.Length);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {leads.Length:N0} leads: GC paused {(GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds:N2} s, {(GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore) / Megabyte:N0} MB allocated ({(GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore) / leads.Length:N0} B a lead), collections gen0/1/2 {GC.CollectionCount(0) - collectionsBefore.Item1}/{GC.CollectionCount(1) - collectionsBefore.Item2}/{GC.CollectionCount(2) - collectionsBefore.Item3}"));
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var peak = process.PeakWorkingSet64;
        var written = BytesWritten() - writtenBefore;
        var size = SizeOf(database);
        if (Environment.GetEnvironmentVariable("MARKETPLACELEADS_DURABLE_KEEP") is { Length: > 0 } keep)
        {
            // For dbstat and the like: the pipeline's database, copied before the folder goes.
            SqliteConnection.ClearAllPools();
            File.Copy(database, Path.Combine(keep, string.Create(CultureInfo.InvariantCulture, $"durable-{leads.Length}-{people}.db")), overwrite: true);
        }

        var baselineWatch = Stopwatch.StartNew();
        Baseline(leads, Path.Combine(folder.Path, "baseline.db"), durability);
        baselineWatch.Stop();

        var seconds = watch.Elapsed.TotalSeconds;
        var baseline = baselineWatch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {leads.Length:N0} | {people} | {seconds:N2} | {leads.Length / seconds:N0} | {cpu.TotalSeconds:N2} | {peak / Megabyte:N0} | {(written < 0 ? "n/a" : (written / Megabyte).ToString("N0", CultureInfo.InvariantCulture))} | {size / Megabyte:N1} | {size / leads.Length:N0} | {baseline:N2} | {leads.Length / baseline:N0} | {seconds / baseline:N1} |"));
    }

    /// <summary>The import's <see cref="SqliteLeadsOptions.BulkCommitLeads"/> (<c>--commit-every</c>; 0: a commit a chunk, as before).</summary>
    private static int s_commitEvery = SqliteLeadsOptions.ImportBulkCommitLeads;

    /// <summary>The leads the import command submits together when each chunk is committed (<c>ImportCommand.CommittedChunkSize</c>).</summary>
    private const int CommittedChunk = 10_000;

    /// <summary>The leads the import command submits together when it commits in bulk (<c>ImportCommand.BulkChunkSize</c>).</summary>
    private const int BulkChunk = 2_000;

    /// <summary>The largest sink batch the pipeline allows (<c>MarketplaceLeadsOptions.MaxBatchSize</c>).</summary>
    private const int MaxSinkBatch = 10_000;

    /// <summary>The default pipeline on SQLite, as the CLI's <c>import</c> builds it: submits every lead (in chunks, one journaled while the next is read, as the import does; or one by one with 256 in flight), then stops, which delivers them all.</summary>
    private static async Task RunPipelineAsync(Lead[] leads, string database, SqliteDurability durability, int chunk)
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads(o =>
            {
                o.ShutdownTimeout = TimeSpan.FromHours(1);
                if (chunk > 1)
                {
                    // As the import command's pipeline: a sink's batch is a chunk, filled for up to a second.
                    o.MaxBatchSize = Math.Min(chunk, MaxSinkBatch);
                    o.BatchDelay = TimeSpan.FromSeconds(1);
                }
            })
            .UseSqlite(o =>
            {
                o.Path = database;
                o.Durability = durability;
                if (chunk > 1)
                {
                    o.CheckpointPages = SqliteLeadsOptions.ImportCheckpointPages; // as the import command's
                    o.BulkCommitLeads = s_commitEvery;
                }
            });
        await using var provider = services.BuildServiceProvider();
        var processor = provider.GetRequiredService<ILeadPipeline>();
        await processor.StartAsync();
        if (chunk > 1)
        {
            Task<IReadOnlyList<LeadSubmitResult>>? inFlight = null;
            for (var start = 0; start < leads.Length; start += chunk)
            {
                var results = new LeadReadResult[Math.Min(chunk, leads.Length - start)];
                for (var i = 0; i < results.Length; i++)
                {
                    results[i] = new LeadReadResult(leads[start + i]);
                }

                if (inFlight is not null)
                {
                    Check(await inFlight);
                }

                inFlight = processor.SubmitManyAsync(results).AsTask();
            }

            if (inFlight is not null)
            {
                Check(await inFlight);
            }

            static void Check(IReadOnlyList<LeadSubmitResult> answers)
            {
                foreach (var answer in answers)
                {
                    if (answer.Status is not (LeadSubmitStatus.Accepted or LeadSubmitStatus.AlreadyAccepted))
                    {
                        throw new InvalidOperationException($"Lead {answer.LeadId} was not accepted: {answer.Status}.");
                    }
                }
            }
        }
        else
        {
            await SubmitOneByOneAsync(processor, leads);
        }

        await processor.StopAsync();
        await provider.GetRequiredService<SqliteLeadDatabase>().FlushAsync(); // as the import command: every lead committed
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {leads.Length:N0} leads: {provider.GetRequiredService<SqliteLeadDatabase>().Commits:N0} commits"));
        SqliteConnection.ClearAllPools();
    }

    /// <summary>As the import command submitted before chunks: up to 256 leads in flight, answers taken in order (the journal commits in groups).</summary>
    private static async Task SubmitOneByOneAsync(ILeadPipeline processor, Lead[] leads)
    {
        var inFlight = new Queue<(Task<LeadSubmitResult> Submit, LeadId Lead)>(256);
        foreach (var lead in leads)
        {
            inFlight.Enqueue((processor.SubmitAsync(lead).AsTask(), lead.Id));
            if (inFlight.Count >= 256)
            {
                await CheckAsync(inFlight.Dequeue());
            }
        }

        while (inFlight.Count > 0)
        {
            await CheckAsync(inFlight.Dequeue());
        }

        static async ValueTask CheckAsync((Task<LeadSubmitResult> Submit, LeadId Lead) entry)
        {
            var result = await entry.Submit;
            if (result.Status is not (LeadSubmitStatus.Accepted or LeadSubmitStatus.AlreadyAccepted))
            {
                throw new InvalidOperationException($"Lead {entry.Lead} was not accepted: {result.Status}.");
            }
        }
    }

    /// <summary>What an application writes by hand: each lead's JSON in one table, a reused prepared command, a transaction per 1,000 leads.</summary>
    private static void Baseline(Lead[] leads, string database, SqliteDurability durability)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous={(durability == SqliteDurability.Full ? "FULL" : "NORMAL")}; CREATE TABLE leads(lead_id TEXT PRIMARY KEY, received_at TEXT NOT NULL, email TEXT, lead_json TEXT NOT NULL);";
            pragma.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT OR REPLACE INTO leads(lead_id, received_at, email, lead_json) VALUES ($id, $received, $email, $json)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var received = insert.Parameters.Add("$received", SqliteType.Text);
        var email = insert.Parameters.Add("$email", SqliteType.Text);
        var json = insert.Parameters.Add("$json", SqliteType.Text);
        for (var start = 0; start < leads.Length; start += 1_000)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = start; i < Math.Min(start + 1_000, leads.Length); i++)
            {
                var lead = leads[i];
                id.Value = lead.Id.ToString();
                received.Value = lead.ReceivedAt.ToString("O", CultureInfo.InvariantCulture);
                email.Value = (object?)lead.Customer.Email ?? DBNull.Value;
                json.Value = LeadJsonLines.Serialize(lead);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>The bytes this process has caused to be written to storage (Linux <c>/proc/self/io</c>), or -1.</summary>
    private static long BytesWritten()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/io"))
            {
                if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan("write_bytes:".Length).Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return -1;
    }

    /// <summary>The database's size on disk: the file, its write-ahead log and shared memory.</summary>
    private static long SizeOf(string database)
    {
        long size = 0;
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            var file = new FileInfo(database + suffix);
            size += file.Exists ? file.Length : 0;
        }

        return size;
    }

    /// <summary>A temporary folder, deleted with what it holds.</summary>
    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("marketplaceleads-durable-").FullName;

        public void Dispose()
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
