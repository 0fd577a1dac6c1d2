using System;
using System.Globalization;
using System.Linq;

namespace MarketplaceLeads.Sqlite.Tests;

/// <summary>Hand-made leads: distinct people, or one person's several leads with the usual variations.</summary>
internal static class TestLeads
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static Lead Make(string? first, string? last, string? email, string? phone = null, string? company = null, string action = "PLT", int minutes = 0, string offer = "contoso.crm")
    {
        var customer = new CustomerInfo { FirstName = first, LastName = last, Email = email, Phone = phone, Company = company, Country = phone is null ? null : "US" };
        var text = $"AppSource-{action} | {offer}";
        var description = minutes.ToString(CultureInfo.InvariantCulture);
        return new Lead
        {
            Id = LeadId.FromContent(text, action, offer, description, customer),
            LeadSource = LeadSource.Parse(text),
            LeadSourceText = text,
            ActionCode = action,
            Description = description,
            Customer = customer,
            ReceivedAt = Start.AddMinutes(minutes),
            Channel = LeadChannel.HttpsEndpoint,
            RawPayload = $"{{\"UserDetails\":{{\"Email\":\"{email}\"}},\"m\":{minutes}}}",
        };
    }

    public static Lead Person(int index, string action = "PLT", int minutes = 0) =>
        Make("Person" + index, "Tester" + index, $"person{index}@company{index}.example", company: $"Company {index}", action: action, minutes: minutes);

    public static Lead[] People(int count) => [.. Enumerable.Range(0, count).Select(i => Person(i, minutes: i))];

    /// <summary>A mix with merges, a DNC, a possible duplicate and a test lead: what a store must reproduce.</summary>
    public static Lead[] Mixed() =>
    [
        Make("Robert", "Smith", "bob.smith@gmail.com", "+1 425 555 0100", "Fabrikam Inc", minutes: 0),
        Make("Bob", "Smith", "BobSmith+trial@googlemail.com", action: "StartTestDrive", minutes: 10),
        Make("Ana", "García", "ana@fabrikam.example", "+34 912 345 678", "Fabrikam Iberia S.L.", minutes: 20),
        Make("Bob", "Smith", null, "(425) 555-0100", action: "DNC", minutes: 30),
        Make("Anna", "Garcia", "anna.garcia@contoso.example", company: "Fabrikam Iberia", minutes: 40),
        Make("Robert", "Smith", "rsmith@northwind.example", company: "Northwind", minutes: 50),
        Make("MSFT_TEST_636573304831318844", "MSFT_TEST_636573304831318844", "MSFT_TEST_636573304831318844@test.example", minutes: 60),
        Make("Ana", "Garcia", "ana@fabrikam.example", action: "Create", minutes: 70),
        .. Enumerable.Range(0, 30).Select(i => Person(i, minutes: 100 + i)),
    ];
}
