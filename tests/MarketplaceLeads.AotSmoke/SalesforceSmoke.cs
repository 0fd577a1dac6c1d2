using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.AotSmoke;

/// <summary>
/// The Salesforce sink (package MarketplaceLeads.Salesforce) in a NativeAOT binary: options validated by the generated validator, the token
/// answer read, the Lead record's JSON written, the upsert and the reply Task sent, a duplicate rule's answer read into record ids. The HTTP answers
/// come from a handler in this process (the package's tests use a real server; here only the code paths under NativeAOT matter).
/// </summary>
internal static class SalesforceSmoke
{
    public static async Task CheckAsync(SmokeRun run, Lead? contactMe)
    {
        run.Check("AddSalesforceSink validates its options (generated validator), naming the option and never the secret", e =>
        {
            try
            {
                new ServiceCollection().AddMarketplaceLeads().AddSalesforceSink(o =>
                {
                    o.MyDomainUrl = new Uri("https://contoso.my.salesforce.com");
                    o.ClientId = "3MVG9-consumer-key";
                    o.ClientSecret = "aot-secret";
                    o.ExternalIdField = "Bad Name";
                });
                e.Fail("no exception");
            }
            catch (ArgumentException error)
            {
                e.True(error.Message.StartsWith("SalesforceSinkOptions.ExternalIdField must be a field's API name", StringComparison.Ordinal), "message: " + error.Message);
                e.True(!error.Message.Contains("aot-secret", StringComparison.Ordinal), "the secret was echoed");
            }
        });

        if (contactMe is null)
        {
            run.Check("Salesforce sink upserts a Lead record", e => e.Fail("no Contact me lead was read"));
            return;
        }

        var handler = new Answers();
        var observer = new DeadLetters();
        var services = new ServiceCollection();
        services.AddMarketplaceLeads(o => o.BatchDelay = TimeSpan.Zero).AddSalesforceSink(
            o =>
            {
                o.MyDomainUrl = new Uri("https://contoso.my.salesforce.com");
                o.ClientId = "3MVG9-consumer-key";
                o.ClientSecret = "aot-secret";
                o.CreateReplyTasks = true;
            },
            http => http.ConfigurePrimaryHttpMessageHandler(() => handler)).AddObserver(observer);
        await using (var provider = services.BuildServiceProvider())
        {
            var processor = provider.GetRequiredService<ILeadPipeline>();
            await processor.SubmitAsync(contactMe);
            for (var i = 0; i < 1000 && handler.Requests.Count < 3; i++)
            {
                await Task.Delay(10); // the first lead's upsert and Task, before the duplicate comes
            }

            await processor.SubmitAsync(new Lead
            {
                Id = LeadId.FromContent("aot-salesforce-duplicate", null, null, null, null),
                LeadSource = contactMe.LeadSource,
                LeadSourceText = contactMe.LeadSourceText,
                ActionCode = contactMe.ActionCode,
                Customer = new CustomerInfo { FirstName = "Zoe", LastName = "Smith", Email = "zoe@fabrikam.example" },
                ReceivedAt = contactMe.ReceivedAt,
                Channel = LeadChannel.HttpsEndpoint,
            });
            await processor.StopAsync();
        }

        run.Check("Salesforce sink: token from My Domain, upsert of the Lead by external id, the reply Task, a duplicate rule's record ids", e =>
        {
            var requests = handler.Requests.ToArray();
            e.True(requests.Length >= 4, "requests: " + requests.Length);
            if (requests.Length < 4)
            {
                return;
            }

            e.Equal("POST https://contoso.my.salesforce.com/services/oauth2/token", requests[0].Line, "token request");
            e.True(requests[1].Line.StartsWith("PATCH https://contoso.my.salesforce.com/services/data/v64.0/sobjects/Lead/MarketplaceProfileId__c/", StringComparison.Ordinal), "upsert: " + requests[1].Line);
            using var record = JsonDocument.Parse(requests[1].Body);
            e.Equal("Ana", record.RootElement.GetProperty("FirstName").GetString(), "FirstName");
            e.Equal("+34912345678", record.RootElement.GetProperty("Phone").GetString(), "Phone (E.164)");
            e.Equal(false, record.RootElement.GetProperty("HasOptedOutOfEmail").GetBoolean(), "HasOptedOutOfEmail");
            e.True(requests[2].Line.StartsWith("PATCH https://contoso.my.salesforce.com/services/data/v64.0/sobjects/Task/MarketplaceLeadId__c/", StringComparison.Ordinal), "task: " + requests[2].Line);
            var deadLetter = observer.Letters.SingleOrDefault();
            e.True(deadLetter?.ExceptionMessage?.Contains("00Q5e00000AbCdEFGH", StringComparison.Ordinal) == true, "dead letter: " + deadLetter?.ExceptionMessage);
        });
    }

    /// <summary>Collects dead letters.</summary>
    internal sealed class DeadLetters : LeadPipelineObserver
    {
        public ConcurrentQueue<LeadDeadLetter> Letters { get; } = new();

        public override void OnDeadLettered(LeadDeadLetter deadLetter) => Letters.Enqueue(deadLetter);
    }

    /// <summary>Answers as Salesforce does: a token without expiry, then 201 with the record id (or a duplicate rule's block).</summary>
    private sealed class Answers : HttpMessageHandler
    {
        public ConcurrentQueue<(string Line, string Body)> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Enqueue(($"{request.Method} {request.RequestUri}", body));
            if (request.RequestUri!.AbsolutePath.EndsWith("/token", StringComparison.Ordinal))
            {
                return Json(HttpStatusCode.OK, """{"access_token":"00D!aot-token","instance_url":"https://contoso.my.salesforce.com","id":"https://login.salesforce.com/id/00D/005","token_type":"Bearer","issued_at":"1700000000000","signature":"x"}""");
            }

            if (body.Contains("\"Zoe\"", StringComparison.Ordinal))
            {
                return Json(HttpStatusCode.BadRequest, """[{"duplicateResult":{"allowSave":false,"matchResults":[{"entityType":"Lead","matchRecords":[{"record":{"attributes":{"type":"Lead"},"Id":"00Q5e00000AbCdEFGH"}}],"success":true}]},"errorCode":"DUPLICATES_DETECTED","message":"duplicate"}]""");
            }

            return Json(HttpStatusCode.Created, """{"id":"00Q5e00000XyZ1aBCD","success":true,"errors":[],"created":true}""");
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string body)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            response.Headers.TryAddWithoutValidation("Sforce-Limit-Info", "api-usage=1/15000");
            return response;
        }
    }
}
