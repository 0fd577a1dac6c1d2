using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.PartnerCenter;

namespace MarketplaceLeads.Cli;

/// <summary>
/// <c>import --partner-center</c>: reads the marketplace leads of Partner Center's Referrals API (those updated since the last import, per
/// the checkpoint kept beside the database) and submits each, one at a time, so that a referral is checkpointed only once the
/// database has it. Credentials come from the options or the environment (<c>MARKETPLACELEADS_PARTNER_CENTER_TENANT_ID</c>,
/// <c>…_CLIENT_ID</c>, <c>…_CLIENT_SECRET</c>); the secret is best kept in the environment, out of the shell's history.
/// </summary>
internal sealed class PartnerCenterImport
{
    internal const string TenantVariable = "MARKETPLACELEADS_PARTNER_CENTER_TENANT_ID";
    internal const string ClientIdVariable = "MARKETPLACELEADS_PARTNER_CENTER_CLIENT_ID";
    internal const string SecretVariable = "MARKETPLACELEADS_PARTNER_CENTER_CLIENT_SECRET";

    /// <summary>The name errors and counts give the Referrals API, in place of a file name.</summary>
    internal const string SourceName = "partner-center";

    public Option<bool> Enabled { get; } = new("--partner-center")
    {
        Description = "Also import the marketplace leads of Partner Center's Referrals API (those updated since the last import); a referral imported before is already known. Credentials: --tenant, --client-id, --client-secret or the MARKETPLACELEADS_PARTNER_CENTER_* variables (docs/partner-center.md).",
    };

    public Option<bool> WriteBack { get; } = new("--write-back")
    {
        Description = "With --partner-center: once imported, write each referral's customer profile id (the id explain and the dashboard know the customer by) into its externalReferenceId when that is empty, and make a New referral Active/Accepted. Needs an app registration allowed to update referrals.",
    };

    public Option<string?> Tenant { get; } = new("--tenant") { Description = "The app registration's Microsoft Entra tenant (id or domain); default: " + TenantVariable + "." };

    public Option<string?> ClientId { get; } = new("--client-id") { Description = "The app registration's application (client) id; default: " + ClientIdVariable + "." };

    public Option<string?> ClientSecret { get; } = new("--client-secret") { Description = "The app registration's client secret; default (and better): " + SecretVariable + "." };

    /// <summary>Where the API and the token endpoint are (the tests' loopback server); hidden.</summary>
    public Option<string?> Endpoint { get; } = new("--partner-center-endpoint") { Hidden = true };

    public void AddTo(Command command)
    {
        command.Options.Add(Enabled);
        command.Options.Add(WriteBack);
        command.Options.Add(Tenant);
        command.Options.Add(ClientId);
        command.Options.Add(ClientSecret);
        command.Options.Add(Endpoint);
    }

    /// <summary>Builds the reader from the options and the environment; the checkpoint lives beside <paramref name="database"/>.</summary>
    /// <exception cref="ArgumentException">A credential is missing; the message names the option and its variable (never the secret).</exception>
    public PartnerCenterLeadReader CreateReader(ParseResult parseResult, CliContext context, string database, HttpClient http)
    {
        var options = new PartnerCenterReaderOptions
        {
            TenantId = parseResult.GetValue(Tenant) ?? Environment.GetEnvironmentVariable(TenantVariable) ?? string.Empty,
            ClientId = parseResult.GetValue(ClientId) ?? Environment.GetEnvironmentVariable(ClientIdVariable) ?? string.Empty,
            ClientSecret = parseResult.GetValue(ClientSecret) ?? Environment.GetEnvironmentVariable(SecretVariable),
            CheckpointDirectory = Path.GetDirectoryName(Path.GetFullPath(database)),
            CheckpointName = Path.GetFileNameWithoutExtension(database) + ".partner-center",
            Reader = new LeadReaderOptions { SourceName = SourceName, TimeProvider = context.Time },
        };
        if (parseResult.GetValue(Endpoint) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var endpoint))
        {
            options.ApiUrl = endpoint;
            options.AuthorityHost = endpoint;
        }

        foreach (var (value, option, variable) in new[] { (options.TenantId, "--tenant", TenantVariable), (options.ClientId, "--client-id", ClientIdVariable), (options.ClientSecret, "--client-secret", SecretVariable) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"--partner-center needs {option} or the {variable} variable; neither is set.");
            }
        }

        return new PartnerCenterLeadReader(options, http);
    }

    /// <summary>Submits every new referral, one at a time, and hands each answer to <paramref name="count"/>.</summary>
    /// <returns>The leads the database has now (accepted, or accepted before), for the write-back.</returns>
    public static async Task<List<Lead>> ImportAsync(PartnerCenterLeadReader reader, ILeadPipeline processor, Action<LeadSubmitResult, LeadReadResult> count, CancellationToken cancellationToken)
    {
        var stored = new List<Lead>();
        await foreach (var result in reader.ReadNewAsync(cancellationToken).ConfigureAwait(false))
        {
            var submitted = await processor.SubmitAsync(result, cancellationToken).ConfigureAwait(false);
            count(submitted, result);
            if (result.Lead is { } lead && submitted.Status is LeadSubmitStatus.Accepted or LeadSubmitStatus.AlreadyAccepted)
            {
                stored.Add(lead);
            }
        }

        return stored;
    }

    /// <summary>Writes the profile id of each lead's customer into its referral (when empty); returns how many referrals hold an id now and how many writes failed (each named on <paramref name="error"/> by its referral id).</summary>
    public static async Task<(int Written, int Failed)> WriteBackAsync(PartnerCenterLeadReader reader, IReadOnlyList<Lead> leads, ILeadDeduplicationStore profiles, TextWriter error, CancellationToken cancellationToken)
    {
        var (written, failed) = (0, 0);
        foreach (var lead in leads)
        {
            // The profile as it is after the import: the one holding the lead (a redelivery of an HTTPS lead holds that lead's customer).
            if (await profiles.FindProfileByLeadAsync(lead.Id, cancellationToken).ConfigureAwait(false) is not { } profile)
            {
                continue; // a test lead, kept out of the profiles
            }

            if (await reader.WriteProfileIdAsync(lead, profile.Id, cancellationToken).ConfigureAwait(false))
            {
                written++;
            }
            else
            {
                failed++;
                var referral = lead.AdditionalProperties.TryGetValue("id", out var id) ? id.ToString() : lead.Id.ToString();
                error.WriteLine($"{SourceName}: referral {referral}: could not write the profile id (the API refused it or did not answer after retries); it can be written by hand or by the next import that reads the referral");
            }
        }

        return (written, failed);
    }
}
