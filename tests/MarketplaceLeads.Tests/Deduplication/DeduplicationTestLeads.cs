using System;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Tests;

/// <summary>Hand-made leads for de-duplication examples.</summary>
internal static class DeduplicationTestLeads
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static Lead Make(
        string? first = null,
        string? last = null,
        string? email = null,
        string? phone = null,
        string? company = null,
        string? country = null,
        string? title = null,
        string action = "PLT",
        string offer = "contoso.contoso-analytics",
        int minutes = 0,
        string source = "AppSource")
    {
        var customer = new CustomerInfo { FirstName = first, LastName = last, Email = email, Phone = phone, Company = company, Country = country, Title = title };
        var text = $"{source}-{action} | {offer}";
        return new Lead
        {
            Id = LeadId.FromContent(text, action, offer, minutes.ToString(System.Globalization.CultureInfo.InvariantCulture), customer),
            LeadSource = LeadSource.Parse(text),
            LeadSourceText = text,
            ActionCode = action,
            Description = minutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Customer = customer,
            ReceivedAt = Start.AddMinutes(minutes),
            Channel = LeadChannel.HttpsEndpoint,
        };
    }

    public static CustomerProfile ProfileOf(DeduplicationResult result, Lead lead) =>
        Array.Find([.. result.Profiles], p => System.Linq.Enumerable.Contains(p.Leads, lead)) ?? throw new InvalidOperationException("lead not in any profile");
}
