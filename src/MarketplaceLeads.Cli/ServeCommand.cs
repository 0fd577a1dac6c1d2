using System;
using System.CommandLine;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Http;
using MarketplaceLeads.Smtp;
using MarketplaceLeads.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.Cli;

/// <summary>
/// <c>serve</c>: one ASP.NET Core host that receives the marketplace's HTTPS leads (<c>MapMarketplaceLeads</c>), polls the
/// Azure table when one is configured, raises the reply alerts when a notifier is configured, serves the dashboard when its
/// admin key is configured (<c>MapMarketplaceLeadsDashboard</c>), answers <c>/healthz</c>,
/// and on SIGTERM or Ctrl+C stops accepting, finishes the requests in flight and drains the pipeline into the database.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The health endpoint's path.</summary>
    public const string HealthPath = "/healthz";

    /// <summary>How long a stop may take: the requests in flight, then the pipeline's drain (<see cref="MarketplaceLeadsOptions.ShutdownTimeout"/>).</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(60);

    public static Command Create(CommonOptions options, TimeProvider time)
    {
        var config = new Option<string?>("--config")
        {
            Description = "The JSON configuration file (section MarketplaceLeads; see docs/cli.md); default: appsettings.json in the current folder, if present. MARKETPLACELEADS__… environment variables override it.",
            HelpName = "file",
        };
        var urls = new Option<string?>("--urls")
        {
            Description = "Where to listen, such as http://127.0.0.1:5000 or https://+:443 (several separated by ';'); default: the configuration's 'urls' or Kestrel endpoints, else http://localhost:5000.",
            HelpName = "urls",
        };
        var command = new Command("serve", "Run the receiver for the marketplace's HTTPS lead destination, the Azure Table poller, the reply alerts and the dashboard (when configured) on one web host, with a health endpoint (/healthz), until SIGTERM or Ctrl+C; then stop accepting, finish the leads in flight and flush them to the database.")
        {
            config,
            urls,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            CliContext.From(parseResult, options, time),
            parseResult.GetResult(options.Database) is { Implicit: false } ? parseResult.GetValue(options.Database) : null,
            parseResult.GetValue(config),
            parseResult.GetValue(urls),
            cancellationToken));
        return command;
    }

    /// <summary>
    /// The invocation settings for <paramref name="parseResult"/>: for <c>serve</c>, SIGTERM and Ctrl+C are left to the web
    /// host (its graceful stop may take longer than System.CommandLine's two seconds); other commands keep the defaults.
    /// </summary>
    public static InvocationConfiguration? InvocationFor(ParseResult parseResult) =>
        parseResult.CommandResult.Command.Name == "serve" ? new InvocationConfiguration { ProcessTerminationTimeout = null } : null;

    private static async Task<int> RunAsync(CliContext context, string? database, string? configPath, string? urls, CancellationToken cancellationToken)
    {
        WebApplication app;
        ServeSettings settings;
        try
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
            builder.Configuration.Sources.Clear();
            var file = Path.GetFullPath(configPath ?? "appsettings.json");
            if (configPath is not null && !File.Exists(file))
            {
                return context.Fail($"the configuration file {file} does not exist.");
            }

            builder.Configuration.AddJsonFile(file, optional: true, reloadOnChange: false).AddEnvironmentVariables();
            settings = ServeSettings.Read(builder.Configuration);
            if (urls is not null)
            {
                builder.WebHost.UseUrls(urls);
            }

            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.Logging.AddMarketplaceLeadsKeyFilter();
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
            builder.Services.AddSingleton(context.Time);
            ConfigureLeads(builder.Services, settings, database ?? settings.SqlitePath ?? CommonOptions.DefaultDatabase);
            if (settings.Dashboard is { } dashboard)
            {
                builder.Services.AddMarketplaceLeadsDashboard(o =>
                {
                    o.AdminKey = dashboard.AdminKey;
                    o.Path = dashboard.Path;
                    o.TimeZone = dashboard.TimeZone ?? o.TimeZone;
                });
            }

            builder.Services.AddHealthChecks().AddCheck("database", DatabaseHealthCheck.For(settings, database ?? settings.SqlitePath ?? CommonOptions.DefaultDatabase));
            app = builder.Build();
            MapEndpoints(app, settings);
        }
        catch (Exception error) when (error is FormatException or ArgumentException or InvalidOperationException or IOException)
        {
            return context.Fail(error.Message);
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OptionsValidationException or InvalidOperationException or IOException)
            {
                return context.Fail(error.Message);
            }

            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            context.Output.WriteLine($"serving on {string.Join(", ", addresses)}: leads POST {settings.ReceiverPath}, health {HealthPath}; database {(settings.PostgreSqlConnectionString is null ? "SQLite" : "PostgreSQL")}, Azure Table poller {(settings.AzureTables is null ? "off" : "on")}, alerts {(settings.HasNotifier ? "on" : "off")}, {(settings.Dashboard is { } dashboard ? "dashboard " + dashboard.Path : "dashboard off (no MarketplaceLeads:Dashboard:AdminKey)")}. Stop with Ctrl+C or SIGTERM.");
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }

        context.Output.WriteLine("stopped: every accepted lead is in the database.");
        return ExitCodes.Success;
    }

    /// <summary>The pipeline on SQLite or PostgreSQL, the Azure Table poller and the alerts, as configured.</summary>
    private static void ConfigureLeads(IServiceCollection services, ServeSettings settings, string database)
    {
        var leads = services.AddMarketplaceLeads(o => o.ShutdownTimeout = ShutdownTimeout - TimeSpan.FromSeconds(10)).UseFollowUp();
        if (settings.PostgreSqlConnectionString is { } connectionString)
        {
            leads.UsePostgreSql(o =>
            {
                o.ConnectionString = connectionString;
                o.SchemaName = settings.PostgreSqlSchema ?? o.SchemaName;
                o.ClaimLease = settings.PostgreSqlClaimLease ?? o.ClaimLease;
            });
        }
        else
        {
            leads.UseSqlite(o =>
            {
                o.Path = database;
                o.Durability = SqliteDurability.Full;
            });
        }

        if (settings.AzureTables is { } tables)
        {
            leads.AddAzureTableReader(o =>
            {
                o.ConnectionString = tables.ConnectionString;
                o.TableName = tables.TableName ?? o.TableName;
                o.CheckpointDirectory = tables.CheckpointDirectory ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database)) ?? ".", "azure-table-checkpoints");
                o.PollInterval = tables.PollInterval ?? o.PollInterval;
            });
        }

        if (!settings.HasNotifier)
        {
            return;
        }

        leads.AddFollowUpAlerts(o => o.CheckInterval = settings.AlertCheckInterval ?? o.CheckInterval);
        if (settings.Webhook is not null || settings.TeamsUrl is not null || settings.SlackUrl is not null)
        {
            services.AddHttpClient(nameof(HttpNotifier));
        }

        if (settings.Webhook is { } webhook)
        {
            leads.AddNotifier(provider => HttpNotifier.Webhook(Client(provider), webhook.Url, webhook.SigningSecret, provider.GetRequiredService<TimeProvider>()));
        }

        if (settings.TeamsUrl is { } teams)
        {
            leads.AddNotifier(provider => HttpNotifier.Teams(Client(provider), teams));
        }

        if (settings.SlackUrl is { } slack)
        {
            leads.AddNotifier(provider => HttpNotifier.Slack(Client(provider), slack));
        }

        if (settings.Smtp is { } smtp)
        {
            var options = new SmtpNotifierOptions { Host = smtp.Host, UserName = smtp.UserName, Password = smtp.Password, From = smtp.From, Security = smtp.Security };
            options.Port = smtp.Port ?? options.Port;
            foreach (var to in smtp.To)
            {
                options.To.Add(to);
            }

            leads.AddNotifier(_ => new SmtpNotifier(options));
        }

        static HttpClient Client(IServiceProvider provider) => provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(HttpNotifier));
    }

    /// <summary>The receiver and the health endpoint.</summary>
    private static void MapEndpoints(WebApplication app, ServeSettings settings)
    {
        app.MapMarketplaceLeads(settings.ReceiverPath, o =>
        {
            o.SharedSecret = settings.SharedSecret;
            foreach (var secret in settings.SharedSecrets)
            {
                o.SharedSecrets.Add(secret);
            }

            o.AllowAnonymous = settings.AllowAnonymous;
            o.KeyHeaderName = settings.KeyHeaderName is { } header ? NullIfEmpty(header) : o.KeyHeaderName;
            o.KeyQueryParameterName = settings.KeyQueryParameterName is { } query ? NullIfEmpty(query) : o.KeyQueryParameterName;
            o.UnauthorizedStatusCode = settings.UnauthorizedStatusCode ?? o.UnauthorizedStatusCode;
        });
        app.MapHealthChecks(HealthPath);

        // The dashboard (behind its admin key's cookie), when MarketplaceLeads:Dashboard:AdminKey is set.
        if (settings.Dashboard is not null)
        {
            app.MapMarketplaceLeadsDashboard();
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
