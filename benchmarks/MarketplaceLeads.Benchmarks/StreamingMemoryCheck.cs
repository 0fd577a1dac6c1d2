using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;

namespace MarketplaceLeads.Benchmarks;

/// <summary>
/// Checks that the streaming readers stay in bounded memory: generates a JSON array of HTTPS-endpoint payloads and a
/// JSON Lines file of the SDK's own records, each of about N MB, in temporary files, reads each with
/// <see cref="LeadReader.ReadHttpsPayloadsAsync"/> and <see cref="LeadReader.ReadJsonLinesAsync"/>
/// (<see cref="LeadReaderOptions.KeepRawPayload"/> off, leads counted and dropped), and prints throughput and peak memory.
/// </summary>
/// <remarks>
/// Not a BenchmarkDotNet benchmark and not part of CI: run it with <c>dotnet run -c Release -- --streaming-check [sizeMB]</c>
/// (default 1,024 MB) and compare the peak working set of two sizes; it must not grow with the input. The files are
/// streamed out (never built in memory) and deleted afterwards. Peak working set is the kernel's high-water mark
/// (<see cref="Process.PeakWorkingSet64"/>), reset before each read where the OS allows (Linux <c>/proc/self/clear_refs</c>),
/// and also sampled with <see cref="Environment.WorkingSet"/> and <see cref="GC.GetTotalMemory(bool)"/> every
/// <see cref="SampleEvery"/> leads.
/// </remarks>
public static class StreamingMemoryCheck
{
    /// <summary>The command-line switch that runs this check instead of the benchmarks.</summary>
    public const string Switch = "--streaming-check";

    /// <summary>The default size of each generated input, in MB (MiB).</summary>
    public const int DefaultSizeMegabytes = 1024;

    /// <summary>How often (in leads) memory is sampled while reading.</summary>
    public const int SampleEvery = 4096;

    private const double Megabyte = 1024 * 1024;

