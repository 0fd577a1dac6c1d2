using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;

namespace MarketplaceLeads.Cli.Tests;

[Collection(ImportedSamplesDefinition.Name)]
public sealed class ExportCommandTests(ImportedSamples samples)
{
    [Fact]
    public async Task Export_Csv_HasOneRowPerProfile()
    {
        var customers = await CustomersAsync();

        var run = await CliRunner.RunAsync("export", "--db", samples.Database);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("profileId,firstName,lastName,email,", lines[0], StringComparison.Ordinal);
        Assert.Equal(customers, lines.Length - 1);
    }

    [Fact]
    public async Task Export_JsonLinesToFile_HasOneObjectPerProfile()
    {
        var customers = await CustomersAsync();
        using var folder = new TempFolder();
        var file = folder.File("profiles.jsonl");

        var run = await CliRunner.RunAsync("export", "--db", samples.Database, "--format", "jsonl", "--out", file);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        var lines = await File.ReadAllLinesAsync(file);
        Assert.Equal(customers, lines.Length);
        Assert.All(lines, static line =>
        {
            using var document = JsonDocument.Parse(line);
            Assert.Equal(32, document.RootElement.GetProperty("profileId").GetString()!.Length);
        });
        Assert.Contains(lines, static l => l.Contains("\"doNotContact\":true", StringComparison.Ordinal));
    }

    private async Task<int> CustomersAsync()
    {
        var report = await CliRunner.RunAsync("report", "--db", samples.Database, "--format", "json");
        using var document = JsonDocument.Parse(report.Output);
        return document.RootElement.GetProperty("customers").GetInt32();
    }
}
