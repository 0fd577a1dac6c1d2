using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using Npgsql;

namespace MarketplaceLeads.ScaleOut;

/// <summary>
/// Issue #19's multi-process scale test, shared by the benchmark (<c>--scale-out-check</c>, any size) and a CI-sized test
/// (<c>MarketplaceLeads.Cli.Tests</c>): several <c>marketplace-leads serve</c> processes on one PostgreSQL schema, each a
/// real receiver on its own loopback port; client loops post the leads (a share of them twice, to another process, as
/// the marketplace's retries would be), every post to a process chosen at random so that one person's leads reach
/// different processes; one process is killed with SIGKILL mid-run and started again on its port. A post that meets the
/// dead process (refused or cut off) goes to the next process, as a load balancer's retry would. Afterwards the check
/// counts what the database holds against what was acknowledged and compares the profiles with one batch run of the
/// same leads.
/// </summary>
internal sealed class ScaleOutRun
{
    /// <summary>The receiver's shared secret in the processes' configuration (a test value, not a secret).</summary>
    private const string Key = "scale-out-check-key-0123456789";

    private readonly ScaleOutSettings _settings;
    private readonly TextWriter _log;
    private readonly ServeProcess[] _processes;

    private ScaleOutRun(ScaleOutSettings settings, TextWriter log)
    {
        _settings = settings;
        _log = log;
        _processes = new ServeProcess[settings.Processes];
    }

    /// <summary>Runs the check on <paramref name="leads"/> (distinct leads; each is posted once, a share twice) and returns what it measured and found.</summary>
    public static async Task<ScaleOutResult> RunAsync(ScaleOutSettings settings, IReadOnlyList<Lead> leads, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(leads);
        var run = new ScaleOutRun(settings, log);
        try
        {
            return await run.RunAsync(leads, cancellationToken);
        }
        finally
        {
            foreach (var process in run._processes)
            {
                process?.Dispose();
            }
        }
    }

    private async Task<ScaleOutResult> RunAsync(IReadOnlyList<Lead> generated, CancellationToken cancellationToken)
    {
        // The leads as the receivers read them (their ids come from the content they carry), one per content.
        var leads = ReadAsPosted(generated);
        var plan = Plan(leads);
        var config = WriteConfig();
        var started = Stopwatch.StartNew();
        for (var i = 0; i < _processes.Length; i++)
        {
            _processes[i] = new ServeProcess(_settings.CliPath, config, FreePort(), Path.Combine(_settings.WorkDirectory, $"serve-{i}.log"));
        }

        await Task.WhenAll(_processes.Select(p => p.StartAsync(cancellationToken)));
        _log.WriteLine($"  {_processes.Length} processes up in {started.Elapsed.TotalSeconds:F1} s; posting {plan.Length:N0} requests ({leads.Count:N0} leads, {plan.Length - leads.Count:N0} sent twice) at {_settings.Connections} connections");

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = _settings.Connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(100) };
        var latencies = new double[plan.Length];
        var acknowledged = new ConcurrentDictionary<LeadId, bool>();
        var statuses = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var failures = new ConcurrentQueue<string>();
        var next = -1;
        var done = 0;
        var retries = 0;
        var killAt = (int)(plan.Length * _settings.KillAt);
        var killed = 0;
        Task? restart = null;
        TimeSpan killedAfter = default, restartedAfter = default;
        var posting = Stopwatch.StartNew();

