using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.FollowUp;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.Http.Tests;

/// <summary>
/// <c>AddFollowUpAlerts</c> + <c>AddNotifier</c> in a generic host, on a <see cref="FakeTimeProvider"/>, delivering through
/// a real <see cref="HttpNotifier"/> to a Kestrel webhook on 127.0.0.1.
/// </summary>
public sealed class FollowUpAlertsHostingTests
{
    private const string Secret = "notify-secret";

    private static readonly Lead ContactMe = TestLeads.Make("Ana", "Garcia", email: "ana@contoso.example", company: "Contoso", action: "PLT");

    [Fact]
    public async Task HostedAlerts_OnTheTimer_DeliverTheWarningAndThenTheBreach_OnceEach()
    {
        await using var server = await WebhookServer.StartAsync();
        using var client = new HttpClient();
        var time = new FakeTimeProvider(TestLeads.Start);
        var store = new CountingFollowUpStore();
        using var host = Build(time, store, server, client);
        await host.Services.GetRequiredService<ILeadDeduplicator>().AddAsync(ContactMe);

        await host.StartAsync();
        await store.WaitForChecksAsync(1); // the check at start: the reply is due in 24 h, nothing to say yet
        time.Advance(TimeSpan.FromHours(20)); // 4 h before the deadline
        await Polling.WaitAsync(() => server.Count == 1, null, () => "no warning");
        time.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1)); // past the deadline
        await Polling.WaitAsync(() => server.Count == 2, null, () => "no breach");
        var checks = store.Checks;
        time.Advance(TimeSpan.FromMinutes(1));
        await store.WaitForChecksAsync(checks + 1);
        await host.StopAsync();

        Assert.Equal(["warning", "breach"], server.Requests.Select(r => Kind(r.Body)));
        Assert.Equal($"{ContactMe.Id}/Breach", server.Requests[1].Header(WebhookFormat.IdempotencyKeyHeader));
        Assert.All(server.Requests, r => Assert.True(WebhookSignature.Verify(Secret, r.Header(WebhookFormat.TimestampHeader), r.Header(WebhookFormat.SignatureHeader), r.Body, time.GetUtcNow(), TimeSpan.FromDays(2))));
        Assert.All(await store.ReadAlertsAsync(), a => Assert.Equal(FollowUpAlertState.Delivered, a.State));
    }

    [Fact]
    public async Task HostedAlerts_CheckThatFails_IsLoggedByErrorTypeOnly_AndTheNextTickDeliversTheAlertOnce()
    {
        await using var server = await WebhookServer.StartAsync();
        using var client = new HttpClient();
        var time = new FakeTimeProvider(TestLeads.Start.AddHours(25)); // already overdue
        var store = new CountingFollowUpStore { FailNextRead = true };
        using var logs = new CollectingLoggerProvider();
        using var host = Build(time, store, server, client, logs);
        await host.Services.GetRequiredService<ILeadDeduplicator>().AddAsync(ContactMe);

        await host.StartAsync();
        await store.WaitForChecksAsync(1);
        await Polling.WaitAsync(() => logs.Messages.Any(m => m.Message.Contains("check failed", StringComparison.Ordinal)), null, () => "the failed check was not logged");
        Assert.Equal(0, server.Count);
        time.Advance(TimeSpan.FromMinutes(1));
        await Polling.WaitAsync(() => server.Count == 1, null, () => "the next tick did not deliver the breach");
        time.Advance(TimeSpan.FromMinutes(1));
        await store.WaitForChecksAsync(3);
        await host.StopAsync();

        Assert.Equal(1, server.Count);
        var failed = Assert.Single(logs.Messages, m => m.Message.Contains("check failed", StringComparison.Ordinal)).Message;
        Assert.Contains(nameof(TimeoutException), failed, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("Contoso", string.Join("\n", logs.Messages.Select(m => m.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostedAlerts_NotifierAnswering503_AreRetriedOnTheClock_AndDeliveredOnce()
    {
        var answers = 0;
        await using var server = await WebhookServer.StartAsync((_, context) => { context.Response.StatusCode = Interlocked.Increment(ref answers) == 1 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status204NoContent; return Task.CompletedTask; });
        using var client = new HttpClient();
        var time = new FakeTimeProvider(TestLeads.Start.AddHours(25));
        var store = new CountingFollowUpStore();
        using var host = Build(time, store, server, client);
        await host.Services.GetRequiredService<ILeadDeduplicator>().AddAsync(ContactMe);

        await host.StartAsync();
        await Polling.WaitAsync(() => server.Count == 1, null, () => "no first attempt");
        while (server.Count < 2)
        {
            time.Advance(TimeSpan.FromSeconds(1)); // the retry's back-off, on the fake clock
            await Task.Delay(5);
        }

        await Polling.WaitAsync(() => store.Alerts.All(a => a.State == FollowUpAlertState.Delivered), null, () => "not marked delivered");
        var checks = store.Checks;
        time.Advance(TimeSpan.FromMinutes(2));
        await store.WaitForChecksAsync(checks + 1);
        await host.StopAsync();

        Assert.Equal(2, server.Count);
        Assert.Equal(FollowUpAlertState.Delivered, Assert.Single(await store.ReadAlertsAsync()).State);
    }

    [Fact]
    public async Task HostedAlerts_StoppedWhileTheNotifierHangs_StopCleanly_AndTheNextStartDeliversThePendingAlertOnce()
    {
        var hang = true;
        WebhookServer? self = null;
        await using var server = await WebhookServer.StartAsync((_, context) => Volatile.Read(ref hang) ? self!.HangAsync(context) : Task.CompletedTask);
        self = server;
        using var client = new HttpClient();
        var time = new FakeTimeProvider(TestLeads.Start.AddHours(25));
        var store = new CountingFollowUpStore();
        ILeadDeduplicationStore profiles;
        using (var first = Build(time, store, server, client))
        {
            profiles = first.Services.GetRequiredService<ILeadDeduplicationStore>(); // the customers survive the restart, as in a database
            await first.Services.GetRequiredService<ILeadDeduplicator>().AddAsync(ContactMe);
            await first.StartAsync();
            await Polling.WaitAsync(() => server.Count == 1, null, () => "no attempt");

            await first.StopAsync(); // cancels the hanging delivery
        }

        Assert.Equal(FollowUpAlertState.Pending, Assert.Single(await store.ReadAlertsAsync()).State);
        Volatile.Write(ref hang, false);
        using var second = Build(time, store, server, client, profiles: profiles);
        await second.StartAsync();
        await Polling.WaitAsync(() => server.Count == 2, null, () => "the pending alert was not delivered after the restart");
        var checks = store.Checks; // read before the clock moves: the tick it starts may finish before the next line
        time.Advance(TimeSpan.FromMinutes(1));
        await store.WaitForChecksAsync(checks + 1);
        await second.StopAsync();

        Assert.Equal(2, server.Count);
        Assert.Equal(server.Requests[0].Header(WebhookFormat.IdempotencyKeyHeader), server.Requests[1].Header(WebhookFormat.IdempotencyKeyHeader));
        Assert.Equal(FollowUpAlertState.Delivered, Assert.Single(await store.ReadAlertsAsync()).State);
    }

    [Fact]
    public async Task HostedAlerts_WithTwoNotifiers_ReachBoth_AndA503OnOneDoesNotRepeatTheOther()
    {
        await using var webhook = await WebhookServer.StartAsync();
        var answers = 0;
        await using var slack = await WebhookServer.StartAsync((_, context) => { context.Response.StatusCode = Interlocked.Increment(ref answers) == 1 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK; return Task.CompletedTask; });
        using var client = new HttpClient();
        var time = new FakeTimeProvider(TestLeads.Start.AddHours(25));
        var store = new CountingFollowUpStore();
        using var host = Build(time, store, webhook, client, configure: b => b.AddNotifier(_ => HttpNotifier.Slack(client, slack.Endpoint)));
        await host.Services.GetRequiredService<ILeadDeduplicator>().AddAsync(ContactMe);

        await host.StartAsync();
        while (slack.Count < 2)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        await Polling.WaitAsync(() => store.Alerts.All(a => a.State == FollowUpAlertState.Delivered), null, () => "not marked delivered");
        await host.StopAsync();

        Assert.Equal(1, webhook.Count);
        Assert.Equal(2, slack.Count);
    }

    [Fact]
    public async Task AddFollowUpAlerts_WithoutANotifier_OrWithABadInterval_FailsStartUp_SayingWhy()
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads().AddSink(static (_, _) => ValueTask.CompletedTask).AddFollowUpAlerts();
        await using var provider = services.BuildServiceProvider();
        var missing = Assert.Throws<InvalidOperationException>(() => provider.GetServices<IHostedService>().ToList());
        Assert.Contains("AddNotifier", missing.Message, StringComparison.Ordinal);

        var time = new FakeTimeProvider(TestLeads.Start);
        using var client = new HttpClient();
        await using var server = await WebhookServer.StartAsync();
        using var host = Build(time, new CountingFollowUpStore(), server, client, configure: b => b.AddFollowUpAlerts(o => o.CheckInterval = TimeSpan.FromMilliseconds(10)));
        var invalid = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("CheckInterval", invalid.Message, StringComparison.Ordinal);
    }

    private static IHost Build(FakeTimeProvider time, IFollowUpStore store, WebhookServer server, HttpClient client, CollectingLoggerProvider? logs = null, ILeadDeduplicationStore? profiles = null, Action<IMarketplaceLeadsBuilder>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(store);
        if (logs is not null)
        {
            builder.Services.AddLogging(l => l.AddProvider(logs));
        }

        var leads = builder.Services.AddMarketplaceLeads()
            .AddSink(static (_, _) => ValueTask.CompletedTask)
            .AddFollowUpAlerts()
            .AddNotifier(_ => HttpNotifier.Webhook(client, server.Endpoint, Secret, time));
        if (profiles is not null)
        {
            builder.Services.AddSingleton<ILeadDeduplicationStore>(profiles);
        }

        configure?.Invoke(leads);
        return builder.Build();
    }

    private static string? Kind(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("kind").GetString();
    }

    /// <summary>The in-memory follow-up store, counting the checks (each reads the touch log once), and failing the next read when told to.</summary>
    private sealed class CountingFollowUpStore : IFollowUpStore
    {
        private readonly InMemoryFollowUpStore _inner = new();
        private int _checks;

        public bool FailNextRead { get; set; }

        public int Checks => Volatile.Read(ref _checks);

        public IReadOnlyList<FollowUpAlertRecord> Alerts => _inner.ReadAlertsAsync().AsTask().GetAwaiter().GetResult();

        public Task WaitForChecksAsync(int count) => Polling.WaitAsync(() => Checks >= count, null, () => $"{Checks} checks, not {count}");

        public ValueTask RecordAsync(FollowUpTouch touch, CancellationToken cancellationToken = default) => _inner.RecordAsync(touch, cancellationToken);

        public ValueTask<FollowUpLog> ReadLogAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _checks);
            if (FailNextRead)
            {
                FailNextRead = false;
                throw new TimeoutException("the store did not answer");
            }

            return _inner.ReadLogAsync(cancellationToken);
        }

        public ValueTask<bool> AddAlertAsync(FollowUpAlertRecord alert, CancellationToken cancellationToken = default) => _inner.AddAlertAsync(alert, cancellationToken);

        public ValueTask SetAlertStateAsync(LeadId leadId, FollowUpAlertKind kind, FollowUpAlertState state, CancellationToken cancellationToken = default) => _inner.SetAlertStateAsync(leadId, kind, state, cancellationToken);

        public ValueTask<IReadOnlyList<FollowUpAlertRecord>> ReadAlertsAsync(CancellationToken cancellationToken = default) => _inner.ReadAlertsAsync(cancellationToken);
    }
}
