// The consumer-style test's application (eng/consumer-test.sh copies it out of the repository, restores the
// packages just packed by version, and runs it with the payloads in samples/payloads/ as arguments).
using MarketplaceLeads;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;

var database = Path.Combine(AppContext.BaseDirectory, "consumer-leads.db");
File.Delete(database);
var sink = new CountingSink();
var services = new ServiceCollection();
services.AddMarketplaceLeads(o => o.BatchDelay = TimeSpan.Zero)
    .AddSink(sink, "consumer")
    .UseSqlite(o => o.Path = database);

var accepted = 0;
await using (var provider = services.BuildServiceProvider())
{
    var leads = provider.GetRequiredService<ILeadPipeline>();
    var reader = new LeadReader(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport });
    foreach (var file in args)
    {
        foreach (var record in reader.ReadHttpsPayloads(await File.ReadAllBytesAsync(file)))
        {
            var result = await leads.SubmitAsync(record);
            Console.WriteLine($"{Path.GetFileName(file)}: {result.Status}");
            accepted += result.Status == LeadSubmitStatus.Accepted ? 1 : 0;
        }
    }
}

Console.WriteLine($"consumer: {accepted} accepted, {sink.Count} delivered to the custom sink");
return accepted > 0 && sink.Count > 0 ? 0 : 1;

/// <summary>The custom sink: counts and prints what it receives.</summary>
internal sealed class CountingSink : ILeadSink
{
    public int Count { get; private set; }

    public ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken)
    {
        foreach (var delivery in batch)
        {
            Count++;
            Console.WriteLine($"delivered {delivery.Lead.Id}: {delivery.Outcome}, {delivery.Lead.Action}, do not contact: {delivery.DoNotContact}");
        }

        return ValueTask.CompletedTask;
    }
}
