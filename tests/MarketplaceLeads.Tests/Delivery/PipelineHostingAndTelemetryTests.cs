using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.Tests;

public sealed class PipelineHostingAndTelemetryTests
{
    [Fact]
    public async Task GenericHost_StartsThePipelineAndDrainsItOnStop()
    {
        var gate = new TaskCompletionSource();
        var sink = new RecordingSink { Behaviour = (_, _, ct) => gate.Task.WaitAsync(ct) };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddMarketplaceLeads(o => o.BatchDelay = TimeSpan.Zero).AddSink(sink, "crm");
        using var host = builder.Build();
        await host.StartAsync();
        var processor = host.Services.GetRequiredService<ILeadPipeline>();
        var leads = TestLeads.People(10);
        foreach (var lead in leads)
        {
            await processor.SubmitAsync(lead);
        }

        var stopping = host.StopAsync();
        await Task.Delay(50);
        Assert.False(stopping.IsCompleted);
        gate.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(leads.Select(l => l.Id).Order(), sink.CommittedIds.Order());
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await processor.SubmitAsync(TestLeads.Person(77)));
    }

    [Fact]
    public async Task GenericHost_InvalidOptions_FailStartWithTheMessage()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddMarketplaceLeads(o => o.MaxDeliveryAttempts = 0).AddSink(new InMemoryLeadSink());
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("MarketplaceLeadsOptions.MaxDeliveryAttempts must be between 1 and 1,000; it is 0.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Meter_CountsEveryStage()
    {
        var measurements = new ConcurrentQueue<(string Name, long Value, KeyValuePair<string, object?>[] Tags)>();
        using var listener = new MeterListener();
        var services = new ServiceCollection();
        services.AddMetrics();
        var sink = new RecordingSink { Behaviour = (call, _, _) => call == 1 ? throw new InvalidOperationException("once") : Task.CompletedTask };
        services.AddMarketplaceLeads(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.BatchDelay = TimeSpan.Zero;
        }).AddSink(sink, "crm");
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "MarketplaceLeads" && instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, 1, tags.ToArray())));
        listener.Start();
        var processor = provider.GetRequiredService<ILeadPipeline>();
        var lead = TestLeads.Person(1);

        await processor.SubmitAsync(lead);
        await processor.SubmitAsync(lead);
        await PipelineHarness.SubmitHttpsBodyAsync(processor, provider, "not json"u8.ToArray());
        await sink.WaitForCommittedAsync(1);
        listener.RecordObservableInstruments();
        await processor.StopAsync();

        long Sum(string name) => measurements.Where(m => m.Name == name).Sum(m => m.Value);
        Assert.Equal(1, Sum("marketplace_leads.received"));
        Assert.Equal(1, Sum("marketplace_leads.already_accepted"));
        Assert.Equal(1, Sum("marketplace_leads.rejected"));
        Assert.Equal(1, Sum("marketplace_leads.dead_lettered"));
        Assert.Equal(1, Sum("marketplace_leads.deduplicated"));
        Assert.Equal(1, Sum("marketplace_leads.retried"));
        Assert.Equal(1, Sum("marketplace_leads.delivered"));
        Assert.Equal(1, Sum("marketplace_leads.delivery.latency"));
        Assert.Contains(measurements, m => m.Name == "marketplace_leads.queue.length");
        var delivered = measurements.Single(m => m.Name == "marketplace_leads.delivered");
        Assert.Contains(new KeyValuePair<string, object?>("sink", "crm"), delivered.Tags);
        Assert.Contains(new KeyValuePair<string, object?>("pipeline", ""), delivered.Tags);
        var deduplicated = measurements.Single(m => m.Name == "marketplace_leads.deduplicated");
        Assert.Contains(new KeyValuePair<string, object?>("outcome", "NewProfile"), deduplicated.Tags);
    }

    [Fact]
    public async Task ActivitySource_TracesSubmitAndDelivery()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "MarketplaceLeads",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var sink = new InMemoryLeadSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink, "memory"));
        var lead = TestLeads.Person(5);

        await harness.Processor.SubmitAsync(lead);
        await harness.Processor.StopAsync();

        var leadId = lead.Id.ToString();
        Assert.Contains(activities, a => a.OperationName == "MarketplaceLeads.Submit" && (string?)a.GetTagItem("marketplace_leads.lead_id") == leadId);
        Assert.Contains(activities, a => a.OperationName == "MarketplaceLeads.Deliver" && (string?)a.GetTagItem("marketplace_leads.sink") == "memory");
    }

    [Fact]
    public async Task Logs_NameLeadsByIdOnly_NeverCustomerData()
    {
        var logs = new ConcurrentQueue<string>();
        var sink = new RecordingSink { Behaviour = (_, _, _) => throw new LeadSinkException("refused", isTransient: false) };
        await using var harness = PipelineHarness.Create(
            b => b.AddSink(sink, "crm"),
            o => o.MaxDeliveryAttempts = 1,
            s => s.AddLogging(l => l.AddProvider(new CollectingLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace)));
        var lead = TestLeads.Make("Zelda", "Quintessence", "zelda.quintessence@secret.example", "+1 425 555 0199", "Hyrule Inc");

        await harness.Processor.SubmitAsync(lead);
        await harness.Processor.StopAsync();

        Assert.Contains(logs, l => l.Contains(lead.Id.ToString(), StringComparison.Ordinal) && l.Contains("dead-lettered", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains("Zelda", StringComparison.Ordinal) || l.Contains("Quintessence", StringComparison.Ordinal) || l.Contains("secret.example", StringComparison.Ordinal) || l.Contains("555", StringComparison.Ordinal));
    }

    private sealed class CollectingLoggerProvider(ConcurrentQueue<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(logs);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Enqueue(formatter(state, exception) + " " + exception?.Message);
        }
    }
}