    /// <summary>Runs the check.</summary>
    /// <param name="args">The arguments after <see cref="Switch"/>: optionally the size of each input in MB.</param>
    /// <returns>0 when every generated lead was read back; 1 when not; 2 for bad arguments.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var sizeMegabytes = DefaultSizeMegabytes;
        if (args.Length > 1 || (args.Length == 1 && (!int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out sizeMegabytes) || sizeMegabytes < 1)))
        {
            await Console.Error.WriteLineAsync($"Usage: dotnet run -c Release -- {Switch} [sizeMB]   (sizeMB: a whole number of at least 1; default {DefaultSizeMegabytes})");
            return 2;
        }

        var targetBytes = sizeMegabytes * 1024L * 1024L;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Streaming memory check: {sizeMegabytes} MB per input, .NET {Environment.Version}, {Environment.ProcessorCount} logical cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, temp directory {Path.GetTempPath()}"));

        var results = new List<PhaseResult>
        {
            await RunPhaseAsync("JSON array", "ReadHttpsPayloadsAsync", ".json", targetBytes, WriteJsonArray, static (reader, stream) => reader.ReadHttpsPayloadsAsync(stream)),
            await RunPhaseAsync("JSON Lines (SDK records)", "ReadJsonLinesAsync", ".jsonl", targetBytes, WriteJsonLinesAsync, static (reader, stream) => reader.ReadJsonLinesAsync(stream)),
        };

        Console.WriteLine();
        Console.WriteLine("| input | method | size | leads | elapsed | MB/s | leads/s | peak working set | working set before | peak GC heap (sampled) | allocated per lead | GCs gen0/1/2 |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {r.Input} | `{r.Method}` | {r.Bytes / Megabyte:N0} MB | {r.Leads:N0} | {r.Elapsed.TotalSeconds:N1} s | {r.Bytes / Megabyte / r.Elapsed.TotalSeconds:N0} | {r.Leads / r.Elapsed.TotalSeconds:N0} | {r.PeakWorkingSet / Megabyte:N1} MB{(r.PeakIsPerPhase ? string.Empty : " (process)")} | {r.WorkingSetBefore / Megabyte:N1} MB | {r.PeakGcHeap / Megabyte:N1} MB | {(double)r.AllocatedBytes / r.Leads:N0} B | {r.Gen0}/{r.Gen1}/{r.Gen2} |"));
        }

        var ok = true;
        foreach (var r in results)
        {
            if (r.Leads != r.Generated || r.Rejected != 0)
            {
                await Console.Error.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{r.Input}: generated {r.Generated:N0} leads but read {r.Leads:N0} and rejected {r.Rejected:N0}."));
                ok = false;
            }
        }

        return ok ? 0 : 1;
    }

    private static async Task<PhaseResult> RunPhaseAsync(
        string input,
        string method,
        string extension,
        long targetBytes,
        Func<FileStream, long, Task<long>> write,
        Func<LeadReader, Stream, IAsyncEnumerable<LeadReadResult>> read)
    {
        var path = Path.Combine(Path.GetTempPath(), $"marketplace-leads-streaming-{Guid.NewGuid():N}{extension}");
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{input}: writing {targetBytes / Megabyte:N0} MB to {path} ..."));
            var watch = Stopwatch.StartNew();
            long generated;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 20))
            {
                generated = await write(file, targetBytes);
            }

            var bytes = new FileInfo(path).Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{input}: wrote {generated:N0} leads, {bytes / Megabyte:N1} MB in {watch.Elapsed.TotalSeconds:N1} s; reading with {method} ..."));

            // Start the read from a clean heap and a fresh high-water mark, so the peak is the read's alone.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var peakIsPerPhase = PeakWorkingSet.TryReset();
            var sampler = new MemorySampler();
            var workingSetBefore = sampler.Sample();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);

            var reader = new LeadReader(new LeadReaderOptions { KeepRawPayload = false, ErrorPolicy = LeadReadErrorPolicy.SkipAndReport });
            long leads = 0, rejected = 0;
            watch.Restart();
            await using (var stream = File.OpenRead(path))
            {
                await foreach (var result in read(reader, stream))
                {
                    if (result.IsSuccess)
                    {
                        leads++;
                    }
                    else
                    {
                        rejected++;
                    }

                    if ((leads + rejected) % SampleEvery == 0)
                    {
                        sampler.Sample();
                    }
                }
            }

            watch.Stop();
            sampler.Sample();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            using var process = Process.GetCurrentProcess();
            var peak = Math.Max(process.PeakWorkingSet64, sampler.PeakWorkingSet);
            return new PhaseResult(
                input,
                method,
                bytes,
                generated,
                leads,
                rejected,
                watch.Elapsed,
                peak,
                peakIsPerPhase,
                workingSetBefore,
                sampler.PeakGcHeap,
                allocated,
                GC.CollectionCount(0) - gen0,
                GC.CollectionCount(1) - gen1,
                GC.CollectionCount(2) - gen2);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes a JSON array of payloads until the file holds at least <paramref name="targetBytes"/>.</summary>
    private static Task<long> WriteJsonArray(FileStream file, long targetBytes)
    {
        using var generator = new PayloadGenerator();
        file.Write("[\n"u8);
        long count = 0;
        while (file.Position < targetBytes)
        {
            if (count > 0)
            {
                file.Write(",\n"u8);
            }

            file.Write(generator.Next(count));
            count++;
        }

        file.Write("\n]\n"u8);
        return Task.FromResult(count);
    }

    /// <summary>Writes the SDK's own JSON Lines records (<see cref="LeadJsonLines.WriteAsync(Stream, IEnumerable{Lead}, System.Threading.CancellationToken)"/>) until the file holds at least <paramref name="targetBytes"/>.</summary>
    private static async Task<long> WriteJsonLinesAsync(FileStream file, long targetBytes)
    {
        var counter = new long[1];
        await LeadJsonLines.WriteAsync(file, GenerateLeads(file, targetBytes, counter));
        return counter[0];
    }

    /// <summary>Yields leads (read from generated payloads) while the file is shorter than <paramref name="targetBytes"/>.</summary>
    private static IEnumerable<Lead> GenerateLeads(FileStream file, long targetBytes, long[] counter)
    {
        using var generator = new PayloadGenerator();
        var reader = new LeadReader(new LeadReaderOptions { KeepRawPayload = false });
        while (file.Position < targetBytes)
        {
            var lead = reader.ReadHttpsPayload(generator.Next(counter[0])).Lead!;
            counter[0]++;
            yield return lead;
        }
    }

    /// <summary>Builds distinct, realistic HTTPS-endpoint payloads (the benchmark's four people, numbered e-mail addresses), compact UTF-8 JSON.</summary>
    private sealed class PayloadGenerator : IDisposable
    {
        private static readonly Person[] People =
        [
            new("Ana", "García", "ana.garcia", "fabrikam.example", "+34 912 345 678", "ES", "Fabrikam Iberia S.L.", "Head of IT",
                "AppSource-PLT | contoso.contoso-crm-connector", "PLT", "Contoso CRM Connector", "We need a connector for 300 sales users, please call me this week."),
            new("Kenji", "Watanabe", "k.watanabe", "northwind-traders.example", "+81 3-1234-5678", "JP", "Northwind Traders K.K.", "Cloud Architect",
                "AzureMarketplace-INS | docusign.3701c77e-1cfa-4c56-91e6-3ed0b622145", "INS", "DocuSign eSignature for Azure", "Installed from the portal; evaluating for our procurement team."),
            new("Olivia", "Bennett", "olivia.bennett", "litware.example", "(425) 555-0100", "US", "Litware, Inc.", "IT Manager",
                "AzurePortal-Create | litware.litware-backup-vm", "Create", "Litware Backup VM", string.Empty),
            new("Lukas", "Müller", "lukas.mueller", "adatum.example", "+49 30 1234567", "DE", "Adatum GmbH", "CIO",
                "AzureMarketplace-StartTestDrive | northwind.northwind-erp-test-drive", "StartTestDrive", "Northwind ERP Test Drive", "Started the test drive; interested in a 50-seat pilot in Q3."),
        ];

        private readonly ArrayBufferWriter<byte> _buffer = new(1024);
        private readonly Utf8JsonWriter _writer;

        public PayloadGenerator()
        {
            // Relaxed escaping: non-ASCII letters and '+' as UTF-8, as the marketplace sends them.
            _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }

        public ReadOnlySpan<byte> Next(long index)
        {
            var person = People[index % People.Length];
            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            _writer.WriteStartObject();
            _writer.WriteStartObject("UserDetails"u8);
            _writer.WriteString("FirstName"u8, person.FirstName);
            _writer.WriteString("LastName"u8, person.LastName);
            _writer.WriteString("Email"u8, string.Create(CultureInfo.InvariantCulture, $"{person.EmailLocalPart}.{index}@{person.EmailDomain}"));
            _writer.WriteString("Phone"u8, person.Phone);
            _writer.WriteString("Country"u8, person.Country);
            _writer.WriteString("Company"u8, person.Company);
            _writer.WriteString("Title"u8, person.Title);
            _writer.WriteEndObject();
            _writer.WriteString("LeadSource"u8, person.LeadSource);
            _writer.WriteString("ActionCode"u8, person.ActionCode);
            _writer.WriteString("OfferTitle"u8, person.OfferTitle);
            _writer.WriteString("Description"u8, person.Description);
            _writer.WriteEndObject();
            _writer.Flush();
            return _buffer.WrittenSpan;
        }

        public void Dispose() => _writer.Dispose();

        private sealed record Person(
            string FirstName,
            string LastName,
            string EmailLocalPart,
            string EmailDomain,
            string Phone,
            string Country,
            string Company,
            string Title,
            string LeadSource,
            string ActionCode,
            string OfferTitle,
            string Description);
    }

    /// <summary>Tracks the largest working set and managed heap seen.</summary>
    private sealed class MemorySampler
    {
        public long PeakWorkingSet { get; private set; }

        public long PeakGcHeap { get; private set; }

        /// <summary>Samples both; returns the working set.</summary>
        public long Sample()
        {
            var workingSet = Environment.WorkingSet;
            PeakWorkingSet = Math.Max(PeakWorkingSet, workingSet);
            PeakGcHeap = Math.Max(PeakGcHeap, GC.GetTotalMemory(forceFullCollection: false));
            return workingSet;
        }
    }

    private sealed record PhaseResult(
        string Input,
        string Method,
        long Bytes,
        long Generated,
        long Leads,
        long Rejected,
        TimeSpan Elapsed,
        long PeakWorkingSet,
        bool PeakIsPerPhase,
        long WorkingSetBefore,
        long PeakGcHeap,
        long AllocatedBytes,
        int Gen0,
        int Gen1,
        int Gen2);
}
