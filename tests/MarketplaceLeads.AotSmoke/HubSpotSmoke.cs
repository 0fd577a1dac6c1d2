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
/// The HubSpot sink (package MarketplaceLeads.HubSpot) in a NativeAOT binary: options validated by the generated validator, the batch upsert's JSON written,
/// its answer read by the source-generated JSON context (a 207 multi-status error mapped to its lead), the reply task upserted and associated. The HTTP
/// answers come from a handler in this process (the package's tests use a real server; here only the code paths under NativeAOT matter).
/// </summary>
internal static class HubSpotSmoke
{
    public static async Task CheckAsync(SmokeRun run, Lead? contactMe)
    {
        run.Check("AddHubSpotSink validates its options (generated validator), naming the option and never the token", e =>
        {
            try
            {
                new ServiceCollection().AddMarketplaceLeads().AddHubSpotSink(o =>
                {
                    o.AccessToken = "pat-aot-secret";
                    o.ApiVersion = "v3";
                });
                e.Fail("no exception");
            }
            catch (ArgumentException error)
            {
                e.True(error.Message.StartsWith("HubSpotSinkOptions.ApiVersion must be a date-based API version", StringComparison.Ordinal), "message: " + error.Message);
                e.True(!error.Message.Contains("pat-aot-secret", StringComparison.Ordinal), "the token was echoed");
            }
        });

        if (contactMe is null)
        {
            run.Check("HubSpot sink upserts a contact", e => e.Fail("no Contact me lead was read"));
            return;
        }

        var handler = new Answers();
        var observer = new SalesforceSmoke.DeadLetters();
        var services = new ServiceCollection();
        services.AddMarketplaceLeads(o => o.BatchDelay = TimeSpan.Zero).AddHubSpotSink(
            o =>
            {
                o.AccessToken = "pat-aot-token";
                o.CreateReplyTasks = true;
            },
            http => http.ConfigurePrimaryHttpMessageHandler(() => handler)).AddObserver(observer);
        await using (var provider = services.BuildServiceProvider())
        {
            var processor = provider.GetRequiredService<ILeadPipeline>();
            await processor.SubmitAsync(contactMe);
            for (var i = 0; i < 1000 && handler.Requests.Count < 3; i++)
            {
                await Task.Delay(10); // the contact, its task and the association, before the refused lead comes
            }

            await processor.SubmitAsync(new Lead
            {
                Id = LeadId.FromContent("aot-hubspot-refused", null, null, null, null),
                LeadSource = contactMe.LeadSource,
                LeadSourceText = contactMe.LeadSourceText,
                ActionCode = "INS",
                Customer = new CustomerInfo { FirstName = "Zoe", LastName = "Smith", Email = "zoe@fabrikam.example" },
                ReceivedAt = contactMe.ReceivedAt,
                Channel = LeadChannel.HttpsEndpoint,
            });
            for (var i = 0; i < 1000 && observer.Letters.IsEmpty; i++)
            {
                await Task.Delay(10);
            }

            await processor.StopAsync();
        }

        run.Check("HubSpot sink: batch upsert of the contact on the dated path, the reply task and its association, a 207 error mapped to its lead", e =>
        {
            var requests = handler.Requests.ToArray();
            e.True(requests.Length >= 4, "requests: " + requests.Length);
            if (requests.Length < 4)
            {
                return;
            }

            e.Equal("POST https://api.hubapi.com/crm/objects/2026-03/contacts/batch/upsert", requests[0].Line, "contact upsert");
            using var input = JsonDocument.Parse(requests[0].Body);
            var properties = input.RootElement.GetProperty("inputs")[0].GetProperty("properties");
            e.Equal("Ana", properties.GetProperty("firstname").GetString(), "firstname");
            e.Equal("+34912345678", properties.GetProperty("phone").GetString(), "phone (E.164)");
            e.Equal("POST https://api.hubapi.com/crm/objects/2026-03/tasks/batch/upsert", requests[1].Line, "task upsert");
            e.Equal("PUT https://api.hubapi.com/crm/objects/2026-03/tasks/7001/associations/contacts/9001/204", requests[2].Line, "association");
            var deadLetter = observer.Letters.SingleOrDefault();
            e.True(deadLetter?.ExceptionMessage?.Contains("VALIDATION_ERROR", StringComparison.Ordinal) == true, "dead letter: " + deadLetter?.ExceptionMessage);
        });
    }

    /// <summary>Answers as HubSpot does: 200 with a result per input, or 207 with an error traced by <c>objectWriteTraceId</c>.</summary>
    private sealed class Answers : HttpMessageHandler
    {
        public ConcurrentQueue<(string Line, string Body)> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Enqueue(($"{request.Method} {request.RequestUri}", body));
            if (request.Method == HttpMethod.Put)
            {
                return Json(HttpStatusCode.OK, """{"fromObjectTypeId":"0-27","fromObjectId":7001,"toObjectTypeId":"0-1","toObjectId":9001,"labels":[]}""");
            }

            using var document = JsonDocument.Parse(body);
            var trace = document.RootElement.GetProperty("inputs")[0].GetProperty("objectWriteTraceId").GetString();
            if (body.Contains("\"Zoe\"", StringComparison.Ordinal))
            {
                return Json((HttpStatusCode)207, $$$"""{"status":"COMPLETE","results":[],"numErrors":1,"errors":[{"status":"error","category":"VALIDATION_ERROR","message":"Property values were not valid","context":{"objectWriteTraceId":["{{{trace}}}"]}}]}""");
            }

            var id = request.RequestUri!.AbsolutePath.Contains("/tasks/", StringComparison.Ordinal) ? "7001" : "9001";
            return Json(HttpStatusCode.OK, $$$"""{"status":"COMPLETE","results":[{"id":"{{{id}}}","new":true,"objectWriteTraceId":"{{{trace}}}","properties":{"hs_object_id":"{{{id}}}"}}]}""");
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
            new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
