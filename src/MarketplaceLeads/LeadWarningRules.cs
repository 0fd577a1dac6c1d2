using System;
using System.Collections.Generic;
using System.Text.Json;
using MarketplaceLeads.Normalization;

namespace MarketplaceLeads;

/// <summary>Derives <see cref="Lead.Warnings"/> from a lead's content. The messages never quote customer data.</summary>
internal static class LeadWarningRules
{
    /// <summary>The shared empty list.</summary>
    public static readonly IReadOnlyList<LeadWarning> None = Array.Empty<LeadWarning>();

    private const char Replacement = '\uFFFD';

    public static IReadOnlyList<LeadWarning> Compute(Lead lead)
    {
        List<LeadWarning>? warnings = null;
        CheckReplacement(ref warnings, "LeadSource", lead.LeadSourceText);
        CheckReplacement(ref warnings, "ActionCode", lead.ActionCode);
        CheckReplacement(ref warnings, "OfferTitle", lead.OfferTitle);
        CheckReplacement(ref warnings, "Description", lead.Description);
        var customer = lead.Customer;
        CheckReplacement(ref warnings, "UserDetails.FirstName", customer.FirstName);
        CheckReplacement(ref warnings, "UserDetails.LastName", customer.LastName);
        CheckReplacement(ref warnings, "UserDetails.Email", customer.Email);
        CheckReplacement(ref warnings, "UserDetails.Phone", customer.Phone);
        CheckReplacement(ref warnings, "UserDetails.Country", customer.Country);
        CheckReplacement(ref warnings, "UserDetails.Company", customer.Company);
        CheckReplacement(ref warnings, "UserDetails.Title", customer.Title);
        foreach (var (name, value) in lead.AdditionalProperties)
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                CheckReplacement(ref warnings, name, value.GetString());
            }
        }

        var sourceAction = lead.SourceAction;
        var codeText = (lead.ActionCode ?? string.Empty).AsSpan().Trim();
        var codeAction = KnownNames.ClassifyActionField(codeText);
        var action = Lead.ResolveAction(sourceAction, codeAction);
        if (!lead.LeadSource.IsEmpty && !codeText.IsEmpty
            && (sourceAction != codeAction || (sourceAction == LeadAction.Unknown && !codeText.Equals(lead.LeadSource.ActionText, StringComparison.OrdinalIgnoreCase))))
        {
            var why = action == LeadAction.DoNotContact ? "do-not-contact from either field wins"
                : action == sourceAction ? "the action in LeadSource wins"
                : "the action in LeadSource is not one the SDK knows";
            Add(ref warnings, LeadWarningKind.ActionCodeMismatch, "ActionCode", $"LeadSource says {Describe(sourceAction)} but ActionCode says {Describe(codeAction)}; Lead.Action is {action} ({why})");
        }

        var leadSourceText = lead.LeadSourceText;
        if (lead.LeadSource.IsEmpty)
        {
            if (string.IsNullOrWhiteSpace(leadSourceText))
            {
                Add(ref warnings, LeadWarningKind.MissingLeadSource, "LeadSource", "the field is absent or blank, so the source and the offer are unknown");
            }
            else if (KnownNames.ClassifySourceField(leadSourceText.AsSpan().Trim()) == MarketplaceSource.Unknown && !LeadSource.TryParse(leadSourceText, out _))
            {
                Add(ref warnings, LeadWarningKind.InvalidLeadSource, "LeadSource", "not 'Source-Action | publisherid.offerid' (such as 'AppSource-PLT | contoso.crm') nor a source name alone (such as 'AzureMarketplace'), so the source and the offer are unknown");
            }
        }

        if (action == LeadAction.Unknown)
        {
            Add(ref warnings, LeadWarningKind.UnknownAction, lead.LeadSource.IsEmpty ? "ActionCode" : "LeadSource", "neither LeadSource nor ActionCode gives an action the SDK knows (INS, PLT, DNC, Create, StartTestDrive), so the funnel stage is unknown");
        }

        if (!lead.IsTestLead)
        {
            // A test lead's customer fields are the marketplace's placeholders (its phone is 1234567890).
            if (customer.EmailStatus == FieldStatus.Invalid)
            {
                Add(ref warnings, LeadWarningKind.InvalidEmail, "UserDetails.Email", "not a valid e-mail address");
            }

            if (customer.PhoneStatus == FieldStatus.Invalid)
            {
                Add(ref warnings, LeadWarningKind.InvalidPhone, "UserDetails.Phone", "not a valid phone number (one without a country code is read in the customer's country)");
            }

            if (customer.CountryStatus == FieldStatus.Invalid)
            {
                Add(ref warnings, LeadWarningKind.UnknownCountry, "UserDetails.Country", "not a country or region the SDK knows (an English name or an ISO 3166 code)");
            }
        }

        return warnings is null ? None : warnings.AsReadOnly();
    }

    private static string Describe(LeadAction action) =>
        KnownNames.ActionText(action) is { } code ? $"{code} ({action})" : "an action the SDK does not know";

    private static void CheckReplacement(ref List<LeadWarning>? warnings, string field, string? value)
    {
        if (value is not null && value.Contains(Replacement, StringComparison.Ordinal))
        {
            Add(ref warnings, LeadWarningKind.ReplacementCharacter, field, "holds U+FFFD (the replacement character): text was lost before or while the lead was read");
        }
    }

    private static void Add(ref List<LeadWarning>? warnings, LeadWarningKind kind, string field, string message) =>
        (warnings ??= []).Add(new LeadWarning(kind, field, message));
}
