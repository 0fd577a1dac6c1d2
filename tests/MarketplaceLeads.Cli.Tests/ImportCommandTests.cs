using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;
using MarketplaceLeads.Sqlite;

namespace MarketplaceLeads.Cli.Tests;

public sealed class ImportCommandTests
{
    private static readonly string[] OddLeads =
    [
        "leadSource,actionCode,firstName,email,country",
        "AzureMarketplace-INS | contoso.vm,PLT,Ana,ana@fabrikam.example,ES",
        "AppSource-PLT | contoso.crm,PLT,Ben,ben at contoso,US",
        "AppSource-PLT | contoso.crm,PLT,Cy,cy at contoso,US",
        "AppSource-PLT | contoso.crm,PLT,Di,di@contoso.example,US",
    ];
    [Fact]
    public async Task Import_SampleFiles_PrintsSummaryAndExitsZero()
    {
        using var folder = new TempFolder();
        var run = await CliRunner.RunAsync(["import", .. CliRunner.SampleFiles, "--db", folder.File("leads.db"), "--now", CliRunner.Now]);

        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(
            [
                "imported 2701 new, 40 already known, 0 rejected (3 files)", // and no warnings: the samples are clean
            ],
            run.OutputLines);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
    }

    [Fact]
    public async Task Import_Twice_SecondRunAddsNothing()
    {
        using var folder = new TempFolder();
        string[] args = ["import", .. CliRunner.SampleFiles, "--db", folder.File("leads.db"), "--now", CliRunner.Now];
        await CliRunner.RunAsync(args);

        var again = await CliRunner.RunAsync(args);

        Assert.Equal("imported 0 new, 2741 already known, 0 rejected (3 files)", again.Summary);
        Assert.Equal(ExitCodes.Success, again.ExitCode);
    }

