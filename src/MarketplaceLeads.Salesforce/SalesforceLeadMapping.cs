using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads.Salesforce;

/// <summary>
/// Which field of Salesforce's <c>Lead</c> object each field of a customer profile and its lead is written to (docs/crm.md has the table).
/// Each property is a field's API name; <see langword="null"/> leaves that field alone. Text is trimmed and cut to the standard field's length
/// (the <c>…Length</c> constants); for your own fields it is cut to <see cref="CustomFieldLength"/>. For anything else, set <see cref="Customize"/>.
/// </summary>
public sealed class SalesforceLeadMapping : IValidatableObject
{
    /// <summary>The length of <c>FirstName</c>.</summary>
    public const int FirstNameLength = 40;

    /// <summary>The length of <c>LastName</c>.</summary>
    public const int LastNameLength = 80;

    /// <summary>The length of <c>Email</c>.</summary>
    public const int EmailLength = 80;

    /// <summary>The length of <c>Phone</c>.</summary>
    public const int PhoneLength = 40;

    /// <summary>The length of <c>Company</c>.</summary>
    public const int CompanyLength = 255;

    /// <summary>The length of <c>Title</c>.</summary>
    public const int TitleLength = 128;

    /// <summary>The length of <c>Country</c>.</summary>
    public const int CountryLength = 80;

    /// <summary>The length of <c>LeadSource</c> (a picklist).</summary>
    public const int LeadSourceLength = 40;

    /// <summary>The length of <c>Description</c> (a long text area).</summary>
    public const int DescriptionLength = 32000;

    /// <summary>The length text is cut to in a field of your own (<see cref="LeadSourceText"/>, <see cref="Offer"/>, <see cref="Action"/>): the longest Salesforce text field.</summary>
    public const int CustomFieldLength = 255;

    /// <summary>Gets or sets the field of the first name.</summary>
    /// <value><c>FirstName</c>.</value>
    public string? FirstName { get; set; } = "FirstName";

    /// <summary>Gets or sets the field of the last name, which Salesforce requires: a profile without one gets <see cref="MissingLastName"/>.</summary>
    /// <value><c>LastName</c>.</value>
    public string? LastName { get; set; } = "LastName";

    /// <summary>Gets or sets the field of the e-mail address: the normalized address, left out when the address is not a valid one (Salesforce refuses it with <c>INVALID_EMAIL_ADDRESS</c>).</summary>
    /// <value><c>Email</c>.</value>
    public string? Email { get; set; } = "Email";

    /// <summary>Gets or sets the field of the phone number (E.164, such as <c>+14255550100</c>, when it could be normalized; else as sent).</summary>
    /// <value><c>Phone</c>.</value>
    public string? Phone { get; set; } = "Phone";

    /// <summary>Gets or sets the field of the company, which Salesforce requires: a profile without one gets <see cref="MissingCompany"/>.</summary>
    /// <value><c>Company</c>.</value>
    public string? Company { get; set; } = "Company";

    /// <summary>Gets or sets the field of the job title.</summary>
    /// <value><c>Title</c>.</value>
    public string? Title { get; set; } = "Title";

    /// <summary>Gets or sets the field of the country (as the customer gave it).</summary>
    /// <value><c>Country</c>. With State and Country/Territory Picklists on, Salesforce accepts only its country names there: map <c>null</c> and set <c>CountryCode</c> in <see cref="Customize"/> from <c>Profile.Customer.CountryCode</c>.</value>
    public string? Country { get; set; } = "Country";

    /// <summary>Gets or sets the field of the marketplace the lead came from: <c>AppSource</c>, <c>Azure Marketplace</c>, <c>Azure portal</c>, <c>Test drive</c> or <c>Marketplace</c>.</summary>
    /// <value><c>LeadSource</c> (a picklist; add these values to it, or keep it unrestricted).</value>
    public string? LeadSource { get; set; } = "LeadSource";

    /// <summary>Gets or sets the field of the customer's notes (the lead's <c>Description</c>), after a first line with the marketplace, the action and the offer.</summary>
    /// <value><c>Description</c>.</value>
    public string? Description { get; set; } = "Description";

    /// <summary>Gets or sets a field of your own for the <c>LeadSource</c> text exactly as sent, such as <c>AppSource-PLT | contoso.analytics</c>.</summary>
    /// <value><see langword="null"/>.</value>
    public string? LeadSourceText { get; set; }

