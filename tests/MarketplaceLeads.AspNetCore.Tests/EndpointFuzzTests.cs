using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.Testing.Fuzzing;
using Xunit.Abstractions;

namespace MarketplaceLeads.AspNetCore.Tests;

/// <summary>
/// Mutation fuzzing of the HTTPS endpoint on real Kestrel (docs/fuzzing.md): every mutated body is POSTed. The answer
/// is never 5xx (but the documented 503 for a full queue), never comes from an unhandled exception, counts the records
/// the library's reader finds in the body, and in the end the accepted and dead-lettered leads add up to what the
/// answers said; no log line holds customer data.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class EndpointFuzzTests
{
    private const string Target = "POST /leads (MapMarketplaceLeads)";
    private const int Concurrency = 4;
    private static readonly int MaxBodyBytes = new MarketplaceLeadsEndpointOptions().MaxBodyBytes;
    private static readonly LeadReader Oracle = new(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport });

    private readonly ITestOutputHelper _output;

    public EndpointFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task PostMutatedBodies_NeverAnswers5xxAndEveryRecordIsAcceptedOrDeadLettered()
    {
        await using var server = await LeadServer.StartAsync();
        var engine = new MutationEngine(FuzzCorpus.HttpsBodies, Mutators.ForJson);
        var seed = FuzzRandom.Mix(FuzzSettings.Seed, FuzzRandom.Hash(Target));
        var (first, last) = FuzzSettings.Replay is { } replay ? (replay, replay + 1) : (0L, FuzzSettings.Iterations);
        var stats = new FuzzStats(Target);
        var failed = new ConcurrentQueue<(FuzzCase<byte[]> Input, FuzzInvariantException Problem)>();
        long accepted = 0, rejected = 0;
        var reasons = new ConcurrentQueue<string>();
        var slowest = new ConcurrentQueue<(TimeSpan Elapsed, long Iteration)>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Iterations(first, last),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (i, _) =>
            {
                var input = engine.Generate(seed, i);
                var started = Stopwatch.GetTimestamp();
                var (answer, problem) = await PostAsync(server, input.Value);
                slowest.Enqueue((Stopwatch.GetElapsedTime(started), i));
                if (problem is not null)
                {
                    failed.Enqueue((input, problem));
                    return;
                }

                Interlocked.Add(ref accepted, answer!.Accepted);
                Interlocked.Add(ref rejected, answer.Rejected);
                if (answer.Reason is { } reason)
                {
                    reasons.Enqueue(reason);
                }
            });
        stats.Elapsed = clock.Elapsed;
        for (var i = first; i < last; i++)
        {
            stats.CountInput();
        }

        stats.AddCounts(accepted, reasons);
        foreach (var (elapsed, iteration) in slowest)
        {
            stats.RecordTime(elapsed, iteration);
        }

        // The answers' counts, against what the pipeline did: every accepted lead went in, every rejected one is a dead letter.
        var failures = new FuzzFailures(Target);
        var deadLettered = await WaitForAsync(() => server.DeadLetters.Received.Count, rejected);
        var acceptedLeads = await WaitForAsync(() => server.Observer.Accepted.Count, accepted);
        if (deadLettered != rejected || acceptedLeads != accepted)
        {
            failures.Add(-1, "all inputs", "(the whole run)", new FuzzInvariantException("answers-add-up", $"the answers counted {accepted} accepted and {rejected} rejected records; the pipeline accepted {acceptedLeads} and dead-lettered {deadLettered}"));
        }

        // Every accepted lead leaves the pipeline: delivered to the sink, dead-lettered after failing delivery, or — a test
        // lead (MSFT_TEST_…), which reaches no sink unless DeliverTestLeads is set (docs/pipeline.md) — de-duplicated as one.
        var drain = Stopwatch.StartNew();
        var leftPipeline = await WaitForAsync(() => server.Sink.Count + server.DeadLetters.Received.Count(static d => d.Kind != LeadDeadLetterKind.Rejected) + TestLeadsSkipped(server), acceptedLeads);
        if (leftPipeline < acceptedLeads)
        {
            var done = server.Sink.GetDeliveries().Select(static d => d.Lead.Id)
                .Concat(server.DeadLetters.Received.Select(static d => d.LeadId).OfType<LeadId>())
                .Concat(server.Observer.Deduplicated.Where(static d => d.Outcome == Deduplication.DeduplicationOutcome.TestLead).Select(static d => d.Lead.Id))
                .ToHashSet();
            var stuck = server.Observer.Accepted.Where(l => !done.Contains(l.Id)).ToList();
            failures.Add(-1, "the leads still in the pipeline", stuck.Count > 0 ? CSharpText.String(stuck[0].RawPayload) : "(none found)", new FuzzInvariantException("every-accepted-lead-delivered", $"{acceptedLeads - leftPipeline} accepted leads were neither delivered nor dead-lettered, and none left the pipeline for 20 s ({stuck.Count} found; the input shows the raw payload of the first)"));
        }

        foreach (var (input, problem) in failed.OrderBy(static f => f.Input.Iteration))
        {
            var added = failures.Add(input.Iteration, input.Origin, CSharpText.Bytes(input.Value), problem);
            if (added is not null)
            {
                added.MinimalInput = await MinimizeAsync(server, input.Value, problem);
            }
        }

        foreach (var (category, message) in server.Logs.Messages)
        {
            if (message.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add(-1, "a log message", category, new FuzzInvariantException("no-unhandled-exception-log", $"{category}: {message}"));
            }
            else if (FuzzCorpus.CustomerValues.FirstOrDefault(v => message.Contains(v, StringComparison.Ordinal)) is { } value)
            {
                failures.Add(-1, "a log message", category, new FuzzInvariantException("no-customer-data-in-logs", $"{category} logged customer data ('{value}'): {message}"));
            }
        }

        stats.Failures = failures.Total;
        _output.WriteLine(stats.Format() + string.Create(CultureInfo.InvariantCulture, $"{Environment.NewLine}  {Concurrency} requests in flight; the slowest input is the slowest answer; the pipeline delivered its last lead {drain.Elapsed.TotalSeconds:N1} s after the last answer"));
        stats.WriteReportLine();
        if (failures.Total > 0)
        {
            Assert.Fail(failures.Format());
        }
    }

    /// <summary>Counts the test leads the pipeline de-duplicated and, as documented, delivered to no sink.</summary>
    private static int TestLeadsSkipped(LeadServer server) =>
        server.Observer.Deduplicated.Count(static d => d.Outcome == Deduplication.DeduplicationOutcome.TestLead);

    private static IEnumerable<long> Iterations(long first, long last)
    {
        for (var i = first; i < last; i++)
        {
            yield return i;
        }
    }

    /// <summary>POSTs one body and checks the answer against the library's reader on the same bytes.</summary>
    private static async Task<(Answer? Answer, FuzzInvariantException? Problem)> PostAsync(LeadServer server, byte[] body)
    {
        using var timeout = new CancellationTokenSource(FuzzSettings.TimeLimit * 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/leads") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        request.Headers.Add("X-MarketplaceLeads-Key", LeadServer.Secret);
        HttpResponseMessage response;
        string content;
        try
        {
            response = await server.Client.SendAsync(request, timeout.Token);
            content = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return (null, new FuzzInvariantException("no-hang", $"no answer within {(FuzzSettings.TimeLimit * 5).TotalSeconds:N0} s"));
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var answer = Answer.Parse(status, content);
            if (status >= 500 && !(status == 503 && answer.QueueFull > 0))
            {
                return (null, new FuzzInvariantException($"status {status}", $"answered {status} (only 503 for a full queue may be 5xx); the marketplace does not re-send: the lead is lost. Body: {content}"));
            }

            if (status == 413)
            {
                return body.Length > MaxBodyBytes ? (answer, null) : (null, new FuzzInvariantException("status 413", $"answered 413 for a body of {body.Length} bytes (the limit is {MaxBodyBytes})"));
            }

            if (status is not (200 or 400 or 503))
            {
                return (null, new FuzzInvariantException($"status {status}", $"answered {status}: {content}"));
            }

            if (answer.Reason is { } reason && FuzzInvariants.NamesDotNetType(reason))
            {
                return (null, new FuzzInvariantException("reason-names-no-dotnet-type", $"the answer names a .NET type: {reason}"));
            }

            IReadOnlyList<LeadReadResult> expected;
            try
            {
                expected = Oracle.ReadHttpsPayloads(body);
            }
            catch (Exception ex) when (ex is not LeadReadException)
            {
                return (answer, null); // the reader itself throws: its own targets report that; the endpoint answered without 5xx
            }

            var errors = expected.Count(static r => !r.IsSuccess);
            if (answer.Accepted + answer.AlreadyAccepted + answer.Rejected + answer.QueueFull != expected.Count || answer.Rejected != errors)
            {
                return (null, new FuzzInvariantException("answer-counts-every-record", $"the reader finds {expected.Count} records ({errors} rejected); the answer ({status}) counts {answer.Accepted} accepted, {answer.AlreadyAccepted} already accepted, {answer.Rejected} rejected, {answer.QueueFull} refused"));
            }

            return (answer, null);
        }
    }

    /// <summary>Shrinks a failing body by POSTing smaller variants (same failure) within a time budget.</summary>
    private static async Task<string> MinimizeAsync(LeadServer server, byte[] body, FuzzInvariantException problem)
    {
        var clock = Stopwatch.StartNew();
        var improved = true;
        while (improved && clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            improved = false;
            foreach (var candidate in FuzzRunner.ShrinkBytes(body))
            {
                if (clock.Elapsed >= TimeSpan.FromSeconds(2))
                {
                    break;
                }

                var (_, again) = await PostAsync(server, candidate);
                if (again is not null && again.Invariant == problem.Invariant)
                {
                    body = candidate;
                    improved = true;
                    break;
                }
            }
        }

        return CSharpText.Bytes(body);
    }

    /// <summary>Waits until <paramref name="count"/> reaches <paramref name="expected"/>, or has not moved for 20 s (a long run leaves a backlog that is still being worked through: that is not a stuck lead).</summary>
    private static async Task<long> WaitForAsync(Func<long> count, long expected)
    {
        var sinceProgress = Stopwatch.StartNew();
        var seen = count();
        while (seen < expected && sinceProgress.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(20);
            var now = count();
            if (now != seen)
            {
                (seen, sinceProgress) = (now, Stopwatch.StartNew());
            }
        }

        await Task.Delay(100); // and not more than expected
        return count();
    }

    /// <summary>The counts (and the problem's detail) of an answer.</summary>
    private sealed record Answer(long Accepted, long AlreadyAccepted, long Rejected, long QueueFull, string? Reason)
    {
        public static Answer Parse(int status, string content)
        {
            try
            {
                using var document = JsonDocument.Parse(content);
                var root = document.RootElement;
                return new Answer(Number(root, "accepted"), Number(root, "alreadyAccepted"), Number(root, "rejected"), Number(root, "queueFull"), root.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
            }
            catch (JsonException)
            {
                return new Answer(0, 0, 0, 0, $"(status {status}, not JSON)");
            }
        }

        private static long Number(JsonElement root, string name) => root.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : 0;
    }
}