    [Fact]
    public async Task Import_BadJsonLines_ReportsFileLineAndReasonAndImportsTheRest()
    {
        using var folder = new TempFolder();
        var good = File.ReadLines(CliRunner.SampleFiles.Single(static f => f.EndsWith(".jsonl", System.StringComparison.Ordinal))).Take(3).ToArray();
        var bad = folder.File("bad.jsonl");
        await File.WriteAllLinesAsync(bad, [good[0], "{ this is not json", good[1], """{"schema":"marketplace-leads/lead@1","id":"zz-secret-value","channel":"HttpsEndpoint","receivedAt":"2026-01-01T00:00:00Z"}""", good[2]]);

        var run = await CliRunner.RunAsync("import", bad, "--db", folder.File("leads.db"), "--now", CliRunner.Now);

        var errors = run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, errors.Length);
        Assert.StartsWith(bad + ":2: ", errors[0], System.StringComparison.Ordinal);
        Assert.StartsWith(bad + ":4: ", errors[1], System.StringComparison.Ordinal);
        Assert.DoesNotContain("zz-secret-value", run.Error, System.StringComparison.Ordinal);
        Assert.Equal("imported 3 new, 0 already known, 2 rejected (1 file)", run.Summary);
        Assert.Equal(ExitCodes.SomeRejected, run.ExitCode);
    }

    [Fact]
    public async Task Import_BadCsvRow_ReportsItsLineAndImportsTheOtherRows()
    {
        using var folder = new TempFolder();
        var lines = File.ReadLines(CliRunner.SampleFiles.Single(static f => f.EndsWith(".csv", System.StringComparison.Ordinal))).Take(4).ToList();
        lines.Insert(2, "only,three,fields");
        var bad = folder.File("bad.csv");
        await File.WriteAllLinesAsync(bad, lines);

        var run = await CliRunner.RunAsync("import", bad, "--db", folder.File("leads.db"), "--now", CliRunner.Now);

        Assert.StartsWith(bad + ":3: ", run.Error, System.StringComparison.Ordinal);
        Assert.Equal("imported 3 new, 0 already known, 1 rejected (1 file)", run.Summary);
        Assert.Equal(ExitCodes.SomeRejected, run.ExitCode);
    }

    [Fact]
    public async Task Import_MissingFile_ExitsOneNamingTheFile()
    {
        using var folder = new TempFolder();
        var missing = folder.File("missing.json");

        var run = await CliRunner.RunAsync("import", CliRunner.SampleFiles[0], missing, "--db", folder.File("leads.db"));

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("file not found: " + missing, run.Error, System.StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("leads.db")), "nothing is imported when a file is missing");
    }

    [Fact]
    public async Task Import_UnknownExtension_ExitsOne()
    {
        using var folder = new TempFolder();
        var text = folder.File("leads.txt");
        await File.WriteAllTextAsync(text, "hello");

        var run = await CliRunner.RunAsync("import", text, "--db", folder.File("leads.db"));

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("unknown file type '.txt'", run.Error, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("50")]
    [InlineData("-1")]
    public async Task Import_CommitEveryOutOfRange_IsAUsageError_NamingTheValue(string value)
    {
        using var folder = new TempFolder();
        var file = folder.File("leads.jsonl");
        await File.WriteAllLinesAsync(file, [LeadJsonLines.Serialize(TestLeads.Person(1))]);

        var run = await CliRunner.RunAsync("import", file, "--db", folder.File("leads.db"), "--commit-every", value);

        Assert.NotEqual(ExitCodes.Success, run.ExitCode);
        Assert.Contains($"--commit-every must be 0 or from 100 to 10000000 leads; it is {value}", run.Error, System.StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("leads.db")), "nothing is imported when an option is invalid");
    }

    [Fact]
    public async Task Import_BulkCommits_StoreEveryLead_AndAReimportFindsThemAll()
    {
        using var folder = new TempFolder();
        var file = folder.File("leads.jsonl");
        var leads = Enumerable.Range(0, 250).Select(i => TestLeads.Person(i, minutes: i)).ToArray();
        await File.WriteAllLinesAsync(file, leads.Select(LeadJsonLines.Serialize));
        var database = folder.File("leads.db");

        // A commit every 100 leads: the chunk's 250 accepted leads pass it, so they are committed once journaled; their
        // identity and sink rows are committed by the flush at the end.
        var first = await CliRunner.RunAsync("import", file, "--db", database, "--commit-every", "100");
        var again = await CliRunner.RunAsync("import", file, "--db", database);

        Assert.Equal((ExitCodes.Success, "imported 250 new, 0 already known, 0 rejected (1 file)"), (first.ExitCode, first.Output.Trim()));
        Assert.Equal((ExitCodes.Success, "imported 0 new, 250 already known, 0 rejected (1 file)"), (again.ExitCode, again.Output.Trim()));
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM leads) || ' ' || (SELECT COUNT(*) FROM dedup_leads) || ' ' || (SELECT COUNT(*) FROM journal_leads) || ' ' || (SELECT COUNT(*) FROM journal_pending)";
        Assert.Equal("250 250 250 0", command.ExecuteScalar());
    }

    [Fact]
    public async Task Import_NoFiles_IsAUsageError()
    {
        var run = await CliRunner.RunAsync("import");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
    }

    [Fact]
    public async Task Import_LeadsWithWarnings_SummarisesThemByKindWithTheFirstFileLine()
    {
        using var folder = new TempFolder();
        var file = folder.File("odd.csv");
        await File.WriteAllLinesAsync(file, OddLeads);

        var run = await CliRunner.RunAsync("import", file, "--db", folder.File("leads.db"), "--now", CliRunner.Now);

        Assert.Equal(
            [
                "imported 4 new, 0 already known, 0 rejected (1 file)",
                "3 warnings (the leads were imported; --show-warnings lists them, --strict rejects them):",
                $"ActionCodeMismatch 1 first at {file}:2",
                $"InvalidEmail 2 first at {file}:3",
            ],
            run.OutputLines.Select(Squeeze));
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
    }

    [Fact]
    public async Task Import_ShowWarnings_ListsEveryWarningAsFileLineWithoutCustomerData()
    {
        using var folder = new TempFolder();
        var file = folder.File("odd.csv");
        await File.WriteAllLinesAsync(file, OddLeads);

        var run = await CliRunner.RunAsync("import", file, "--show-warnings", "--db", folder.File("leads.db"), "--now", CliRunner.Now);

        Assert.Equal(
            [
                $"{file}:2: warning: ActionCode: LeadSource says INS (Install) but ActionCode says PLT (PartnerLedTrial); Lead.Action is Install (the action in LeadSource wins)",
                $"{file}:3: warning: UserDetails.Email: not a valid e-mail address",
                $"{file}:4: warning: UserDetails.Email: not a valid e-mail address",
            ],
            run.ErrorLines);
        Assert.DoesNotContain("at contoso", run.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
    }

    [Fact]
    public async Task Import_Strict_RejectsLeadsWithWarnings_DeadLetteredWithTheirRawText()
    {
        using var folder = new TempFolder();
        var file = folder.File("odd.csv");
        var database = folder.File("leads.db");
        await File.WriteAllLinesAsync(file, OddLeads);

        var run = await CliRunner.RunAsync("import", file, "--strict", "--db", database, "--now", CliRunner.Now);

        Assert.Equal("imported 1 new, 0 already known, 3 rejected (1 file)", run.Summary);
        Assert.Equal(
            [
                $"{file}:2: rejected by --strict: warning: ActionCode: LeadSource says INS (Install) but ActionCode says PLT (PartnerLedTrial); Lead.Action is Install (the action in LeadSource wins)",
                $"{file}:3: rejected by --strict: warning: UserDetails.Email: not a valid e-mail address",
                $"{file}:4: rejected by --strict: warning: UserDetails.Email: not a valid e-mail address",
            ],
            run.ErrorLines);
        Assert.Equal(ExitCodes.SomeRejected, run.ExitCode);
        Assert.Equal(OddLeads[1..4], (await DeadLettersAsync(database)).Select(static d => d.RawPayload));
    }

    [Fact]
    public async Task Import_SemicolonSeparatedCsv_IsImportedLeadByLead()
    {
        using var folder = new TempFolder();
        var file = folder.File("excel.csv");
        await File.WriteAllLinesAsync(file, ["First Name;Last Name;Email Address;Lead Source", "Ana;García;ana@fabrikam.example;AppSource-PLT | contoso.crm", "Ben;Okafor;ben@contoso.example;AppSource-INS | contoso.crm"]);

        var run = await CliRunner.RunAsync("import", file, "--db", folder.File("leads.db"), "--now", CliRunner.Now);

        Assert.Equal(["imported 2 new, 0 already known, 0 rejected (1 file)"], run.OutputLines);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
    }

    [Fact]
    public async Task Import_CsvWithoutLeadColumns_IsRefusedAtItsHeaderLine()
    {
        using var folder = new TempFolder();
        var file = folder.File("pipes.csv");
        await File.WriteAllLinesAsync(file, ["First Name|Email", "Ana|ana@fabrikam.example"]);

        var run = await CliRunner.RunAsync("import", file, "--db", folder.File("leads.db"), "--now", CliRunner.Now);

        Assert.StartsWith($"{file}:1: the header row cannot be used: it names no lead column under ',', ';' or a tab (under ',' it has 1 column(s), none of them a lead column); expected column names such as ", run.Error, StringComparison.Ordinal);
        Assert.Equal("imported 0 new, 0 already known, 1 rejected (1 file)", run.Summary);
        Assert.Equal(ExitCodes.SomeRejected, run.ExitCode);
    }

    [Fact]
    public async Task Import_UnclosedQuote_RejectsItsLineAndImportsTheNextRow()
    {
        using var folder = new TempFolder();
        var file = folder.File("quote.csv");
        await File.WriteAllLinesAsync(file, ["email,description", "a@x.example,\"note that never ends", "b@x.example,fine"]);

        var run = await CliRunner.RunAsync("import", file, "--db", folder.File("leads.db"), "--now", CliRunner.Now);

        Assert.Equal([$"{file}:2: a quoted field is not closed on this line (it is not closed before the end of the input); the lines after it are read as records of their own"], run.ErrorLines);
        Assert.Equal("imported 1 new, 0 already known, 1 rejected (1 file)", run.Summary);
    }

    [Fact]
    public async Task Import_PartnerCenterDownloadWithGuidIds_IsImportedAndRecognisedWhenImportedAgain()
    {
        using var folder = new TempFolder();
        var file = folder.File("partner-center.csv");
        await File.WriteAllLinesAsync(file,
        [
            "Referral ID,Creation Date,Customer Name,Customer Country,Lead Source,Call to action,Offer name,Status",
            "8f2c6b1e-4d7a-4e3b-9c51-0a6d2e7f4b93,2026-10-30,Fabrikam Iberia,Spain,Azure Marketplace,Contact me,Contoso CRM,New",
            "0b7e4f8a-2c1d-4a6e-8f3b-5d9c0e1a2b47,2026-10-31,Northwind,United States,Appsource,Get it now,Contoso CRM,New",
        ]);
        string[] args = ["import", file, "--db", folder.File("leads.db"), "--now", CliRunner.Now];

        var first = await CliRunner.RunAsync(args);
        var again = await CliRunner.RunAsync(args);

        Assert.Equal(["imported 2 new, 0 already known, 0 rejected (1 file)"], first.OutputLines);
        Assert.Equal(["imported 0 new, 2 already known, 0 rejected (1 file)"], again.OutputLines);
    }

    [Fact]
    public async Task Import_ReaderFailsMidFile_ReportsFileLineAndImportsTheOtherFiles()
    {
        using var folder = new TempFolder();
        var jsonl = folder.File("leads.jsonl");
        var csv = folder.File("leads.csv");
        await File.WriteAllLinesAsync(jsonl, File.ReadLines(CliRunner.SampleFiles.Single(static f => f.EndsWith(".jsonl", StringComparison.Ordinal))).Take(5));
        await File.WriteAllLinesAsync(csv, File.ReadLines(CliRunner.SampleFiles.Single(static f => f.EndsWith(".csv", StringComparison.Ordinal))).Take(4));
        ImportCommand.RecordSource failing = (reader, stream, kind, progress, cancellationToken) =>
            kind == ImportCommand.FileKind.JsonLines
                ? FailAfter(ImportCommand.ReadFile(reader, stream, kind, progress, cancellationToken), 2, cancellationToken)
                : ImportCommand.ReadFile(reader, stream, kind, progress, cancellationToken);

        var run = await CliRunner.RunAsync(failing, "import", jsonl, csv, "--db", folder.File("leads.db"), "--now", CliRunner.Now);

        Assert.Equal([$"{jsonl}:3: the reader failed unexpectedly (a bug in MarketplaceLeads; please report it); the records from this line on were not imported"], run.ErrorLines);
        Assert.DoesNotContain("secret", run.Error, StringComparison.Ordinal);
        Assert.Equal("imported 3 new, 2 already known, 1 rejected (2 files)", run.Summary); // the CSV replays the first JSON Lines records
        Assert.Equal(ExitCodes.SomeRejected, run.ExitCode);
    }

    private static string Squeeze(string line) => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static async Task<List<Delivery.LeadDeadLetter>> DeadLettersAsync(string database)
    {
        await using var db = new SqliteLeadDatabase(new SqliteLeadsOptions { Path = database });
        var deadLetters = new List<Delivery.LeadDeadLetter>();
        await foreach (var deadLetter in db.Journal.ReadDeadLettersAsync(CancellationToken.None))
        {
            deadLetters.Add(deadLetter);
        }

        return deadLetters;
    }

    private static async IAsyncEnumerable<LeadReadResult> FailAfter(IAsyncEnumerable<LeadReadResult> results, int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var read = 0;
        await foreach (var result in results.WithCancellation(cancellationToken))
        {
            if (read++ == count)
            {
                throw new InvalidOperationException("a simulated reader bug quoting secret@fabrikam.example");
            }

            yield return result;
        }
    }
}
