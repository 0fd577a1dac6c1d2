using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using static MarketplaceLeads.Benchmarks.BaselineDtos;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Benchmarks;

/// <summary>
/// End to end: <see cref="Leads"/> marketplace HTTPS payloads (UTF-8 JSON, distinct people) submitted one at a time to
/// the pipeline as the HTTPS endpoint does (read with a <see cref="LeadReader"/>, then <see cref="ILeadPipeline.SubmitAsync(LeadReadResult, CancellationToken)"/>: journal, queue, de-duplicate, batch) and
/// drained into an <see cref="InMemoryLeadSink"/>; results are per lead (<c>OperationsPerInvoke</c>), allocations
/// process-wide (the pipeline's own tasks included).
/// </summary>
/// <remarks>
/// The baseline is what an application writes by hand without the SDK: deserialize with a reflection-based
/// <see cref="JsonSerializer"/> into a DTO, hand it to a consumer task through an unbounded channel, and add it to a
/// list: no validation, no journal, no de-duplication, no retries. A fresh pipeline (service provider, in-memory
/// journal and de-duplication state) is built before every iteration, so every iteration measures the same work.
/// </remarks>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    /// <summary>The number of leads per iteration.</summary>
    public const int Leads = 10_000;

    private static readonly JsonSerializerOptions ReflectionOptions = new() { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

    private static readonly LeadReader Reader = new(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport });

    private byte[][] _payloads = [];
    private ServiceProvider? _provider;
    private ILeadPipeline? _processor;
    private InMemoryLeadSink? _sink;

    /// <summary>Builds the payloads: distinct people in a thousand companies, the four actions, two offers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string[] actions = ["PLT", "Create", "StartTestDrive", "INS"];
        _payloads = new byte[Leads][];
        for (var i = 0; i < Leads; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            var company = (i % 997).ToString(CultureInfo.InvariantCulture);
            var action = actions[i % actions.Length];
            _payloads[i] = Encoding.UTF8.GetBytes(
                $$"""
                {"UserDetails":{"FirstName":"First{{n}}","LastName":"Last{{n}}","Email":"person{{n}}@company{{company}}.example","Phone":"+1 425 555 {{(i % 10000).ToString("D4", CultureInfo.InvariantCulture)}}","Country":"US","Company":"Company {{company}} Inc","Title":"Engineer"},
                 "LeadSource":"AppSource-{{action}} | contoso.offer-{{(i % 2).ToString(CultureInfo.InvariantCulture)}}","ActionCode":"{{action}}","OfferTitle":"Contoso Offer","Description":"Lead {{n}}"}
                """);
        }
    }

    /// <summary>Builds a fresh pipeline for the pipeline benchmark.</summary>
    [IterationSetup(Target = nameof(Pipeline))]
    public void BuildPipeline()
    {
        _sink = new InMemoryLeadSink();
        var services = new ServiceCollection();
        services.AddMarketplaceLeads(o => o.BatchDelay = TimeSpan.Zero).AddSink(_sink, "memory");
        _provider = services.BuildServiceProvider();
        _processor = _provider.GetRequiredService<ILeadPipeline>();
        _processor.StartAsync().GetAwaiter().GetResult();
    }

    /// <summary>Disposes the pipeline's service provider.</summary>
    [IterationCleanup(Target = nameof(Pipeline))]
    public void DisposePipeline()
    {
        if (_sink!.Count != Leads)
        {
            throw new InvalidOperationException($"The sink received {_sink.Count} of {Leads} leads.");
        }

        _provider!.Dispose();
    }

    /// <summary>The hand-written baseline: reflection JSON into a DTO, a channel, a consumer task, a list.</summary>
    /// <returns>The number of leads the consumer received.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Leads)]
    public async Task<int> HandWrittenChannel()
    {
        var channel = Channel.CreateUnbounded<PayloadDto>(new UnboundedChannelOptions { SingleReader = true });
        var received = new List<PayloadDto>();
        var consumer = Task.Run(async () =>
        {
            await foreach (var dto in channel.Reader.ReadAllAsync())
            {
                received.Add(dto);
            }
        });
        foreach (var payload in _payloads)
        {
            await channel.Writer.WriteAsync(JsonSerializer.Deserialize<PayloadDto>(payload, ReflectionOptions)!);
        }

        channel.Writer.Complete();
        await consumer;
        return received.Count;
    }

    /// <summary>The SDK: submit every payload to the pipeline, then stop it (drain) so every lead is in the sink.</summary>
    /// <returns>The number of leads the sink received.</returns>
    [Benchmark(OperationsPerInvoke = Leads)]
    public async Task<int> Pipeline()
    {
        var processor = _processor!;
        foreach (var payload in _payloads)
        {
            foreach (var record in Reader.ReadHttpsPayloads(payload))
            {
                await processor.SubmitAsync(record, CancellationToken.None);
            }
        }

        await processor.StopAsync();
        return _sink!.Count;
    }
}
