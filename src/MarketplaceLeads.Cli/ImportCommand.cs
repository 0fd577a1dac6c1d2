using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Cli;

/// <summary><c>import &lt;files…&gt;</c>: reads lead files and submits every record through the pipeline into the SQLite database.</summary>
internal sealed class ImportCommand
{
    private readonly CliContext _context;
    private readonly TimeProvider _clock;
    private readonly string _database;
    private readonly bool _progress;
    private readonly bool _progressInPlace;
    private readonly bool _showWarnings;
    private readonly bool _strict;
    private readonly RecordSource _read;
    private readonly int _commitEvery;
    private readonly (PartnerCenterImport Options, ParseResult Parse)? _partnerCenter;
    private int _writtenBack;
    private int _writeBackFailed;
    private readonly SortedDictionary<LeadWarningKind, (long Count, string First)> _warnings = [];
    private long _new;
    private long _known;
    private long _rejected;
    private ImportProgress? _progressLine;

    private ImportCommand(CliContext context, TimeProvider clock, string database, bool progress, bool progressInPlace, bool showWarnings, bool strict, RecordSource read, int commitEvery, (PartnerCenterImport, ParseResult)? partnerCenter = null)
    {
        _commitEvery = commitEvery;
        _partnerCenter = partnerCenter;
        _context = context;
        _clock = clock;
        _database = database;
        _progress = progress;
        _progressInPlace = progressInPlace;
        _showWarnings = showWarnings;
        _strict = strict;
        _read = read;
    }

    /// <summary>Reads the records of one file; the tests put a failing reader in its place.</summary>
    internal delegate IAsyncEnumerable<LeadReadResult> RecordSource(LeadReader reader, Stream stream, FileKind kind, IProgress<LeadReadProgress>? progress, CancellationToken cancellationToken);

    internal enum FileKind
    {
        HttpsPayloads,
        JsonLines,
        Csv,
    }