        async Task LoopAsync()
        {
            while (Interlocked.Increment(ref next) is var index && index < plan.Length)
            {
                var post = plan[index];
                var target = post.Process;
                var begun = Stopwatch.GetTimestamp();
                for (var attempt = 1; ; attempt++)
                {
                    var (status, body) = await PostAsync(client, _processes[target].Address, post.Payload, cancellationToken);
                    if (status is null || (status >= 500 && attempt < 2 * _processes.Length))
                    {
                        // The process is down or being killed: the next one, as a load balancer would.
                        Interlocked.Increment(ref retries);
                        target = (target + 1) % _processes.Length;
                        await Task.Delay(attempt * 10, cancellationToken);
                        continue;
                    }

                    latencies[index] = Stopwatch.GetElapsedTime(begun).TotalMilliseconds;
                    statuses.AddOrUpdate(status.Value.ToString(CultureInfo.InvariantCulture), 1, static (_, n) => n + 1);
                    if (status == 200)
                    {
                        acknowledged[post.Lead] = true;
                    }
                    else if (failures.Count < 10)
                    {
                        failures.Enqueue($"{status}: {body?[..Math.Min(body.Length, 300)]}");
                    }

                    break;
                }

                if (Interlocked.Increment(ref done) == killAt && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    // SIGKILL mid-run, then the same process again on its port a moment later.
                    var victim = _processes[^1];
                    victim.Kill();
                    killedAfter = posting.Elapsed;
                    _log.WriteLine($"  killed process {_processes.Length - 1} (SIGKILL) after {done:N0} answers, {killedAfter.TotalSeconds:F1} s");
                    restart = Task.Run(
                        async () =>
                        {
                            await Task.Delay(_settings.RestartDelay, cancellationToken);
                            await victim.StartAsync(cancellationToken);
                            restartedAfter = posting.Elapsed;
                            _log.WriteLine($"  process {_processes.Length - 1} started again, {restartedAfter.TotalSeconds:F1} s");
                        },
                        cancellationToken);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, _settings.Connections).Select(_ => Task.Run(LoopAsync, cancellationToken)));
        var postingTime = posting.Elapsed;
        if (restart is not null)
        {
            await restart;
        }

        // Every process keeps delivering, and takes over the killed one's claims once their lease has expired.
        var draining = Stopwatch.StartNew();
        long pending;
        while ((pending = await ScalarAsync("SELECT count(*) FROM journal_pending", cancellationToken)) > 0 && draining.Elapsed < _settings.DrainTimeout)
        {
            await Task.Delay(200, cancellationToken);
        }

        var drainTime = draining.Elapsed;
        var exitCodes = await Task.WhenAll(_processes.Select(p => p.StopAsync()));
        _log.WriteLine($"  posting {postingTime.TotalSeconds:F1} s, pending drained in {drainTime.TotalSeconds:F1} s ({pending:N0} left), processes stopped: exit codes {string.Join(' ', exitCodes)}");

        var result = await VerifyAsync([.. leads.Select(l => l.Lead)], acknowledged.Keys.ToHashSet(), cancellationToken);
        Array.Sort(latencies);
        return result with
        {
            Requests = plan.Length,
            Leads = leads.Count,
            Retries = retries,
            Statuses = new SortedDictionary<string, int>(statuses, StringComparer.Ordinal),
            Failures = [.. failures],
            PostingTime = postingTime,
            RequestsPerSecond = plan.Length / postingTime.TotalSeconds,
            P50 = Percentile(latencies, 0.50),
            P90 = Percentile(latencies, 0.90),
            P99 = Percentile(latencies, 0.99),
            Max = latencies.Length == 0 ? double.NaN : latencies[^1],
            KilledAfter = killedAfter,
            RestartedAfter = restartedAfter,
            DrainTime = drainTime,
            ExitCodes = exitCodes,
            Logs = [.. _processes.Select(p => p.LogPath)],
        };
    }

