using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using static MarketplaceLeads.Benchmarks.BaselineDtos;

namespace MarketplaceLeads.Benchmarks;

/// <summary>
/// Reads typical marketplace HTTPS-endpoint payloads (UTF-8 JSON) with a source-generated <see cref="JsonSerializer"/>
/// context into a plain DTO (the baseline), with a reflection-based one into the same DTO, and into a <see cref="Lead"/> with
/// <see cref="LeadReader.ReadHttpsPayload(ReadOnlySpan{byte})"/>, keeping and dropping the raw payload.
/// </summary>
/// <remarks>
/// Every method reads all <see cref="Payloads"/> per invocation (<see cref="OperationsPerInvoke"/>), so results are
/// per lead, and folds the lengths of the fields it read into a checksum so the JIT cannot drop the work.
/// <see cref="Setup"/> checks that every method reads the same fields from every payload.
/// </remarks>
[MemoryDiagnoser]
public class LeadReadingBenchmarks
{
    /// <summary>The number of payloads read by one invocation of a benchmark method.</summary>
    public const int OperationsPerInvoke = 4;

    /// <summary>
    /// The contact-me sample (<c>docs/samples/https-contact-me.json</c>) and three variants with other people, offers and
    /// actions: a non-ASCII name, an install from the Azure portal, a test drive, and a lead without notes.
    /// </summary>
    private static readonly byte[][] Payloads =
    [
        """
        {
          "UserDetails": {
            "FirstName": "Ana",
            "LastName": "García",
            "Email": "ana.garcia@fabrikam.example",
            "Phone": "+34 912 345 678",
            "Country": "ES",
            "Company": "Fabrikam Iberia S.L.",
            "Title": "Head of IT"
          },
          "LeadSource": "AppSource-PLT | contoso.contoso-crm-connector",
          "ActionCode": "PLT",
          "OfferTitle": "Contoso CRM Connector",
          "Description": "We need a connector for 300 sales users, please call me this week."
        }
        """u8.ToArray(),
        """
        {
          "UserDetails": {
            "FirstName": "Kenji",
            "LastName": "Watanabe",
            "Email": "k.watanabe@northwind-traders.example",
            "Phone": "+81 3-1234-5678",
            "Country": "JP",
            "Company": "Northwind Traders K.K.",
            "Title": "Cloud Architect"
          },
          "LeadSource": "AzureMarketplace-INS | docusign.3701c77e-1cfa-4c56-91e6-3ed0b622145",
          "ActionCode": "INS",
          "OfferTitle": "DocuSign eSignature for Azure",
          "Description": "Installed from the portal; evaluating for our procurement team."
        }
        """u8.ToArray(),
        """
        {
          "UserDetails": {
            "FirstName": "Olivia",
            "LastName": "Bennett",
            "Email": "olivia.bennett@litware.example",
            "Phone": "(425) 555-0100",
            "Country": "US",
            "Company": "Litware, Inc.",
            "Title": "IT Manager"
          },
          "LeadSource": "AzurePortal-Create | litware.litware-backup-vm",
          "ActionCode": "Create",
          "OfferTitle": "Litware Backup VM",
          "Description": ""
        }
        """u8.ToArray(),
        """
        {
          "UserDetails": {
            "FirstName": "Lukas",
            "LastName": "Müller",
            "Email": "lukas.mueller@adatum.example",
            "Phone": "+49 30 1234567",
            "Country": "DE",
            "Company": "Adatum GmbH",
            "Title": "CIO"
          },
          "LeadSource": "AzureMarketplace-StartTestDrive | northwind.northwind-erp-test-drive",
          "ActionCode": "StartTestDrive",
          "OfferTitle": "Northwind ERP Test Drive",
          "Description": "Started the test drive; interested in a 50-seat pilot in Q3."
        }
        """u8.ToArray(),
    ];

    /// <summary>What a typical user configures: reflection (explicitly, whatever the feature switch says), names matched ignoring case.</summary>
    private static readonly JsonSerializerOptions ReflectionOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private readonly byte[][] _payloads = Payloads;
    private readonly LeadReader _keepRaw = new(new LeadReaderOptions { KeepRawPayload = true });
    private readonly LeadReader _noRaw = new(new LeadReaderOptions { KeepRawPayload = false });

