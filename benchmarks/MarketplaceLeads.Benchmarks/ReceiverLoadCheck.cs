using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.Benchmarks;

/// <summary>
/// The HTTPS receiver on SQLite under load (issue #18): the real endpoint (<c>MapMarketplaceLeads</c>) on Kestrel at
/// 127.0.0.1 (an ephemeral port), feeding the default pipeline on SQLite (<c>UseSqlite</c>: journal, de-duplication store
/// and sink in one temporary database) at the given durability, driven by N concurrent client loops (one keep-alive
/// connection each) that post distinct marketplace payloads (the seeded synthetic people of the de-duplication checks,
/// every request a new lead).
/// </summary>
/// <remarks>
/// <para>
/// <c>dotnet run -c Release -- --receiver-check [--connections 16] [--seconds 20] [--warmup 5] [--durability full|normal]</c>.
/// After the warm-up (not counted) it measures for the given seconds and prints one markdown row: requests/s, latency
/// percentiles (from sending the request to reading the whole answer), the answers by status code, the leads
/// delivered to the sink table per second while measuring (delivery runs behind acceptance: once the pipeline's queue,
/// <c>QueueCapacity</c>, is full, a request waits for a delivery), the leads
/// acknowledged (the <c>accepted</c> counts of the 200 answers, warm-up included), the leads in the journal and in the
/// SQLite sink table once the pipeline has stopped and drained, and how long that drain took (delivery to the sink runs
/// behind acceptance: a 200 means journaled, not yet delivered). Every answer must be a 200 and every acknowledged lead must be in the sink
/// table; anything else is printed and the exit code is 1.
/// </para>
/// <para>
/// The client runs in the same process as the server, on the same cores: what is measured is the whole loopback round
/// trip, client included. Not a BenchmarkDotNet benchmark: one run per row, so repeat it and read the spread.
/// </para>
/// </remarks>
internal static class ReceiverLoadCheck
{
    /// <summary>The command-line switch that selects this check.</summary>
    public const string Switch = "--receiver-check";

    private const string Secret = "load-check-secret-0123456789abcdef";

