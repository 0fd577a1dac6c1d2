using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.Dashboard.Tests.Support;

/// <summary>
/// The dashboard on a real Kestrel server on 127.0.0.1 (ephemeral port), over its own copy of a SQLite database filled
/// from the committed samples (samples/leads), at <see cref="Now"/> on a fake clock; logs collected.
/// </summary>
internal sealed partial class DashboardServer : IAsyncDisposable
{
    public const string AdminKey = "dashboard-admin-key-0123456789";

    /// <summary>The "now" of the tests: after the sample history (it ends 2026-10-30) and when the HTTPS sample leads are received (the CLI tests' now).</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly string _folder;

    private DashboardServer(WebApplication app, string folder, FakeTimeProvider clock, CollectingLoggerProvider logs)
    {
        _app = app;
        _folder = folder;
        Clock = clock;
        Logs = logs;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
    }

    public Uri BaseAddress { get; }

    public FakeTimeProvider Clock { get; }

    public CollectingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Gets the dashboard's address (<c>http://127.0.0.1:port/dashboard</c>).</summary>
    public string Dashboard => BaseAddress.ToString().TrimEnd('/') + "/dashboard";

    /// <summary>Starts a server over a fresh copy of <paramref name="samples"/>.</summary>
    public static async Task<DashboardServer> StartAsync(SampleDatabase samples, Action<Dashboard.MarketplaceLeadsDashboardOptions>? configure = null, Action<WebApplicationBuilder>? host = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mpl-dash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "leads.db");
        samples.CopyTo(database);
        var clock = new FakeTimeProvider(Now);
        var logs = new CollectingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = folder });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddMarketplaceLeads().UseFollowUp().UseSqlite(o => o.Path = database);
        host?.Invoke(builder);
        builder.Services.AddMarketplaceLeadsDashboard(o =>
        {
            o.AdminKey = AdminKey;
            configure?.Invoke(o);
        });
        var app = builder.Build();
        app.MapMarketplaceLeadsDashboard();
        await app.StartAsync();
        return new DashboardServer(app, folder, clock, logs);
    }

    /// <summary>Creates a client that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = BaseAddress };

    /// <summary>Signs in with the admin key (GET the form for its antiforgery token, POST it) and returns the signed-in client.</summary>
    public async Task<HttpClient> SignInAsync()
    {
        var client = CreateClient();
        using var response = await PostFormAsync(client, "/dashboard/login", "/dashboard/login", new() { ["key"] = AdminKey, ["returnUrl"] = "/dashboard/" });
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return client;
    }

    /// <summary>GETs <paramref name="formPage"/>, takes the antiforgery token of its form to <paramref name="action"/>, and POSTs <paramref name="fields"/> with it.</summary>
    /// <remarks><paramref name="postTo"/>, when given, is where the form is sent instead (with the token of the form to <paramref name="action"/>).</remarks>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields, IEnumerable<KeyValuePair<string, string>>? more = null, string? postTo = null)
    {
        var page = await client.GetStringAsync(formPage);
        var token = TokenOf(page, action);
        var values = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", token) };
        values.AddRange(more ?? []);
        return await client.PostAsync(postTo ?? action, new FormUrlEncodedContent(values));
    }

    /// <summary>The antiforgery token of the page's form to <paramref name="action"/>.</summary>
    public static string TokenOf(string page, string action)
    {
        var form = Regex.Match(page, "<form[^>]*action=\"" + Regex.Escape(action) + "\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        Assert.True(form.Success, $"no form to {action} on the page");
        var token = Regex.Match(form.Groups[1].Value, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        Assert.True(token.Success, $"the form to {action} has no antiforgery token");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}

/// <summary>
/// The committed samples (samples/leads: the JSON Lines history and the HTTPS payloads) imported once through the
/// pipeline into a SQLite file at <see cref="DashboardServer.Now"/>, plus one HTTPS record that is not a lead (so there is a
/// dead letter with its raw payload). Each server copies the file.
/// </summary>
public sealed class SampleDatabase : IAsyncLifetime
{
    /// <summary>The record that is not a lead (UserDetails is a number): rejected and dead-lettered.</summary>
    public const string NotALead = """{"LeadSource":"AppSource-PLT | contoso.contoso-crm-connector", "OfferTitle": "Contoso CRM Connector","UserDetails":5}""";

    /// <summary>Two people of one household sharing a phone, each asking to be contacted: a possible duplicate to review (the CLI review tests' household, with no do-not-contact).</summary>
    public const string Household = """
        [
          { "UserDetails": { "FirstName": "Ana", "LastName": "Garcia", "Email": "ana@contoso.example", "Phone": "+1 415 555 0134", "Country": "US", "Company": "Contoso" },
            "LeadSource": "AppSource-PLT | contoso.contoso-analytics", "ActionCode": "PLT", "OfferTitle": "Contoso Analytics", "CreatedTime": "2026-10-31T10:00:00Z" },
          { "UserDetails": { "FirstName": "Luis", "LastName": "Garcia", "Email": "luis.garcia@gmail.com", "Phone": "+1 415 555 0134", "Country": "US" },
            "LeadSource": "AppSource-PLT | contoso.contoso-crm-connector", "OfferTitle": "Contoso CRM Connector", "ActionCode": "PLT", "CreatedTime": "2026-10-31T11:00:00Z" }
        ]
        """;

    /// <summary>A lead whose description was longer than a reader's limit (20 characters) when it arrived: dead-lettered, and a lead when retried with the default limits.</summary>
    public const string TooLongThen = """{"UserDetails":{"FirstName":"Mei","LastName":"Tanaka","Email":"mei.tanaka@fabrikam.example","Country":"JP","Company":"Fabrikam"},"LeadSource":"AppSource-PLT | contoso.contoso-crm-connector", "OfferTitle": "Contoso CRM Connector","ActionCode":"PLT","Description":"Please call me about pricing for 40 seats."}""";

    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mpl-dash-samples-" + Guid.NewGuid().ToString("N"));

    public string Path => System.IO.Path.Combine(_folder, "samples.db");

    /// <summary>Gets the repository's root (the folder holding MarketplaceLeads.sln).</summary>
    public static string RepositoryRoot => MarketplaceLeads.Testing.Fuzzing.FuzzCorpus.RepositoryRoot;

    /// <summary>Copies the database (and its write-ahead log, if any) to <paramref name="path"/>.</summary>
    public void CopyTo(string path)
    {
        File.Copy(Path, path);
        if (File.Exists(Path + "-wal"))
        {
            File.Copy(Path + "-wal", path + "-wal");
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var clock = new FakeTimeProvider(DashboardServer.Now);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddMarketplaceLeads().UseFollowUp().UseSqlite(o => o.Path = Path);
        await using var provider = services.BuildServiceProvider();
        var pipeline = provider.GetRequiredService<ILeadPipeline>();
        await pipeline.StartAsync();
        var reader = new LeadReader(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, TimeProvider = clock });
        var samples = System.IO.Path.Combine(RepositoryRoot, "samples", "leads");
        await SubmitAsync(pipeline, reader.ReadJsonLinesAsync(File.OpenRead(System.IO.Path.Combine(samples, "marketplace-leads-2026.jsonl"))));
        await SubmitAsync(pipeline, reader.ReadHttpsPayloadsAsync(File.OpenRead(System.IO.Path.Combine(samples, "https-endpoint-payloads.json"))));
        await SubmitAsync(pipeline, reader.ReadHttpsPayloadsAsync(new MemoryStream(Encoding.UTF8.GetBytes(Household))));
        await SubmitAsync(pipeline, reader.ReadHttpsPayloadsAsync(new MemoryStream(Encoding.UTF8.GetBytes("[" + NotALead + "]"))));
        var strict = new LeadReader(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, TimeProvider = clock, MaxFieldLength = 20 });
        await SubmitAsync(pipeline, strict.ReadHttpsPayloadsAsync(new MemoryStream(Encoding.UTF8.GetBytes("[" + TooLongThen + "]"))));
        await pipeline.StopAsync();
    }

    private static async Task SubmitAsync(ILeadPipeline pipeline, IAsyncEnumerable<LeadReadResult> results)
    {
        var batch = new List<LeadReadResult>();
        await foreach (var result in results)
        {
            batch.Add(result);
        }

        await pipeline.SubmitManyAsync(batch);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }

        return Task.CompletedTask;
    }
}

/// <summary>The tests that start dashboards over the sample database (imported once).</summary>
[CollectionDefinition(Name)]
public sealed class SampleDatabaseDefinition : ICollectionFixture<SampleDatabase>
{
    public const string Name = "sample database";
}