    /// <summary>What the database holds, against the acknowledged leads and a batch run of the leads it stored.</summary>
    private async Task<ScaleOutResult> VerifyAsync(IReadOnlyList<Lead> leads, HashSet<LeadId> acknowledged, CancellationToken cancellationToken)
    {
        var journaled = await IdsAsync("SELECT lead_id FROM journal_leads", cancellationToken);
        var delivered = await IdsAsync("SELECT lead_id FROM leads", cancellationToken);
        var deliveredRows = await ScalarAsync("SELECT count(*) FROM leads", cancellationToken);
        var pending = await ScalarAsync("SELECT count(*) FROM journal_pending", cancellationToken);
        var claimed = await ScalarAsync("SELECT count(*) FROM journal_payloads", cancellationToken);
        var deadLetters = await ScalarAsync("SELECT count(*) FROM dead_letters", cancellationToken);
        var leadProfiles = await PairsAsync("SELECT lead_id, profile_id FROM dedup_leads", cancellationToken);
        var sinkProfiles = await PairsAsync("SELECT lead_id, profile_id FROM leads", cancellationToken);
        var profileRows = await ScalarAsync("SELECT count(*) FROM profiles", cancellationToken);

        // The leads as the receivers stored them (a lead posted but never acknowledged may be stored or not, depending on when
        // the kill came), with the received-at times of their arrival, which survivorship reads.
        var reader = new LeadReader();
        // A test lead (the marketplace's own) is not delivered: its JSON stays in the identity store's row.
        var storedJson = await PairsAsync("SELECT lead_id, lead_json FROM leads UNION ALL SELECT lead_id, lead_json FROM dedup_leads WHERE lead_json IS NOT NULL", cancellationToken);
        var testLeads = await IdsAsync("SELECT lead_id FROM dedup_leads WHERE outcome = 'TestLead'", cancellationToken);
        var stored = storedJson.Values
            .Select(json => reader.ReadJsonLine(System.Text.Encoding.UTF8.GetBytes(json)).Lead ?? throw new InvalidOperationException("A stored lead does not read back."))
            .ToList();
        var actual = Partition(leadProfiles.GroupBy(p => p.Value, StringComparer.Ordinal).Select(g => g.Select(p => p.Key)));

        // One process adding those leads in the order the processes decided them (the identity store's decided_seq, numbered
        // as each decision is saved, under the locks of what it read), in memory: what the processes must have made. Decisions
        // depend on the order they see (a lead with a typo that comes first founds a profile later leads may not join), and a
        // batch run decides in the leads' own time order (created, else received), not in the order they reached the
        // processes, so a batch run may differ in a few profiles: counted, not held against the processes.
        var acceptedOrder = await PairsAsync("SELECT lead_id, seq::text FROM journal_leads", cancellationToken);
        var decidedOrder = await PairsAsync("SELECT lead_id, decided_seq::text FROM dedup_leads", cancellationToken);
        long Accepted(Lead lead) => long.Parse(acceptedOrder[lead.Id.ToString()], CultureInfo.InvariantCulture);
        long Decided(Lead lead) => decidedOrder.TryGetValue(lead.Id.ToString(), out var seq) ? long.Parse(seq, CultureInfo.InvariantCulture) : long.MaxValue;
        using var oneProcess = new LeadDeduplicator();
        var expected = await IncrementalAsync(oneProcess, stored.OrderBy(Decided).ThenBy(Accepted), cancellationToken);
        var batch = Partition(new LeadDeduplicator().Deduplicate(stored).Profiles.Select(p => p.Leads.Select(l => l.Id.ToString())));
        var notAsOneProcess = expected.Except(actual, StringComparer.Ordinal).Count();
        if (notAsOneProcess > 0)
        {
            // Which it is: one process on a PostgreSQL store of its own, the same leads in the same order, agrees with the
            // one in memory (then it is the concurrency) or with the processes (then it is how the PostgreSQL store decides).
            await using var database = new MarketplaceLeads.PostgreSql.PostgreSqlLeadDatabase(new MarketplaceLeads.PostgreSql.PostgreSqlLeadsOptions { ConnectionString = _settings.ConnectionString, SchemaName = _settings.Schema + "_replay" });
            await database.MigrateAsync(cancellationToken);
            using var replay = new LeadDeduplicator(null, database.CreateDeduplicationStore());
            var onPostgreSql = await IncrementalAsync(replay, stored.OrderBy(Decided).ThenBy(Accepted), cancellationToken);
            _log.WriteLine($"  diagnosis: one process on PostgreSQL, the same leads in the same order, differs from the processes in {onPostgreSql.Except(actual, StringComparer.Ordinal).Count()} profiles and from one process in memory in {onPostgreSql.Except(expected, StringComparer.Ordinal).Count()}");
            var byId = stored.ToDictionary(l => l.Id.ToString(), StringComparer.Ordinal);
            using var diff = new StreamWriter(Path.Combine(_settings.WorkDirectory, "profiles-diff.txt"));
            foreach (var (name, profiles) in (IEnumerable<(string, IEnumerable<string>)>)[("one process", expected.Except(actual, StringComparer.Ordinal)), ("the processes", actual.Except(expected, StringComparer.Ordinal))])
            {
                foreach (var profile in profiles)
                {
                    diff.WriteLine($"only in {name}:");
                    foreach (var id in profile.Split(' '))
                    {
                        var c = byId[id].Customer;
                        diff.WriteLine($"  {id} accepted {acceptedOrder[id]} decided {decidedOrder.GetValueOrDefault(id)} | {c.FirstName} | {c.LastName} | {c.Email} | {c.Phone} | {c.Company} | {c.Country}");
                    }
                }
            }
        }

        var sinkMismatches = sinkProfiles.Count(p => !leadProfiles.TryGetValue(p.Key, out var profile) || !string.Equals(profile, p.Value, StringComparison.Ordinal));
        var sinkProfileIds = sinkProfiles.Values.Distinct(StringComparer.Ordinal).Count();
        return new ScaleOutResult
        {
            Acknowledged = acknowledged.Count,
            AcknowledgedNotJournaled = acknowledged.Count(id => !journaled.Contains(id.ToString())),
            AcknowledgedNotDelivered = acknowledged.Count(id => !delivered.Contains(id.ToString()) && !testLeads.Contains(id.ToString())),
            Journaled = journaled.Count,
            TestLeads = testLeads.Count,
            DeliveredRows = deliveredRows,
            Delivered = delivered.Count,
            Pending = pending,
            PayloadsLeft = claimed,
            DeadLetters = deadLetters,
            Profiles = actual.Count,
            OneProcessProfiles = expected.Count,
            ProfilesNotAsOneProcess = notAsOneProcess,
            BatchProfiles = batch.Count,
            ProfilesNotAsBatch = batch.Except(actual, StringComparer.Ordinal).Count(),
            SinkProfileRows = profileRows,
            SinkProfileIds = sinkProfileIds,
            SinkLeadsInAnotherProfile = sinkMismatches,
        };
    }

