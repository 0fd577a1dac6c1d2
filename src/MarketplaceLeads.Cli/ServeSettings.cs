using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MailKit.Security;
using Microsoft.Extensions.Configuration;

namespace MarketplaceLeads.Cli;

/// <summary>
/// What <c>serve</c> reads from its configuration (appsettings.json, then <c>MARKETPLACELEADS__…</c> environment variables),
/// section <c>MarketplaceLeads</c>, documented in <c>docs/cli.md</c>. Read by hand, key by key (no reflection-based binder:
/// the tool stays trimming-safe), so that a bad value is reported with its full key; a secret's value is never repeated.
/// </summary>
internal sealed class ServeSettings
{
    public const string Section = "MarketplaceLeads";

    /// <summary>The receiver's route when <c>MarketplaceLeads:Receiver:Path</c> is not set.</summary>
    public const string DefaultReceiverPath = "/marketplace/leads";

    private ServeSettings()
    {
    }

    /// <summary>Gets the SQLite database file from <c>MarketplaceLeads:Sqlite:Path</c> (<c>--db</c> wins), or <see langword="null"/>.</summary>
    public string? SqlitePath { get; private init; }

    /// <summary>Gets <c>MarketplaceLeads:PostgreSql:ConnectionString</c>: when set, PostgreSQL replaces SQLite.</summary>
    public string? PostgreSqlConnectionString { get; private init; }

    /// <summary>Gets <c>MarketplaceLeads:PostgreSql:Schema</c>, or <see langword="null"/> for the package's default.</summary>
    public string? PostgreSqlSchema { get; private init; }

    /// <summary>Gets <c>MarketplaceLeads:PostgreSql:ClaimLease</c> (how soon another process takes over a killed one's leads), or <see langword="null"/> for the package's default.</summary>
    public TimeSpan? PostgreSqlClaimLease { get; private init; }

    public string ReceiverPath { get; private init; } = DefaultReceiverPath;

    public string? SharedSecret { get; private init; }

    public IReadOnlyList<string> SharedSecrets { get; private init; } = [];

    public bool AllowAnonymous { get; private init; }

    /// <summary>Gets <c>MarketplaceLeads:Receiver:KeyHeaderName</c>; <see langword="null"/> for the endpoint's default, empty to read no header.</summary>
    public string? KeyHeaderName { get; private init; }

    /// <summary>Gets <c>MarketplaceLeads:Receiver:KeyQueryParameterName</c>; <see langword="null"/> for the endpoint's default, empty to read no query parameter.</summary>
    public string? KeyQueryParameterName { get; private init; }

    public int? UnauthorizedStatusCode { get; private init; }

    public AzureTableSettings? AzureTables { get; private init; }

    public TimeSpan? AlertCheckInterval { get; private init; }

    public WebhookSettings? Webhook { get; private init; }

    public Uri? TeamsUrl { get; private init; }

    public Uri? SlackUrl { get; private init; }

    public SmtpSettings? Smtp { get; private init; }

    /// <summary>Gets <c>MarketplaceLeads:Dashboard</c>: the dashboard is on when its admin key is set, else <see langword="null"/> (off).</summary>
    public DashboardSettings? Dashboard { get; private init; }

    /// <summary>Gets a value indicating whether a notifier is configured (then the alerts run).</summary>
    public bool HasNotifier => Webhook is not null || TeamsUrl is not null || SlackUrl is not null || Smtp is not null;

