using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Azure.Data.Tables;
using MarketplaceLeads.AzureTables.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MarketplaceLeads.AzureTables.Tests;

/// <summary>Runs the Azure Table sample proposed for docs/receiving-leads.md on the documented sample row.</summary>
[Collection(AzuriteTests.Name)]
public sealed partial class ReceivingLeadsDocTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task DocSample_ReadsTheDocumentedSampleRow_AndWritesItToTheSinkTable()
    {
        var leadsTable = await azurite.CreateTableAsync("MarketplaceLeads");
        await leadsTable.AddEntityAsync(SampleRow());
        var connectionString = azurite.ConnectionString;
        var checkpoints = Path.Combine(Path.GetTempPath(), "mlat-doc-" + Guid.NewGuid().ToString("N"));

        // DOCS:azure-table
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddMarketplaceLeads()
            .AddAzureTableReader(o =>
            {
                o.ConnectionString = connectionString;       // the storage account you gave Partner Center
                o.TableName = leadsTable.Name;               // "MarketplaceLeads" in production
                o.CheckpointDirectory = checkpoints;         // or o.CheckpointStore = new AzureTableRowCheckpointStore(...)
                o.PollInterval = TimeSpan.FromSeconds(30);
            })
            .AddAzureTableSink(o =>
            {
                o.ConnectionString = connectionString;
                o.TableName = "LeadDeliveries";
            });
        using var host = builder.Build();
        await host.StartAsync();
        // DOCS:end

        var deliveries = new TableClient(connectionString, "LeadDeliveries");
        TableEntity? row = null;
        for (var i = 0; i < 200 && row is null; i++)
        {
            await Task.Delay(50);
            try
            {
                row = (await deliveries.QueryAsync<TableEntity>().ToListAsync()).SingleOrDefault();
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 404)
            {
                // the sink creates the table on its first write
            }
        }

        await host.StopAsync();
        Directory.Delete(checkpoints, recursive: true);
        Assert.NotNull(row);
        Assert.Equal(LeadId.FromKey("azure-table", "contoso.contoso-analytics", "0f6d2c7e-1b0a-4a55-9d0e-6f3c2b7a9e11").ToString(), row.RowKey);
        Assert.Contains("wei.chen@tailspin.example", row.GetString("Delivery"), StringComparison.Ordinal);
    }

    private static TableEntity SampleRow()
    {
        var path = Path.Combine(RepositoryRoot(), "samples", "payloads", "azure-table-row.json");
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var entity = new TableEntity();
        foreach (var property in json.RootElement.EnumerateObject().Where(p => p.Name != "Timestamp"))
        {
            entity[property.Name] = property.Value.GetString();
        }

        return entity;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MarketplaceLeads.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MarketplaceLeads.sln was not found.");
    }

    [Fact]
    public void Docs_ShowTheCodeThatRunsHere()
    {
        var self = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "MarketplaceLeads.AzureTables.Tests", "ReceivingLeadsDocTests.cs")).ReplaceLineEndings("\n");
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "receiving-leads.md")).ReplaceLineEndings("\n");
        var region = RegionPattern().Match(self);
        Assert.True(region.Success);
        var lines = region.Groups["code"].Value.Split('\n')[..^1];
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        var code = string.Concat(lines.Select(l => (l.Length >= indent ? l[indent..] : l.TrimStart()) + "\n"));

        Assert.True(page.Contains("```csharp\n" + code + "```\n", StringComparison.Ordinal), "docs/receiving-leads.md has no ```csharp block equal to the DOCS:azure-table region:\n" + code);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"// DOCS:azure-table\n(?<code>.*?)^[ ]*// DOCS:end", System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex RegionPattern();
}