    /// <summary>Adds the leads one by one, in the order given, and returns the profiles made.</summary>
    private static async Task<List<string>> IncrementalAsync(LeadDeduplicator deduplicator, IEnumerable<Lead> leads, CancellationToken cancellationToken)
    {
        foreach (var lead in leads)
        {
            await deduplicator.AddAsync(lead, cancellationToken);
        }

        var profiles = new List<IEnumerable<string>>();
        await foreach (var profile in deduplicator.Store.GetProfilesAsync(cancellationToken))
        {
            profiles.Add(profile.Leads.Select(l => l.Id.ToString()));
        }

        return Partition(profiles);
    }

    private static List<string> Partition(IEnumerable<IEnumerable<string>> profiles) =>
        [.. profiles.Select(p => string.Join(' ', p.Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal)];

    /// <summary>Writes each lead as the marketplace posts it and reads it back as the receiver does; a lead whose content repeats an earlier one is left out (it would be the same lead).</summary>
    private static List<(Lead Lead, byte[] Payload)> ReadAsPosted(IReadOnlyList<Lead> generated)
    {
        var reader = new LeadReader();
        var seen = new HashSet<LeadId>();
        var leads = new List<(Lead Lead, byte[] Payload)>(generated.Count);
        foreach (var lead in generated)
        {
            var payload = LeadHttpsPayload.SerializeToUtf8Bytes(lead);
            if (reader.ReadHttpsPayloads(payload) is not [{ Lead: { } posted }])
            {
                throw new InvalidOperationException("A generated lead does not read back as one lead.");
            }

            if (seen.Add(posted.Id))
            {
                leads.Add((posted, payload));
            }
        }

        return leads;
    }

    /// <summary>The posts: every lead once, a share of them a second time later to another process; each post to a random process.</summary>
    private Post[] Plan(List<(Lead Lead, byte[] Payload)> leads)
    {
        var random = new Random(_settings.Seed);
        var posts = new List<(double Order, Post Post)>(leads.Count * 2);
        for (var i = 0; i < leads.Count; i++)
        {
            var (lead, payload) = leads[i];
            var process = random.Next(_settings.Processes);

            // Roughly in the leads' order (a person's leads close together, so they often meet at two processes at once).
            posts.Add((i + (random.NextDouble() * 8), new Post(lead.Id, payload, process)));
            if (random.NextDouble() < _settings.RedeliveryShare)
            {
                posts.Add((i + 8 + (random.NextDouble() * 64), new Post(lead.Id, payload, (process + 1 + random.Next(_settings.Processes - 1)) % _settings.Processes)));
            }
        }

        return [.. posts.OrderBy(p => p.Order).Select(p => p.Post)];
    }

    private string WriteConfig()
    {
        var root = new JsonObject
        {
            ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } },
            ["MarketplaceLeads"] = new JsonObject
            {
                ["Receiver"] = new JsonObject { ["SharedSecret"] = Key },
                ["PostgreSql"] = new JsonObject
                {
                    // Each process's pool is capped near the connections the load program opens, so that several processes
                    // (and whatever else shares the server, such as a parallel test run) stay within its max_connections.
                    ["ConnectionString"] = new NpgsqlConnectionStringBuilder(_settings.ConnectionString) { MaxPoolSize = _settings.Connections + 8 }.ToString(),
                    ["Schema"] = _settings.Schema,
                    ["ClaimLease"] = _settings.ClaimLease.ToString("c", CultureInfo.InvariantCulture),
                },
            },
        };
        var path = Path.Combine(_settings.WorkDirectory, "appsettings.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    private static async Task<(int? Status, string? Body)> PostAsync(HttpClient client, Uri address, byte[] payload, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "/marketplace/leads")) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-MarketplaceLeads-Key", Key);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return ((int)response.StatusCode, body);
        }
        catch (HttpRequestException)
        {
            return (null, null); // refused, reset or cut off: the process is down
        }
        catch (IOException)
        {
            return (null, null);
        }
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private async Task<HashSet<string>> IdsAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private async Task<Dictionary<string, string>> PairsAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            pairs[reader.GetString(0)] = reader.GetString(1);
        }

        return pairs;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var path = new NpgsqlCommand($"SET search_path TO \"{_settings.Schema}\"", connection);
        await path.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>
    /// A free port below the ephemeral range. A killed process is started again on its port, and a port from the ephemeral
    /// range (what port 0 gives) can meanwhile become the local end of an outgoing connection (a load client's, Npgsql's):
    /// the restarted process then fails with "address already in use".
    /// </summary>
    private static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("No free loopback port between 20000 and 32000.");
    }

    private sealed record Post(LeadId Lead, byte[] Payload, int Process);

    /// <summary>One <c>marketplace-leads serve</c> child process on a fixed loopback port, its output appended to a log file.</summary>
    private sealed class ServeProcess(string cliPath, string config, int port, string logPath) : IDisposable
    {
        private readonly Lock _gate = new();
        private Process? _process;
        private StreamWriter? _log;

        public Uri Address { get; } = new($"http://127.0.0.1:{port}");

        public string LogPath => logPath;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in (string[])[cliPath, "serve", "--config", config, "--urls", Address.ToString().TrimEnd('/')])
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            lock (_gate)
            {
                _process = process;
            }

            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited)
                {
                    process.WaitForExit(); // the output read to its end, so the log holds why
                    throw new InvalidOperationException($"serve on port {port} exited with {process.ExitCode} while starting; {logPath} ends:{Environment.NewLine}{Tail()}");
                }

                try
                {
                    using var health = await client.GetAsync(new Uri(Address, "/healthz"), cancellationToken);
                    if (health.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(90))
                {
                }
                catch (TaskCanceledException) when (deadline.Elapsed < TimeSpan.FromSeconds(90) && !cancellationToken.IsCancellationRequested)
                {
                }

                if (deadline.Elapsed > TimeSpan.FromSeconds(90))
                {
                    throw new TimeoutException($"serve on port {port} did not answer /healthz within 90 s; see {logPath}");
                }

                await Task.Delay(50, cancellationToken);
            }
        }

        /// <summary>Kills the process if it still runs and closes its log.</summary>
        public void Dispose()
        {
            Kill();
            lock (_gate)
            {
                _log?.Dispose();
                _log = null;
            }
        }

        /// <summary>SIGKILL: the process ends at once, with no shutdown.</summary>
        public void Kill()
        {
            lock (_gate)
            {
                if (_process is { HasExited: false } process)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                }
            }
        }

        /// <summary>SIGTERM (graceful: stop accepting, finish the leads in flight), then the exit code.</summary>
        public async Task<int> StopAsync()
        {
            Process? process;
            lock (_gate)
            {
                process = _process;
            }

            if (process is null)
            {
                return -1;
            }

            if (!process.HasExited)
            {
                using var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode;
        }

        private string Tail()
        {
            lock (_gate)
            {
                _log?.Flush();
            }

            if (!File.Exists(logPath))
            {
                return "(no output)";
            }

            using var reader = new StreamReader(new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var lines = reader.ReadToEnd().Split('\n');
            return string.Join(Environment.NewLine, lines.TakeLast(20));
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_gate)
                {
                    // One writer for every run of this process (a restarted one appends), flushed line by line, not a file opened per line.
                    _log ??= new StreamWriter(logPath, append: true) { AutoFlush = true };
                    _log.WriteLine(line);
                }
            }
        }
    }
}

