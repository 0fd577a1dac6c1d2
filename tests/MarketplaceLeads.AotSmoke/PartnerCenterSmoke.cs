using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Checkpoints;
using MarketplaceLeads.PartnerCenter;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.AotSmoke;

/// <summary>
/// The Partner Center source (package MarketplaceLeads.PartnerCenter) in a NativeAOT binary: options validated by the generated validator, the
/// token answer read, a page of referrals parsed, the marketplace lead kept and mapped (LeadReader.ReadPartnerCenterReferral), the checkpoint
/// written; and the core's file checkpoint store, the readers' default (its JSON written and read, a file of the earlier schema read). The HTTP answers come from a handler in this process (the package's tests use a real server; here only the code paths under NativeAOT matter).
/// </summary>
internal static class PartnerCenterSmoke
{
    public static async Task CheckAsync(SmokeRun run)
    {
        run.Check("AddPartnerCenterReader validates its options (generated validator), naming the option and never the secret", e =>
        {
            try
            {
                new ServiceCollection().AddMarketplaceLeads().AddPartnerCenterReader(o =>
                {
                    o.TenantId = "contoso.onmicrosoft.com";
                    o.ClientId = "00001111-aaaa-2222-bbbb-3333cccc4444";
                    o.ClientSecret = "aot-secret";
                    o.CheckpointStore = new MemoryCheckpoints();
                    o.PageSize = 1000;
                });
                e.Fail("no exception");
            }
            catch (ArgumentException error)
            {
                e.True(error.Message.StartsWith("PartnerCenterReaderOptions.PageSize", StringComparison.Ordinal), "message: " + error.Message);
                e.True(!error.Message.Contains("aot-secret", StringComparison.Ordinal), "the secret was echoed");
            }
        });

        await run.CheckAsync("Partner Center reader: token, a page of referrals, the marketplace lead mapped, the checkpoint saved", async e =>
        {
            var handler = new Answers();
            var checkpoints = new MemoryCheckpoints();
            using var http = new HttpClient(handler);
            using var reader = new PartnerCenterLeadReader(
                new PartnerCenterReaderOptions { TenantId = "contoso.onmicrosoft.com", ClientId = "00001111-aaaa-2222-bbbb-3333cccc4444", ClientSecret = "aot-secret", CheckpointStore = checkpoints },
                http);
            var results = new List<LeadReadResult>();
            await foreach (var result in reader.ReadNewAsync())
            {
                results.Add(result);
            }

            e.Equal(1, results.Count, "marketplace leads read");
            e.Equal(1, reader.SkippedLastPass, "co-sell referrals skipped");
            var lead = results.FirstOrDefault().Lead;
            e.Equal(LeadId.FromKey("partner-center", "c5fbb3b6-be74-4795-9fb5-4324c73fed37"), lead?.Id ?? default, "lead id");
            e.Equal(LeadChannel.PartnerCenter, lead?.Channel ?? LeadChannel.Unknown, "channel");
            e.Equal("sue.smith@fabrikam.com", lead?.Customer.Email, "email");
            e.Equal(LeadAction.PartnerLedTrial, lead?.Action ?? LeadAction.Unknown, "action");
            var requests = handler.Requests.ToArray();
            e.Equal(2, requests.Length, "requests");
            e.True(requests.Length > 1 && requests[1].Line.StartsWith("GET https://api.partner.microsoft.com/v1.0/engagements/referrals?$filter=qualification%20eq%20%27Direct%27", StringComparison.Ordinal), "list: " + (requests.Length > 1 ? requests[1].Line : "none"));
            e.True(requests.Length > 1 && requests[1].Correlation is { Length: 36 }, "MS-CorrelationId");
            e.True(!checkpoints.Saved.IsEmpty && checkpoints.Saved.Values.Single().Watermark is not null, "checkpoint watermark");
        });

        await run.CheckAsync("File checkpoint store (the readers' default): saves and loads a checkpoint, and reads a file of the earlier Azure Table schema", async e =>
        {
            var folder = Path.Combine(Path.GetTempPath(), "aot-checkpoints-" + Guid.NewGuid().ToString("N"));
            try
            {
                var store = new FileLeadReaderCheckpointStore(folder);
                var stamp = new DateTimeOffset(2026, 3, 1, 9, 55, 0, TimeSpan.FromHours(-5));
                await store.SaveAsync("partner-center-referrals", new LeadReaderCheckpoint { Watermark = stamp, Seen = [new("referral", "c5fbb3b6 \u00e9 \U0001F600", stamp)] }, default);
                var loaded = await store.LoadAsync("partner-center-referrals", default);
                e.True(loaded?.Watermark is { } w && w.EqualsExact(stamp), "watermark: " + loaded?.Watermark);
                e.Equal("c5fbb3b6 \u00e9 \U0001F600", loaded?.Seen.SingleOrDefault().Key, "seen key");

                await File.WriteAllTextAsync(store.GetPath("leads"), """{"schema":"marketplace-leads/azure-table-checkpoint@1","watermark":null,"seen":[{"pk":"p","rk":"r","ts":"1970-01-01T00:00:00+00:00"}]}""");
                var legacy = await store.LoadAsync("leads", default);
                e.True(legacy is { Watermark: null, Seen: [{ Partition: "p", Key: "r" }] }, "earlier schema read");
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        });
    }

    private sealed class MemoryCheckpoints : ILeadReaderCheckpointStore
    {
        public ConcurrentDictionary<string, LeadReaderCheckpoint> Saved { get; } = new();

        public ValueTask<LeadReaderCheckpoint?> LoadAsync(string name, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Saved.TryGetValue(name, out var checkpoint) ? checkpoint : null);

        public ValueTask SaveAsync(string name, LeadReaderCheckpoint checkpoint, CancellationToken cancellationToken)
        {
            Saved[name] = checkpoint;
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Answers as Entra ID and the Referrals API do (the referrals from Microsoft Learn, "Get a list of referrals", the first made a marketplace lead).</summary>
    private sealed class Answers : HttpMessageHandler
    {
        public ConcurrentQueue<(string Line, string? Correlation)> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Enqueue(($"{request.Method} {request.RequestUri!.AbsoluteUri}", request.Headers.TryGetValues("MS-CorrelationId", out var values) ? values.First() : null));
            var body = request.RequestUri.AbsolutePath.EndsWith("/token", StringComparison.Ordinal)
                ? """{"token_type":"Bearer","expires_in":3599,"access_token":"aot-token"}"""
                : """
                  {"value":[
                    {"id":"c5fbb3b6-be74-4795-9fb5-4324c73fed37","updatedDateTime":"2018-10-30T21:03:42.4579542Z","createdDateTime":"2018-10-30T21:03:42.4579542Z","status":"New","substatus":"Pending","qualification":"Direct","type":"Independent","referralSource":"AppSource","callToAction":"ContactMe","name":"Contoso Analytics",
                     "customerProfile":{"name":"Fabrikam Customer Inc","address":{"country":"US"},"team":[{"firstName":"Sue","lastName":"Smith","phoneNumber":"1234567890","email":"sue.smith@fabrikam.com"}]},
                     "details":{"notes":"We are interested in deploying Microsoft 365."}},
                    {"id":"61c65491-2f2c-461a-84b4-3654499bc1d9","updatedDateTime":"2018-10-29T21:24:52.040469Z","qualification":"Direct","type":"Independent","inviteContext":{"invitedBy":{"organizationId":"4b5fcbd2-4a2d-4fd8-a0d2-ab1c1c4e9f3e"}}}
                  ]}
                  """;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