    /// <summary>Checks that every method reads the same fields from every payload, and that the raw payload option took effect.</summary>
    /// <exception cref="InvalidOperationException">A method disagrees with the baseline.</exception>
    [GlobalSetup]
    public void Setup()
    {
        if (_payloads.Length != OperationsPerInvoke)
        {
            throw new InvalidOperationException($"OperationsPerInvoke is {OperationsPerInvoke} but there are {_payloads.Length} payloads.");
        }

        foreach (var payload in _payloads)
        {
            var dto = JsonSerializer.Deserialize(payload, BaselineJsonContext.Default.PayloadDto)
                ?? throw new InvalidOperationException("The source-generated baseline read null.");
            var expected = new Fields(
                dto.UserDetails?.Email, dto.UserDetails?.FirstName, dto.UserDetails?.LastName, dto.UserDetails?.Company, dto.LeadSource, dto.OfferTitle, dto.Description);
            if (expected.Email is null || expected.OfferTitle is null || expected.LeadSource is null)
            {
                throw new InvalidOperationException($"The source-generated baseline did not read the email, offer title and lead source: {expected}.");
            }

            var reflected = JsonSerializer.Deserialize<PayloadDto>(payload, ReflectionOptions)
                ?? throw new InvalidOperationException("The reflection baseline read null.");
            var reflectedFields = new Fields(
                reflected.UserDetails?.Email, reflected.UserDetails?.FirstName, reflected.UserDetails?.LastName, reflected.UserDetails?.Company,
                reflected.LeadSource, reflected.OfferTitle, reflected.Description);
            if (reflectedFields != expected)
            {
                throw new InvalidOperationException($"The reflection baseline read {reflectedFields}; the source-generated one read {expected}.");
            }

            var kept = _keepRaw.ReadHttpsPayload(payload).Lead!;
            Check(nameof(LeadReaderKeepRawPayload), expected, kept);
            if (kept.RawPayload is null)
            {
                throw new InvalidOperationException($"{nameof(LeadReaderKeepRawPayload)} did not keep the raw payload.");
            }

            var dropped = _noRaw.ReadHttpsPayload(payload).Lead!;
            Check(nameof(LeadReaderNoRawPayload), expected, dropped);
            if (dropped.RawPayload is not null)
            {
                throw new InvalidOperationException($"{nameof(LeadReaderNoRawPayload)} kept the raw payload.");
            }

            if (kept.Offer.IsEmpty || kept.Offer != dropped.Offer)
            {
                throw new InvalidOperationException($"The readers parsed the offer of '{expected.LeadSource}' as '{kept.Offer}' and '{dropped.Offer}'.");
            }
        }

        // The checksums fold the same fields, so they must agree too.
        var baseline = SourceGeneratedJsonSerializer();
        CheckChecksum(nameof(ReflectionJsonSerializer), baseline, ReflectionJsonSerializer());
        CheckChecksum(nameof(LeadReaderKeepRawPayload), baseline, LeadReaderKeepRawPayload());
        CheckChecksum(nameof(LeadReaderNoRawPayload), baseline, LeadReaderNoRawPayload());
    }

    /// <summary>What a user of a trimmed or AOT app writes: <see cref="JsonSerializer.Deserialize{TValue}(ReadOnlySpan{byte}, JsonTypeInfo{TValue})"/> into a DTO, with a source-generated context.</summary>
    /// <returns>The checksum.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = OperationsPerInvoke)]
    public int SourceGeneratedJsonSerializer()
    {
        var checksum = 0;
        foreach (var payload in _payloads)
        {
            var dto = JsonSerializer.Deserialize(payload, BaselineJsonContext.Default.PayloadDto)!;
            var user = dto.UserDetails!;
            checksum = Fold(checksum, user.Email, user.FirstName, user.LastName, user.Company, dto.LeadSource, dto.OfferTitle, dto.Description);
        }

        return checksum;
    }

    /// <summary>What a typical user writes: <see cref="JsonSerializer.Deserialize{TValue}(ReadOnlySpan{byte}, JsonSerializerOptions?)"/> into a DTO, with reflection.</summary>
    /// <returns>The checksum.</returns>
    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int ReflectionJsonSerializer()
    {
        var checksum = 0;
        foreach (var payload in _payloads)
        {
            var dto = JsonSerializer.Deserialize<PayloadDto>(payload, ReflectionOptions)!;
            var user = dto.UserDetails!;
            checksum = Fold(checksum, user.Email, user.FirstName, user.LastName, user.Company, dto.LeadSource, dto.OfferTitle, dto.Description);
        }

        return checksum;
    }

    /// <summary><see cref="LeadReader.ReadHttpsPayload(ReadOnlySpan{byte})"/> with <see cref="LeadReaderOptions.KeepRawPayload"/> on (the default).</summary>
    /// <returns>The checksum.</returns>
    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int LeadReaderKeepRawPayload() => Read(_keepRaw);

    /// <summary><see cref="LeadReader.ReadHttpsPayload(ReadOnlySpan{byte})"/> with <see cref="LeadReaderOptions.KeepRawPayload"/> off.</summary>
    /// <returns>The checksum.</returns>
    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int LeadReaderNoRawPayload() => Read(_noRaw);

    private int Read(LeadReader reader)
    {
        var checksum = 0;
        foreach (var payload in _payloads)
        {
            var lead = reader.ReadHttpsPayload(payload).Lead!;
            var customer = lead.Customer;
            checksum = Fold(checksum, customer.Email, customer.FirstName, customer.LastName, customer.Company, lead.LeadSourceText, lead.OfferTitle, lead.Description);
        }

        return checksum;
    }

    private static int Fold(int checksum, string? email, string? firstName, string? lastName, string? company, string? leadSource, string? offerTitle, string? description) =>
        unchecked((checksum * 31) + (Length(email) << 24) + (Length(firstName) << 20) + (Length(lastName) << 16) + (Length(company) << 12)
            + (Length(leadSource) << 8) + (Length(offerTitle) << 4) + Length(description));

    private static int Length(string? value) => value?.Length ?? -1;

    private static void Check(string method, Fields expected, Lead lead)
    {
        var customer = lead.Customer;
        var actual = new Fields(customer.Email, customer.FirstName, customer.LastName, customer.Company, lead.LeadSourceText, lead.OfferTitle, lead.Description);
        if (expected != actual)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"{method} read {actual}; the {nameof(SourceGeneratedJsonSerializer)} baseline read {expected}."));
        }
    }

    private static void CheckChecksum(string method, int expected, int actual)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"{method} returned checksum {actual}; the {nameof(SourceGeneratedJsonSerializer)} baseline returned {expected}."));
        }
    }

    /// <summary>The fields every method must read from a payload.</summary>
    private readonly record struct Fields(
        string? Email, string? FirstName, string? LastName, string? Company, string? LeadSource, string? OfferTitle, string? Description);
}