    /// <summary>Gets or sets a field of your own for the offer (its display name, else its id); it is also in the first line of <see cref="Description"/>.</summary>
    /// <value><see langword="null"/>.</value>
    public string? Offer { get; set; }

    /// <summary>Gets or sets a field of your own for the action (<c>Contact me</c>, <c>Get it now</c>, <c>Test drive</c>, <c>Create</c>, <c>Do not contact</c>); it is also in the first line of <see cref="Description"/>.</summary>
    /// <value><see langword="null"/>.</value>
    public string? Action { get; set; }

    /// <summary>Gets or sets the last name sent for a profile without one (Salesforce refuses a lead without <c>LastName</c>: <c>REQUIRED_FIELD_MISSING</c>).</summary>
    /// <value><c>[not provided]</c>, what Salesforce's own Web-to-Lead writes.</value>
    [NotEmpty]
    public string MissingLastName { get; set; } = "[not provided]";

    /// <summary>Gets or sets the company sent for a profile without one (Salesforce requires <c>Company</c> on a lead).</summary>
    /// <value><c>[not provided]</c>, what Salesforce's own Web-to-Lead writes.</value>
    [NotEmpty]
    public string MissingCompany { get; set; } = "[not provided]";

    /// <summary>Gets the checkbox fields set to the profile's do-not-contact (sticky across the profile's leads: <see langword="true"/> once any lead was do-not-contact, and back to <see langword="false"/> only when a split removes that lead).</summary>
    /// <value><c>HasOptedOutOfEmail</c>, <c>DoNotCall</c>, <c>HasOptedOutOfFax</c>.</value>
    public IList<string> DoNotContact { get; } = ["HasOptedOutOfEmail", "DoNotCall", "HasOptedOutOfFax"];

    /// <summary>Gets or sets a step run last on each record before it is sent: set, change or remove fields (<see cref="SalesforceRecord"/>).</summary>
    /// <value><see langword="null"/>.</value>
    /// <remarks>It runs on the pipeline's delivery thread and must not block; it must not throw (an exception fails the lead as not transient).</remarks>
    public Action<SalesforceRecord>? Customize { get; set; }

    internal void CopyTo(SalesforceLeadMapping copy)
    {
        copy.FirstName = FirstName;
        copy.LastName = LastName;
        copy.Email = Email;
        copy.Phone = Phone;
        copy.Company = Company;
        copy.Title = Title;
        copy.Country = Country;
        copy.LeadSource = LeadSource;
        copy.Description = Description;
        copy.LeadSourceText = LeadSourceText;
        copy.Offer = Offer;
        copy.Action = Action;
        copy.MissingLastName = MissingLastName;
        copy.MissingCompany = MissingCompany;
        copy.DoNotContact.Clear();
        foreach (var field in DoNotContact)
        {
            copy.DoNotContact.Add(field);
        }

        copy.Customize = Customize;
    }

    /// <summary>Whether a text is a Salesforce field API name: ASCII letters, digits and '_', starting with a letter, not ending in '_', no '__' but a custom field's suffix (<c>__c</c>), at most 80 characters.</summary>
    internal static bool IsApiName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 80 || !char.IsAsciiLetter(name[0]) || name[^1] == '_')
        {
            return false;
        }

        var core = name.EndsWith("__c", StringComparison.Ordinal) ? name[..^3] : name;
        if (core.Length == 0 || core[^1] == '_' || core.Contains("__", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in core)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks that every field named is an API name.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        (string Property, string? Field)[] fields =
        [
            (nameof(FirstName), FirstName), (nameof(LastName), LastName), (nameof(Email), Email), (nameof(Phone), Phone),
            (nameof(Company), Company), (nameof(Title), Title), (nameof(Country), Country), (nameof(LeadSource), LeadSource),
            (nameof(Description), Description), (nameof(LeadSourceText), LeadSourceText), (nameof(Offer), Offer), (nameof(Action), Action),
        ];
        foreach (var (property, field) in fields)
        {
            if (field is not null && !IsApiName(field))
            {
                yield return OptionsRules.Fail<SalesforceLeadMapping>(property, $"must be a field's API name (letters, digits and '_', starting with a letter, such as Email or Offer__c) or null; it is '{field}'");
            }
        }

        for (var i = 0; i < DoNotContact.Count; i++)
        {
            if (!IsApiName(DoNotContact[i]))
            {
                yield return OptionsRules.Fail<SalesforceLeadMapping>($"{nameof(DoNotContact)}[{i}]", $"must be a field's API name; it is '{DoNotContact[i]}'");
            }
        }
    }
}