    public static async Task<int> RunAsync(string[] args)
    {
        var connections = 16;
        var seconds = 20;
        var warmup = 5;
        var durability = SqliteDurability.Full;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--connections" when TryPositive(value, out connections):
                case "--seconds" when TryPositive(value, out seconds):
                case "--warmup" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out warmup) && warmup >= 0:
                case "--durability" when Enum.TryParse(value, ignoreCase: true, out durability):
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"{Switch}: '{args[i]}' is not one of --connections N, --seconds N, --warmup N, --durability normal|full.");
                    return 2;
            }
        }

        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Receiver load check: {connections} connections, {warmup} s warm-up, {seconds} s measured, SQLite durability {durability}, .NET {Environment.Version}, {Environment.ProcessorCount} logical cores"));
        var folder = Directory.CreateTempSubdirectory("marketplaceleads-receiver-").FullName;
        try
        {
            return await RunAsync(Path.Combine(folder, "leads.db"), connections, TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds), durability);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool TryPositive(string? text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value > 0;

    private static async Task<int> RunAsync(string database, int connections, TimeSpan warmup, TimeSpan measured, SqliteDurability durability)
    {
        // Enough for 4,000 requests/s (twice the target); a loop that runs out stops and it is reported.
        var payloads = Payloads((int)Math.Min(2_000_000, ((warmup + measured).TotalSeconds * 4_000) + 1_000));
        var app = BuildApp(database, durability);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
        };
        using var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        var next = -1L;
        var started = Stopwatch.GetTimestamp();
        var measureFrom = started + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(measured.TotalSeconds * Stopwatch.Frequency);
        var loops = Enumerable.Range(0, connections).Select(_ => Task.Run(() => LoopAsync(client, payloads, () => Interlocked.Increment(ref next), measureFrom, measureTo))).ToArray();
        var delivered = CountDeliveredAsync(database, measureFrom, measureTo);
        var results = await Task.WhenAll(loops);
        var (deliveredAtStart, deliveredAtEnd) = await delivered;

        // Stopping the host stops the pipeline, which delivers every accepted lead before it returns.
        var drainFrom = Stopwatch.GetTimestamp();
        await app.StopAsync();
        var drain = Stopwatch.GetElapsedTime(drainFrom);
        await app.DisposeAsync();
        var inSink = CountRows(database, "leads");
        var inJournal = CountRows(database, "journal_leads");

        var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
        var measuredRequests = latencies.Length;
        var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (status, count) in results.SelectMany(r => r.Statuses))
        {
            statuses[status] = statuses.GetValueOrDefault(status) + count;
        }

        var acknowledged = results.Sum(r => r.Acknowledged);
        var errors = statuses.Where(s => s.Key != "200").Sum(s => s.Value);
        var lost = acknowledged - inSink;
        Console.WriteLine("| connections | durability | measured (s) | requests | requests/s | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | answers | errors | delivered/s | leads acknowledged | in journal | in sink table | lost | drain (s) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {connections} | {durability.ToString().ToLowerInvariant()} | {measured.TotalSeconds:N0} | {measuredRequests:N0} | {measuredRequests / measured.TotalSeconds:N0} | {Percentile(latencies, 0.50):N1} | {Percentile(latencies, 0.90):N1} | {Percentile(latencies, 0.99):N1} | {Percentile(latencies, 1.0):N1} | {string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value:N0}"))} | {errors:N0} | {(deliveredAtEnd - deliveredAtStart) / measured.TotalSeconds:N0} | {acknowledged:N0} | {inJournal:N0} | {inSink:N0} | {lost:N0} | {drain.TotalSeconds:N1} |"));
        foreach (var failure in results.SelectMany(r => r.Failures).Take(10))
        {
            Console.Error.WriteLine("error: " + failure);
        }

        if (errors != 0 || lost != 0)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FAILED: {errors} answers were not 200, and {lost} acknowledged leads are not in the sink table."));
            return 1;
        }

        return 0;
    }

    private static WebApplication BuildApp(string database, SqliteDurability durability)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders(); // logging is not what is measured; errors show in the answers
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(10));
        builder.Services.AddMarketplaceLeads(o => o.ShutdownTimeout = TimeSpan.FromMinutes(10))
            .UseSqlite(o =>
            {
                o.Path = database;
                o.Durability = durability;
            });
        var app = builder.Build();
        app.MapMarketplaceLeads("/leads", o => o.SharedSecret = Secret);
        return app;
    }

    /// <summary>One client loop: posts a new lead, waits for the answer, and again, until the measurement ends.</summary>
    private static async Task<LoopResult> LoopAsync(HttpClient client, byte[][] payloads, Func<long> next, long measureFrom, long measureTo)
    {
        var result = new LoopResult();
        while (true)
        {
            var number = next();
            if (number >= payloads.Length)
            {
                result.Failures.Add(string.Create(CultureInfo.InvariantCulture, $"all {payloads.Length:N0} generated payloads were sent before the end; this loop stopped early"));
                result.Statuses["no payload left"] = 1;
                return result;
            }

            var request = new HttpRequestMessage(HttpMethod.Post, "/leads") { Content = new ByteArrayContent(payloads[number]) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add("X-MarketplaceLeads-Key", Secret);
            var start = Stopwatch.GetTimestamp();
            if (start >= measureTo)
            {
                request.Dispose();
                return result;
            }

            string status;
            string? body = null;
            try
            {
                using var response = await client.SendAsync(request);
                body = await response.Content.ReadAsStringAsync();
                status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    result.Acknowledged += Accepted(body);
                }
            }
            catch (HttpRequestException ex)
            {
                status = "exception";
                body = ex.Message;
            }
            catch (TaskCanceledException)
            {
                status = "timeout";
            }
            finally
            {
                request.Dispose();
            }

            var end = Stopwatch.GetTimestamp();
            if (start >= measureFrom)
            {
                result.Latencies.Add((end - start) * 1000.0 / Stopwatch.Frequency);
                result.Statuses[status] = result.Statuses.GetValueOrDefault(status) + 1;
            }
            else if (status != "200")
            {
                result.Statuses[status + " (warm-up)"] = result.Statuses.GetValueOrDefault(status + " (warm-up)") + 1;
            }

            if (status != "200" && result.Failures.Count < 10)
            {
                // The answer is problem+json with counts and reasons, never customer data.
                result.Failures.Add(status + " " + (body is null ? string.Empty : body[..Math.Min(body.Length, 300)]));
            }
        }
    }

    /// <summary>The <c>accepted</c> count of a 200 answer (<c>{"accepted":n,"alreadyAccepted":m}</c>).</summary>
    private static int Accepted(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("accepted").GetInt32();
    }

    /// <summary>
    /// Distinct marketplace HTTPS payloads of the seeded synthetic people (<see cref="DeduplicationLeads"/>: realistic
    /// people with 1 to 4 leads each, as the de-duplication and durable checks use), written as the marketplace POSTs them
    /// (<see cref="LeadHttpsPayload"/>); a lead whose content repeats an earlier one (it would be a marketplace retry,
    /// <c>alreadyAccepted</c>) is left out, so every request is a new lead.
    /// </summary>
    private static byte[][] Payloads(int count)
    {
        var seen = new HashSet<LeadId>();
        var payloads = new List<byte[]>(count);
        foreach (var lead in DeduplicationLeads.Generate(count))
        {
            if (seen.Add(LeadId.FromContent(lead.LeadSourceText, lead.ActionCode, lead.OfferTitle, lead.Description, lead.Customer)))
            {
                payloads.Add(LeadHttpsPayload.SerializeToUtf8Bytes(lead));
            }
        }

        return [.. payloads];
    }

    /// <summary>Counts the leads in the sink table when the measurement starts and when it ends (a second connection: SQLite's write-ahead log lets it read while the pipeline writes).</summary>
    private static async Task<(long Start, long End)> CountDeliveredAsync(string database, long measureFrom, long measureTo)
    {
        await Until(measureFrom);
        var start = CountRows(database, "leads");
        await Until(measureTo);
        return (start, CountRows(database, "leads"));
    }

    private static Task Until(long timestamp)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return wait > TimeSpan.Zero ? Task.Delay(wait) : Task.CompletedTask;
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static long CountRows(string database, string table)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM " + table;
        return (long)command.ExecuteScalar()!;
    }

    private sealed class LoopResult
    {
        public List<double> Latencies { get; } = new(capacity: 64 * 1024);

        public Dictionary<string, int> Statuses { get; } = new(StringComparer.Ordinal);

        public List<string> Failures { get; } = [];

        public long Acknowledged { get; set; }
    }
}
