using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads.HubSpot;

/// <summary>
/// Which contact property each field of a customer profile and its lead is written to (docs/crm.md has the table). Each property is a property's
/// internal name; <see langword="null"/> leaves that property alone. Text is trimmed and cut to HubSpot's limit for a text property
/// (<see cref="TextLength"/>; an e-mail address to <see cref="EmailLength"/>). For anything else, set <see cref="Customize"/>.
/// </summary>
public sealed class HubSpotContactMapping : IValidatableObject
{
    /// <summary>The most characters HubSpot keeps in a single-line or multi-line text property.</summary>
    public const int TextLength = 65_536;

    /// <summary>The most characters of an e-mail address (RFC 5321); a longer one is left out, not cut.</summary>
    public const int EmailLength = 254;

    /// <summary>Gets or sets the property of the first name.</summary>
    /// <value><c>firstname</c>.</value>
    public string? FirstName { get; set; } = "firstname";

    /// <summary>Gets or sets the property of the last name.</summary>
    /// <value><c>lastname</c>.</value>
    public string? LastName { get; set; } = "lastname";

    /// <summary>Gets or sets the property of the e-mail address: the normalized address, left out when it is not a valid one (HubSpot refuses it: <c>INVALID_EMAIL</c>).</summary>
    /// <value><c>email</c>. With <see cref="HubSpotSinkOptions.IdProperty"/> = <c>email</c> the address is the contact's id and not a property of the upsert.</value>
    public string? Email { get; set; } = "email";

    /// <summary>Gets or sets the property of the phone number (E.164, such as <c>+14255550100</c>, when it could be normalized; else as sent).</summary>
    /// <value><c>phone</c>.</value>
    public string? Phone { get; set; } = "phone";

    /// <summary>Gets or sets the property of the company name.</summary>
    /// <value><c>company</c>.</value>
    public string? Company { get; set; } = "company";

    /// <summary>Gets or sets the property of the job title.</summary>
    /// <value><c>jobtitle</c>.</value>
    public string? JobTitle { get; set; } = "jobtitle";

    /// <summary>Gets or sets the property of the country (as the customer gave it).</summary>
    /// <value><c>country</c>.</value>
    public string? Country { get; set; } = "country";

    /// <summary>Gets or sets the property of the customer's notes (the lead's <c>Description</c>), after a first line with the marketplace, the action and the offer.</summary>
    /// <value><c>message</c>, HubSpot's multi-line text property for a contact's message.</value>
    public string? Notes { get; set; } = "message";

    /// <summary>Gets or sets a property of your own for the <c>LeadSource</c> text exactly as sent, such as <c>AppSource-PLT | contoso.analytics</c>.</summary>
    /// <value><see langword="null"/>.</value>
    public string? LeadSourceText { get; set; }

    /// <summary>Gets or sets a property of your own for the offer (its display name, else its id); it is also in the first line of <see cref="Notes"/>.</summary>
    /// <value><see langword="null"/>.</value>
    public string? Offer { get; set; }

    /// <summary>Gets or sets a property of your own for the action (<c>Contact me</c>, <c>Get it now</c>, <c>Test drive</c>, <c>Create</c>, <c>Do not contact</c>); it is also in the first line of <see cref="Notes"/>.</summary>
    /// <value><see langword="null"/>.</value>
    public string? Action { get; set; }

    /// <summary>Gets the single-checkbox properties of your own set to the profile's do-not-contact (<c>true</c> or <c>false</c>; sticky across the profile's leads). HubSpot's own
    /// opt-out (<c>hs_email_optout</c>) is read-only: <see cref="HubSpotSinkOptions.UnsubscribeDoNotContact"/> unsubscribes the address instead.</summary>
    /// <value>Empty.</value>
    public IList<string> DoNotContact { get; } = [];

    /// <summary>Gets or sets a step run last on each contact before it is sent: set, change or remove properties (<see cref="HubSpotContact"/>).</summary>
    /// <value><see langword="null"/>.</value>
    /// <remarks>It runs on the pipeline's delivery thread and must not block; it must not throw (an exception fails the lead as not transient).</remarks>
    public Action<HubSpotContact>? Customize { get; set; }

    internal void CopyTo(HubSpotContactMapping copy)
    {
        copy.FirstName = FirstName;
        copy.LastName = LastName;
        copy.Email = Email;
        copy.Phone = Phone;
        copy.Company = Company;
        copy.JobTitle = JobTitle;
        copy.Country = Country;
        copy.Notes = Notes;
        copy.LeadSourceText = LeadSourceText;
        copy.Offer = Offer;
        copy.Action = Action;
        copy.DoNotContact.Clear();
        foreach (var property in DoNotContact)
        {
            copy.DoNotContact.Add(property);
        }

        copy.Customize = Customize;
    }

    /// <summary>Whether a text is a HubSpot property's internal name: lowercase ASCII letters, digits and '_', starting with a letter, at most 100 characters.</summary>
    internal static bool IsPropertyName(string? name) => CrmText.IsLowercaseName(name, 100);

    /// <summary>Checks that every property named is an internal name.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        (string Option, string? Property)[] properties =
        [
            (nameof(FirstName), FirstName), (nameof(LastName), LastName), (nameof(Email), Email), (nameof(Phone), Phone),
            (nameof(Company), Company), (nameof(JobTitle), JobTitle), (nameof(Country), Country), (nameof(Notes), Notes),
            (nameof(LeadSourceText), LeadSourceText), (nameof(Offer), Offer), (nameof(Action), Action),
        ];
        foreach (var (option, property) in properties)
        {
            if (property is not null && !IsPropertyName(property))
            {
                yield return OptionsRules.Fail<HubSpotContactMapping>(option, $"must be a property's internal name (lowercase letters, digits and '_', starting with a letter, such as email or marketplace_offer) or null; it is '{property}'");
            }
        }

        for (var i = 0; i < DoNotContact.Count; i++)
        {
            if (!IsPropertyName(DoNotContact[i]))
            {
                yield return OptionsRules.Fail<HubSpotContactMapping>($"{nameof(DoNotContact)}[{i}]", $"must be a property's internal name; it is '{DoNotContact[i]}'");
            }
        }
    }
}