    /// <summary>Reads the settings.</summary>
    /// <exception cref="FormatException">A value is not what its key takes; the message names the key.</exception>
    public static ServeSettings Read(IConfiguration configuration)
    {
        var root = configuration.GetSection(Section);
        var receiver = root.GetSection("Receiver");
        var azure = root.GetSection("AzureTables");
        var alerts = root.GetSection("Alerts");
        var smtp = alerts.GetSection("Smtp");
        var dashboard = root.GetSection("Dashboard");
        return new ServeSettings
        {
            SqlitePath = Text(root.GetSection("Sqlite"), "Path"),
            PostgreSqlConnectionString = Text(root.GetSection("PostgreSql"), "ConnectionString"),
            PostgreSqlSchema = Text(root.GetSection("PostgreSql"), "Schema"),
            PostgreSqlClaimLease = Duration(root.GetSection("PostgreSql"), "ClaimLease"),
            ReceiverPath = Text(receiver, "Path") is { } path ? RoutePath(receiver, path) : DefaultReceiverPath,
            SharedSecret = Text(receiver, "SharedSecret"),
            SharedSecrets = List(receiver, "SharedSecrets"),
            AllowAnonymous = Boolean(receiver, "AllowAnonymous") ?? false,
            KeyHeaderName = receiver["KeyHeaderName"],
            KeyQueryParameterName = receiver["KeyQueryParameterName"],
            UnauthorizedStatusCode = Integer(receiver, "UnauthorizedStatusCode"),
            AzureTables = Text(azure, "ConnectionString") is { } tables
                ? new AzureTableSettings(tables, Text(azure, "TableName"), Text(azure, "CheckpointDirectory"), Duration(azure, "PollInterval"))
                : null,
            AlertCheckInterval = Duration(alerts, "CheckInterval"),
            Webhook = Url(alerts.GetSection("Webhook"), "Url") is { } webhook ? new WebhookSettings(webhook, Text(alerts.GetSection("Webhook"), "SigningSecret")) : null,
            TeamsUrl = Url(alerts.GetSection("Teams"), "Url"),
            SlackUrl = Url(alerts.GetSection("Slack"), "Url"),
            Smtp = Text(smtp, "Host") is { } host
                ? new SmtpSettings(host, Integer(smtp, "Port"), Text(smtp, "UserName"), Text(smtp, "Password"), Text(smtp, "From") ?? throw Missing(smtp, "From"), List(smtp, "To") is { Count: > 0 } to ? to : throw Missing(smtp, "To"), Security(smtp))
                : null,
            Dashboard = Text(dashboard, "AdminKey") is { } adminKey
                ? new DashboardSettings(adminKey, Text(dashboard, "Path") is { } dashboardPath ? RoutePath(dashboard, dashboardPath) : "/dashboard", Text(dashboard, "TimeZone"))
                : null,
        };
    }

    private static string? Text(IConfigurationSection section, string key) => section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string Key(IConfigurationSection section, string key) => section.Path + ":" + key;

    private static FormatException Missing(IConfigurationSection section, string key) =>
        new($"{Key(section, key)} is required when {section.Path} is configured.");

    private static FormatException Bad(IConfigurationSection section, string key, string expected, string? value) =>
        new($"{Key(section, key)} must be {expected}; it is '{value}'.");

    /// <summary>A list: the array form (<c>"To": ["a", "b"]</c>, <c>…__To__0</c>) or one value separated by commas or semicolons.</summary>
    private static List<string> List(IConfigurationSection section, string key)
    {
        var list = section.GetSection(key);
        var values = list.Value is { } one ? one.Split([',', ';']) : list.GetChildren().Select(static c => c.Value ?? string.Empty);
        return [.. values.Select(static v => v.Trim()).Where(static v => v.Length > 0)];
    }

    private static bool? Boolean(IConfigurationSection section, string key) =>
        Text(section, key) is not { } text ? null
        : bool.TryParse(text, out var value) ? value
        : throw Bad(section, key, "true or false", text);

    private static int? Integer(IConfigurationSection section, string key) =>
        Text(section, key) is not { } text ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw Bad(section, key, "a whole number", text);

    private static TimeSpan? Duration(IConfigurationSection section, string key) =>
        Text(section, key) is not { } text ? null
        : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value
        : throw Bad(section, key, "a time span such as 00:01:00 (hh:mm:ss) or 1.00:00:00 (one day)", text);

    /// <summary>An absolute http(s) URL; the value is not repeated in the error (a Teams or Slack webhook URL is a secret).</summary>
    private static Uri? Url(IConfigurationSection section, string key) =>
        Text(section, key) is not { } text ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url
        : throw new FormatException($"{Key(section, key)} must be an absolute https:// URL (the value is not shown: it may be a secret).");

    private static string RoutePath(IConfigurationSection section, string path) =>
        path.StartsWith('/') ? path : throw Bad(section, "Path", "a route starting with '/', such as /marketplace/leads or /marketplace/leads/{key}", path);

    private static SecureSocketOptions Security(IConfigurationSection section) =>
        Text(section, "Security") is not { } text ? SecureSocketOptions.StartTls
        : Enum.TryParse<SecureSocketOptions>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value
        : throw Bad(section, "Security", "StartTls, SslOnConnect, StartTlsWhenAvailable, Auto or None", text);

    /// <summary><c>MarketplaceLeads:AzureTables</c>: the table the marketplace writes leads into.</summary>
    public sealed record AzureTableSettings(string ConnectionString, string? TableName, string? CheckpointDirectory, TimeSpan? PollInterval);

    /// <summary><c>MarketplaceLeads:Alerts:Webhook</c>.</summary>
    public sealed record WebhookSettings(Uri Url, string? SigningSecret);

    /// <summary><c>MarketplaceLeads:Dashboard</c>: the admin key (a secret, never repeated), the path and the time zone of the times shown.</summary>
    public sealed record DashboardSettings(string AdminKey, string Path, string? TimeZone);

    /// <summary><c>MarketplaceLeads:Alerts:Smtp</c>.</summary>
    public sealed record SmtpSettings(string Host, int? Port, string? UserName, string? Password, string From, IReadOnlyList<string> To, SecureSocketOptions Security);
}
