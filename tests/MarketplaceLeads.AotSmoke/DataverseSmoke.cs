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
/// The Dataverse sink (package MarketplaceLeads.Dataverse) in a NativeAOT binary: options validated by the generated validator, the token
/// answer read, the lead record's JSON written, the upsert sent. The HTTP answers come from a handler in this process (the package's
/// tests use a real server; here only the code paths under NativeAOT matter).
/// </summary>
internal static class DataverseSmoke
{
    public static async Task CheckAsync(SmokeRun run, Lead? contactMe)
    {
        run.Check("AddDataverseSink validates its options (generated validator), naming the option and never the secret", e =>
        {
            try
            {
                new ServiceCollection().AddMarketplaceLeads().AddDataverseSink(o =>
                {
                    o.EnvironmentUrl = new Uri("https://contoso.crm.dynamics.com");
                    o.TenantId = "contoso.onmicrosoft.com";
                    o.ClientId = "00001111-aaaa-2222-bbbb-3333cccc4444";
                    o.ClientSecret = "aot-secret";
                    o.AlternateKeyColumn = "Bad Name";
                });
                e.Fail("no exception");
            }
            catch (ArgumentException error)
            {
                e.True(error.Message.StartsWith("DataverseSinkOptions.AlternateKeyColumn must be a column's logical name", StringComparison.Ordinal), "message: " + error.Message);
                e.True(!error.Message.Contains("aot-secret", StringComparison.Ordinal), "the secret was echoed");
            }
        });

        if (contactMe is null)
        {
            run.Check("Dataverse sink upserts a lead record", e => e.Fail("no Contact me lead was read"));
            return;
        }

        var handler = new Answers();
        var services = new ServiceCollection();
        services.AddMarketplaceLeads(o => o.BatchDelay = TimeSpan.Zero).AddDataverseSink(
            o =>
            {
                o.EnvironmentUrl = new Uri("https://contoso.crm.dynamics.com");
                o.TenantId = "contoso.onmicrosoft.com";
                o.ClientId = "00001111-aaaa-2222-bbbb-3333cccc4444";
                o.ClientSecret = "aot-secret";
                o.CreateReplyTasks = true;
            },
            http => http.ConfigurePrimaryHttpMessageHandler(() => handler));
        await using (var provider = services.BuildServiceProvider())
        {
            var processor = provider.GetRequiredService<ILeadPipeline>();
            await processor.SubmitAsync(contactMe);
            await processor.StopAsync();
        }

        run.Check("Dataverse sink: token from Entra ID, upsert of the lead record by alternate key, the reply task", e =>
        {
            var requests = handler.Requests.ToArray();
            e.Equal(3, requests.Length, "requests");
            if (requests.Length != 3)
            {
                return;
            }

            e.Equal("POST https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token", requests[0].Line, "token request");
            e.True(requests[0].Body.Contains("scope=https%3A%2F%2Fcontoso.crm.dynamics.com%2F.default", StringComparison.Ordinal), "scope: " + requests[0].Body);
            e.True(requests[1].Line.StartsWith("PATCH https://contoso.crm.dynamics.com/api/data/v9.2/leads(msl_marketplaceprofileid='", StringComparison.Ordinal), "upsert: " + requests[1].Line);
            using var record = JsonDocument.Parse(requests[1].Body);
            e.Equal("Ana", record.RootElement.GetProperty("firstname").GetString(), "firstname");
            e.Equal("+34912345678", record.RootElement.GetProperty("telephone1").GetString(), "telephone1 (E.164)");
            e.Equal("AppSource · Contact me · Contoso CRM Connector", record.RootElement.GetProperty("subject").GetString(), "subject");
            e.Equal(false, record.RootElement.GetProperty("donotemail").GetBoolean(), "donotemail");
            e.True(requests[2].Line.StartsWith("PATCH https://contoso.crm.dynamics.com/api/data/v9.2/tasks(", StringComparison.Ordinal), "task: " + requests[2].Line);
            e.True(requests.All(r => !r.Body.Contains("Bearer", StringComparison.Ordinal)), "token in a body");
        });
    }

    /// <summary>Answers as Entra ID and Dataverse do: a token, then 204 with OData-EntityId.</summary>
    private sealed class Answers : HttpMessageHandler
    {
        public ConcurrentQueue<(string Line, string Body)> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Enqueue(($"{request.Method} {request.RequestUri}", body));
            if (request.RequestUri!.AbsolutePath.EndsWith("/token", StringComparison.Ordinal))
            {
                return new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent("""{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"aot-token"}""", Encoding.UTF8, "application/json"),
                };
            }

            var response = new HttpResponseMessage(HttpStatusCode.NoContent);
            response.Headers.TryAddWithoutValidation("OData-EntityId", "https://contoso.crm.dynamics.com/api/data/v9.2/leads(7d577253-3ef0-4a0a-bb7f-8335c2596e70)");
            return response;
        }
    }
}