/// <summary>What <see cref="ScaleOutRun"/> runs.</summary>
internal sealed record ScaleOutSettings(string CliPath, string ConnectionString, string Schema, string WorkDirectory)
{
    public int Processes { get; init; } = 3;

    public int Connections { get; init; } = 32;

    /// <summary>Gets the share of leads posted a second time, to another process.</summary>
    public double RedeliveryShare { get; init; } = 0.1;

    /// <summary>Gets when the last process is killed, as a share of the answers.</summary>
    public double KillAt { get; init; } = 0.4;

    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the processes' claim lease: the killed process's pending leads are taken over this long after it died.</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(3);

    public int Seed { get; init; } = 19;
}

/// <summary>What <see cref="ScaleOutRun"/> measured and found.</summary>
internal sealed record ScaleOutResult
{
    public int Requests { get; init; }

    public int Leads { get; init; }

    public int Retries { get; init; }

    public IReadOnlyDictionary<string, int> Statuses { get; init; } = new Dictionary<string, int>();

    public IReadOnlyList<string> Failures { get; init; } = [];

    public TimeSpan PostingTime { get; init; }

    public double RequestsPerSecond { get; init; }

    public double P50 { get; init; }

    public double P90 { get; init; }

    public double P99 { get; init; }

    public double Max { get; init; }