    public static Command Create(CommonOptions options, TimeProvider time, RecordSource? read = null)
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Lead files: .json (HTTPS-endpoint payloads, one object or an array), .jsonl or .ndjson (JSON Lines), .csv (Partner Center or the SDK's CSV).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var progress = new Option<bool>("--progress")
        {
            Description = "Show progress on stderr (leads, leads/s, % and time left, then the time taken) even when it is not a terminal (it is shown on a terminal anyway); off a terminal or on CI, a line every 5 seconds.",
        };
        var showWarnings = new Option<bool>("--show-warnings")
        {
            Description = "List every warning on stderr as file:line: warning: field: message (the summary counts them by kind either way).",
        };
        var strict = new Option<bool>("--strict")
        {
            Description = "Reject every lead that has a warning (an invalid e-mail address, an action that disagrees with ActionCode, …): it is dead-lettered with its raw text, reported as file:line, and the exit code is 2.",
        };
        var commitEvery = new Option<int>("--commit-every")
        {
            Description = "Commit the database once every N leads of the files (default 100000): a crash loses the leads since the last commit from every table at once, and importing the same files again accepts them again. 0: commit every chunk of 10,000 before going on (writes several times more). Not used with --partner-center, which commits every chunk.",
            DefaultValueFactory = static _ => SqliteLeadsOptions.ImportBulkCommitLeads,
        };
        commitEvery.Validators.Add(static result =>
        {
            if (result.GetValueOrDefault<int>() is var value && value != 0 && value is < 100 or > 10_000_000)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--commit-every must be 0 or from 100 to 10000000 leads; it is {value}"));
            }
        });
        var command = new Command("import", "Import lead files into the database; re-importing a file adds nothing new. Exit code 2 when some records were rejected.");
        command.Arguments.Add(files);
        command.Options.Add(progress);
        command.Options.Add(showWarnings);
        command.Options.Add(strict);
        command.Options.Add(commitEvery);
        var partnerCenter = new PartnerCenterImport();
        partnerCenter.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult, options, time);
            var import = new ImportCommand(
                context,
                time, // progress is timed by the real clock, not --now
                parseResult.GetValue(options.Database) ?? CommonOptions.DefaultDatabase,
                parseResult.GetValue(progress) || context.ErrorIsTerminal,
                context.ErrorIsTerminal && !IsContinuousIntegration(),
                parseResult.GetValue(showWarnings),
                parseResult.GetValue(strict),
                read ?? ReadFile,
                parseResult.GetValue(commitEvery),
                parseResult.GetValue(partnerCenter.Enabled) ? (partnerCenter, parseResult) : null);
            return import.RunAsync(parseResult.GetValue(files) ?? [], cancellationToken);
        });
        return command;
    }

    private async Task<int> RunAsync(string[] files, CancellationToken cancellationToken)
    {
        if (files.Length == 0 && _partnerCenter is null)
        {
            return _context.Fail("nothing to import: name lead files, or give --partner-center");
        }

        var kinds = new FileKind[files.Length];
        for (var i = 0; i < files.Length; i++)
        {
            if (!File.Exists(files[i]))
            {
                return _context.Fail($"file not found: {files[i]}");
            }

            if (KindOf(files[i]) is not { } kind)
            {
                return _context.Fail($"{files[i]}: unknown file type '{Path.GetExtension(files[i])}'; expected .json, .jsonl, .ndjson or .csv");
            }

            kinds[i] = kind;
        }

        if (_progress)
        {
            _progressLine = new ImportProgress(_context.Error, _clock, _progressInPlace, files.Length, TotalBytes(files));
        }

        using var http = new System.Net.Http.HttpClient(new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = false });
        PartnerCenter.PartnerCenterLeadReader? partnerCenter = null;
        try
        {
            partnerCenter = _partnerCenter is { } pc ? pc.Options.CreateReader(pc.Parse, _context, _database, http) : null;
        }
        catch (ArgumentException exception)
        {
            return _context.Fail(exception.Message);
        }

        using var partnerCenterScope = partnerCenter;
        try
        {
            // Files can be read again, so their leads are committed in bulk (a crash: import the files again); Partner Center's
            // referrals are committed every chunk, since its checkpoint moves on.
            var provider = _context.BuildPipeline(_database, BulkCommitLeads);
            await using var providerScope = provider.ConfigureAwait(false);
            var processor = provider.GetRequiredService<ILeadPipeline>();
            await processor.StartAsync(cancellationToken).ConfigureAwait(false); // started before the submits, which then keep their order
            for (var i = 0; i < files.Length; i++)
            {
                await ImportFileAsync(processor, files[i], kinds[i], cancellationToken).ConfigureAwait(false);
            }

            List<Lead>? referrals = null;
            if (partnerCenter is not null)
            {
                referrals = await PartnerCenterImport.ImportAsync(partnerCenter, processor, (submitted, result) => Count(submitted, result, PartnerCenterImport.SourceName, _progressLine), cancellationToken).ConfigureAwait(false);
            }

            _progressLine?.Delivering();
            await processor.StopAsync(cancellationToken).ConfigureAwait(false);
            await provider.GetRequiredService<SqliteLeadDatabase>().FlushAsync(cancellationToken).ConfigureAwait(false); // a failed bulk commit is reported, not lost
            if (partnerCenter is not null && referrals is not null && _partnerCenter is { } options && options.Parse.GetValue(options.Options.WriteBack))
            {
                (_writtenBack, _writeBackFailed) = await PartnerCenterImport.WriteBackAsync(partnerCenter, referrals, provider.GetRequiredService<ILeadDeduplicationStore>(), _context.Error, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or SqliteException or InvalidOperationException or PartnerCenter.PartnerCenterException)
        {
            // The database or the pipeline failed (a file that cannot be opened, a newer schema): nothing
            // more can be imported. A file's records are read in ImportFileAsync, where a reader failure
            // is reported as file:line and the import goes on.
            _progressLine?.Clear();
            return _context.Fail(exception.Message);
        }

        _progressLine?.Finish();

        _context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imported {_new} new, {_known} already known, {_rejected} rejected ({files.Length} {(files.Length == 1 ? "file" : "files")}{(partnerCenter is null ? string.Empty : ", Partner Center")})"));
        if (_writtenBack + _writeBackFailed > 0)
        {
            _context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Partner Center: {_writtenBack} referrals hold their customer's profile id{(_writeBackFailed == 0 ? string.Empty : $", {_writeBackFailed} could not be updated (listed above)")}"));
        }
        WriteWarningSummary();
        return _rejected == 0 ? ExitCodes.Success : ExitCodes.SomeRejected;
    }

    /// <summary>Gets the files' sizes added up (a pipe counts 0, and its reader's progress tells that its size is not known).</summary>
    private static long TotalBytes(string[] files) => files.Sum(static file => new FileInfo(file).Length);

    /// <summary>Gets a value indicating whether this runs on CI (the <c>CI</c> variable most CI systems set): no line rewritten in place there.</summary>
    private static bool IsContinuousIntegration() =>
        Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && ci != "0";

    internal static IAsyncEnumerable<LeadReadResult> ReadFile(LeadReader reader, Stream stream, FileKind kind, IProgress<LeadReadProgress>? progress, CancellationToken cancellationToken) => kind switch
    {
        FileKind.HttpsPayloads => reader.ReadHttpsPayloadsAsync(stream, progress, cancellationToken),
        FileKind.JsonLines => reader.ReadJsonLinesAsync(stream, progress, cancellationToken),
        _ => reader.ReadCsvAsync(stream, progress, cancellationToken),
    };

    /// <summary>Writes, after the summary line, the warnings by kind with their count and where the first one is.</summary>
    private void WriteWarningSummary()
    {
        if (_warnings.Count == 0)
        {
            return;
        }

        var total = _warnings.Values.Sum(static w => w.Count);
        var what = _strict ? "--strict rejected their leads" : "the leads were imported; --show-warnings lists them, --strict rejects them";
        _context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total} {(total == 1 ? "warning" : "warnings")} ({what}):"));
        var width = _warnings.Keys.Max(static k => k.ToString().Length);
        foreach (var (kind, (count, first)) in _warnings)
        {
            _context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind.ToString().PadRight(width)}  {count,6}  first at {first}"));
        }
    }

    private async Task ImportFileAsync(ILeadPipeline processor, string file, FileKind kind, CancellationToken cancellationToken)
    {
        var reader = new LeadReader(new LeadReaderOptions
        {
            ErrorPolicy = LeadReadErrorPolicy.SkipAndReport,
            SourceName = file,
            TimeProvider = _context.Time,
        });
        var progress = _progressLine;
        progress?.StartFile(file);
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using var streamScope = stream.ConfigureAwait(false);
        var records = _read(reader, stream, kind, progress, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var recordsScope = records.ConfigureAwait(false);
        long? lastLine = null;
        var chunkSize = ChunkSizeFor(BulkCommitLeads);
        var chunk = new List<LeadReadResult>(chunkSize);
        (Task<IReadOnlyList<LeadSubmitResult>> Submit, List<LeadReadResult> Results)? inFlight = null;
        while (true)
        {
            LeadReadResult result;
            try
            {
                if (!await records.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }

                result = records.Current;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The reader failed: report where, count the rest of the file as not imported, and go on with the next file.
                _rejected++;
                progress?.Clear();
                var why = exception is IOException or UnauthorizedAccessException
                    ? "the file could not be read further (" + exception.Message + ")"
                    : "the reader failed unexpectedly (a bug in MarketplaceLeads; please report it)";
                _context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file}:{(lastLine ?? 0) + 1}: {why}; the records from this line on were not imported"));
                break;
            }

            lastLine = result.LineNumber ?? lastLine;
            if (result.Lead is { Warnings.Count: > 0 } lead)
            {
                var where = Where(file, result.LineNumber, result.RecordIndex);
                foreach (var warning in lead.Warnings)
                {
                    _warnings[warning.Kind] = _warnings.TryGetValue(warning.Kind, out var seen) ? (seen.Count + 1, seen.First) : (1, where);
                    if (_showWarnings)
                    {
                        progress?.Clear();
                        _context.Error.WriteLine($"{where}: warning: {warning.Field}: {warning.Message}");
                    }
                }

                if (_strict)
                {
                    result = new LeadReadResult(StrictError(lead, file, result));
                }
            }

            // Records go in chunks: the pipeline journals a chunk in one write (its leads accepted together, one flush to disk),
            // while the next chunk is read; the answers are taken in file order.
            chunk.Add(result);
            if (chunk.Count >= chunkSize)
            {
                inFlight = await SubmitAsync(processor, inFlight, chunk, file, progress, cancellationToken).ConfigureAwait(false);
                chunk = new List<LeadReadResult>(chunkSize);
            }
        }

        if (chunk.Count > 0)
        {
            inFlight = await SubmitAsync(processor, inFlight, chunk, file, progress, cancellationToken).ConfigureAwait(false);
        }

        if (inFlight is { } last)
        {
            await CountAsync(last, file, progress).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The records submitted together when each chunk is committed before the import goes on (<c>--commit-every 0</c>,
    /// <c>--partner-center</c>): a chunk's leads share one journal commit, and each commit rewrites fewer pages of the
    /// database per lead the more leads it holds (a commit writes every page it changed, and the indexes by lead and profile
    /// id take a page a lead wherever the ids fall). 10,000 (the pipeline's largest sink batch): 100,000 leads wrote 784 MB
    /// instead of 2,282 with chunks of 2,000, for about 45 MB more memory.
    /// </summary>
    internal const int CommittedChunkSize = 10_000;

    /// <summary>
    /// The records submitted together when the leads are committed in bulk (<see cref="SqliteLeadsOptions.BulkCommitLeads"/>,
    /// the default for files): a commit no longer follows a chunk, and smaller chunks (and sink batches) keep fewer leads in
    /// flight. Against chunks of 10,000, alternating imports of the same build: 305,783 leads 54–60 s instead of 66–67, peak
    /// memory 453 MB instead of 506–509, 1.6 GB written instead of 1.9; 773,475 leads 197 s instead of 219, 591 MB instead of
    /// 623, 5.9 GB written instead of 6.2.
    /// </summary>
    internal const int BulkChunkSize = 2_000;

    /// <summary>The chunk size (and the sink's batch) of an import with <paramref name="bulkCommitLeads"/> (0: each chunk committed).</summary>
    internal static int ChunkSizeFor(int bulkCommitLeads) => bulkCommitLeads > 0 ? BulkChunkSize : CommittedChunkSize;

    /// <summary>The import's <see cref="SqliteLeadsOptions.BulkCommitLeads"/>: files can be read again, so their leads are committed in bulk; with Partner Center every chunk is committed.</summary>
    private int BulkCommitLeads => _partnerCenter is null ? _commitEvery : 0;

    /// <summary>Submits a chunk once the one before it is answered (and counted): one chunk is journaled while the next is read.</summary>
    private async Task<(Task<IReadOnlyList<LeadSubmitResult>> Submit, List<LeadReadResult> Results)> SubmitAsync(
        ILeadPipeline processor,
        (Task<IReadOnlyList<LeadSubmitResult>> Submit, List<LeadReadResult> Results)? previous,
        List<LeadReadResult> chunk,
        string file,
        ImportProgress? progress,
        CancellationToken cancellationToken)
    {
        if (previous is { } before)
        {
            await CountAsync(before, file, progress).ConfigureAwait(false);
        }

        return (processor.SubmitManyAsync(chunk, cancellationToken).AsTask(), chunk);
    }

    private async ValueTask CountAsync((Task<IReadOnlyList<LeadSubmitResult>> Submit, List<LeadReadResult> Results) entry, string file, ImportProgress? progress)
    {
        var answers = await entry.Submit.ConfigureAwait(false);
        for (var i = 0; i < answers.Count; i++)
        {
            Count(answers[i], entry.Results[i], file, progress);
        }
    }

    private void Count(LeadSubmitResult submitted, LeadReadResult result, string file, ImportProgress? progress)
    {
        progress?.Record();
        switch (submitted.Status)
        {
            case LeadSubmitStatus.Accepted:
                _new++;
                break;
            case LeadSubmitStatus.AlreadyAccepted:
                _known++;
                break;
            default:
                _rejected++;
                progress?.Clear();
                _context.Error.WriteLine(FormatError(file, submitted.Error ?? result.Error));
                break;
        }
    }

    /// <summary>Turns a lead with warnings into the error <c>--strict</c> rejects it with: its warnings as the reason, its raw text kept for the dead letter.</summary>
    private static LeadReadError StrictError(Lead lead, string file, LeadReadResult result) => new()
    {
        Channel = lead.Channel,
        Reason = "rejected by --strict: " + string.Join("; ", lead.Warnings.Select(static w => $"warning: {w.Field}: {w.Message}")),
        SourceName = file,
        RecordIndex = result.RecordIndex,
        LineNumber = result.LineNumber,
        RawText = lead.RawPayload ?? LeadJsonLines.Serialize(lead),
    };

    private static string Where(string file, long? line, long recordIndex) => line is { } number
        ? string.Create(CultureInfo.InvariantCulture, $"{file}:{number}")
        : string.Create(CultureInfo.InvariantCulture, $"{file}: record {recordIndex + 1}");

    /// <summary>Formats a rejected record as <c>file:line: where: reason</c>; the offending value and the raw text (customer data) are left out.</summary>
    internal static string FormatError(string file, LeadReadError? error)
    {
        if (error is null)
        {
            return file + ": the record was not accepted";
        }

        var where = Where(file, error.LineNumber, error.RecordIndex);
        var path = error.JsonPath ?? (error.Field is { } field ? "field " + field : null);
        return path is null ? $"{where}: {error.Reason}" : $"{where}: {path}: {error.Reason}";
    }

    private static FileKind? KindOf(string file) => Path.GetExtension(file).ToUpperInvariant() switch
    {
        ".JSON" => FileKind.HttpsPayloads,
        ".JSONL" or ".NDJSON" => FileKind.JsonLines,
        ".CSV" => FileKind.Csv,
        _ => null,
    };
}
