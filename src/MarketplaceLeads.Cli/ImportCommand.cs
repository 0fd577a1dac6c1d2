using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Cli;

/// <summary><c>import &lt;files…&gt;</c>: reads lead files and submits every record through the pipeline into the SQLite database.</summary>
internal sealed class ImportCommand
{
    private readonly CliContext _context;
    private readonly string _database;
    private readonly bool _progress;
    private long _new;
    private long _known;
    private long _rejected;

    private ImportCommand(CliContext context, string database, bool progress)
    {
        _context = context;
        _database = database;
        _progress = progress;
    }

    private enum FileKind
    {
        HttpsPayloads,
        JsonLines,
        Csv,
    }

    public static Command Create(CommonOptions options, TimeProvider time)
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Lead files: .json (HTTPS-endpoint payloads, one object or an array), .jsonl or .ndjson (JSON Lines), .csv (Partner Center or the SDK's CSV).",
            Arity = ArgumentArity.OneOrMore,
        };
        var progress = new Option<bool>("--progress")
        {
            Description = "Show progress on stderr even when it is not a terminal (it is shown on a terminal anyway).",
        };
        var command = new Command("import", "Import lead files into the database; re-importing a file adds nothing new. Exit code 2 when some records were rejected.");
        command.Arguments.Add(files);
        command.Options.Add(progress);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult, options, time);
            var import = new ImportCommand(context, parseResult.GetValue(options.Database) ?? CommonOptions.DefaultDatabase, parseResult.GetValue(progress) || context.ErrorIsTerminal);
            return import.RunAsync(parseResult.GetValue(files) ?? [], cancellationToken);
        });
        return command;
    }

    private async Task<int> RunAsync(string[] files, CancellationToken cancellationToken)
    {
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

        try
        {
            var services = new ServiceCollection();
            services.AddSingleton(_context.Time);
            services.AddMarketplaceLeads(static o => o.ShutdownTimeout = TimeSpan.FromMinutes(10))
                .UseSqlite(o =>
                {
                    o.Path = _database;
                    o.Durability = SqliteDurability.Normal;
                });
            var provider = services.BuildServiceProvider();
            await using var providerScope = provider.ConfigureAwait(false);
            var processor = provider.GetRequiredService<ILeadProcessor>();
            for (var i = 0; i < files.Length; i++)
            {
                await ImportFileAsync(processor, files[i], kinds[i], cancellationToken).ConfigureAwait(false);
            }

            await processor.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or SqliteException or InvalidOperationException)
        {
            return _context.Fail(exception.Message);
        }

        _context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imported {_new} new, {_known} already known, {_rejected} rejected ({files.Length} {(files.Length == 1 ? "file" : "files")})"));
        return _rejected == 0 ? ExitCodes.Success : ExitCodes.SomeRejected;
    }

    private async Task ImportFileAsync(ILeadProcessor processor, string file, FileKind kind, CancellationToken cancellationToken)
    {
        var reader = new LeadReader(new LeadReaderOptions
        {
            ErrorPolicy = LeadReadErrorPolicy.SkipAndReport,
            SourceName = file,
            TimeProvider = _context.Time,
        });
        var progress = _progress ? new ProgressLine(_context.Error, file) : null;
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using var streamScope = stream.ConfigureAwait(false);
        var results = kind switch
        {
            FileKind.HttpsPayloads => reader.ReadHttpsPayloadsAsync(stream, progress, cancellationToken),
            FileKind.JsonLines => reader.ReadJsonLinesAsync(stream, progress, cancellationToken),
            _ => reader.ReadCsvAsync(stream, progress, cancellationToken),
        };
        await foreach (var result in results.ConfigureAwait(false))
        {
            var submitted = await processor.SubmitAsync(result, cancellationToken).ConfigureAwait(false);
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

        progress?.Finish();
    }

    /// <summary>Formats a rejected record as <c>file:line: where: reason</c>; the offending value and the raw text (customer data) are left out.</summary>
    internal static string FormatError(string file, LeadReadError? error)
    {
        if (error is null)
        {
            return file + ": the record was not accepted";
        }

        var where = error.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"{file}:{line}")
            : string.Create(CultureInfo.InvariantCulture, $"{file}: record {error.RecordIndex + 1}");
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

    /// <summary>One progress line on stderr (<c>file: 12,345 records, 40 %</c>), rewritten in place at most five times a second.</summary>
    private sealed class ProgressLine : IProgress<LeadReadProgress>
    {
        private readonly TextWriter _writer;
        private readonly string _file;
        private long _lastWrite;
        private int _width;

        public ProgressLine(TextWriter writer, string file)
        {
            _writer = writer;
            _file = file;
        }

        public void Report(LeadReadProgress value)
        {
            var now = Stopwatch.GetTimestamp();
            if (_lastWrite != 0 && Stopwatch.GetElapsedTime(_lastWrite, now) < TimeSpan.FromMilliseconds(200))
            {
                return;
            }

            _lastWrite = now;
            var percent = value.TotalBytes is > 0 and { } total ? string.Create(CultureInfo.InvariantCulture, $", {value.BytesRead * 100 / total} %") : string.Empty;
            var text = string.Create(CultureInfo.InvariantCulture, $"{_file}: {value.Records:N0} records{percent}");
            _writer.Write("\r" + text.PadRight(_width));
            _width = text.Length;
        }

        public void Clear()
        {
            if (_width > 0)
            {
                _writer.Write("\r" + new string(' ', _width) + "\r");
                _width = 0;
                _lastWrite = 0;
            }
        }

        public void Finish() => Clear();
    }
}