    public TimeSpan KilledAfter { get; init; }

    public TimeSpan RestartedAfter { get; init; }

    public TimeSpan DrainTime { get; init; }

    public IReadOnlyList<int> ExitCodes { get; init; } = [];

    public IReadOnlyList<string> Logs { get; init; } = [];

    public int Acknowledged { get; init; }

    public int AcknowledgedNotJournaled { get; init; }

    public int AcknowledgedNotDelivered { get; init; }

    public int Journaled { get; init; }

    /// <summary>Gets how many of the journaled leads are the marketplace's test leads, which are not delivered.</summary>
    public int TestLeads { get; init; }

    public long DeliveredRows { get; init; }

    public int Delivered { get; init; }

    public long Pending { get; init; }

    public long PayloadsLeft { get; init; }

    public long DeadLetters { get; init; }

    public int Profiles { get; init; }

    public int BatchProfiles { get; init; }

    /// <summary>Gets how many profiles one process makes adding the leads in the order the processes decided them.</summary>
    public int OneProcessProfiles { get; init; }

    /// <summary>Gets how many profiles of one process adding the leads in the order the processes decided them the processes did not make (must be none).</summary>
    public int ProfilesNotAsOneProcess { get; init; }

    /// <summary>Gets how many profiles of a batch run (which decides in the leads' own time order) the processes did not make: decisions depend on the order they see.</summary>
    public int ProfilesNotAsBatch { get; init; }

    public long SinkProfileRows { get; init; }

    public int SinkProfileIds { get; init; }

    public int SinkLeadsInAnotherProfile { get; init; }

    /// <summary>Gets what is wrong, one line each; empty when every lead is accounted for.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Check(bool ok, string what)
        {
            if (!ok)
            {
                problems.Add(what);
            }
        }

        Check(Statuses.Keys.All(s => s == "200"), $"answers other than 200: {string.Join(", ", Statuses.Select(s => $"{s.Key} x{s.Value}"))}; first: {string.Join(" | ", Failures)}");
        Check(AcknowledgedNotJournaled == 0, $"{AcknowledgedNotJournaled} acknowledged leads are not in the journal");
        Check(AcknowledgedNotDelivered == 0, $"{AcknowledgedNotDelivered} acknowledged leads (not test leads) are not in the leads table");
        Check(DeliveredRows == Delivered, $"the leads table has {DeliveredRows} rows for {Delivered} lead ids");
        Check(Delivered + TestLeads == Journaled, $"{Journaled} leads journaled, {Delivered} delivered, {TestLeads} test leads (not delivered)");
        Check(Pending == 0, $"{Pending} deliveries still pending");
        Check(PayloadsLeft == 0, $"{PayloadsLeft} journal payloads left (claimed or undelivered)");
        Check(DeadLetters == 0, $"{DeadLetters} dead letters");
        Check(ProfilesNotAsOneProcess == 0, $"{ProfilesNotAsOneProcess} of the {OneProcessProfiles} profiles of one process adding the leads in the processes' decision order are not one of the {Profiles} profiles the processes made (see profiles-diff.txt)");
        Check(SinkLeadsInAnotherProfile == 0, $"{SinkLeadsInAnotherProfile} leads are in another profile in the sink's table than in the identity store");
        Check(SinkProfileRows == SinkProfileIds, $"{SinkProfileRows} profile rows for {SinkProfileIds} profiles the sink's leads point to");
        Check(ExitCodes.All(c => c == 0), $"exit codes {string.Join(' ', ExitCodes)}");
        return problems;
    }
}
