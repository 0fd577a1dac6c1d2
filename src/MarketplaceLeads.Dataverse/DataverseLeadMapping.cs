using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads.Dataverse;

/// <summary>
/// Which column of Dataverse's <c>lead</c> table each field of a customer profile and its lead is written to (docs/crm.md has the table).
/// Each property is a column's logical name; <see langword="null"/> leaves that column alone. Text is trimmed and cut to the standard
/// column's length (the <c>…Length</c> constants); for your own columns it is cut to <see cref="CustomColumnLength"/>.
/// For anything else, set <see cref="Customize"/>.
/// </summary>
public sealed class DataverseLeadMapping : IValidatableObject
{
    /// <summary>The length of <c>firstname</c>.</summary>
    public const int FirstNameLength = 50;

    /// <summary>The length of <c>lastname</c>.</summary>
    public const int LastNameLength = 50;

    /// <summary>The length of <c>emailaddress1</c>.</summary>
    public const int EmailLength = 100;

    /// <summary>The length of <c>telephone1</c>.</summary>
    public const int PhoneLength = 50;

    /// <summary>The length of <c>companyname</c>.</summary>
    public const int CompanyLength = 100;

    /// <summary>The length of <c>jobtitle</c>.</summary>
    public const int JobTitleLength = 100;

    /// <summary>The length of <c>address1_country</c>.</summary>
    public const int CountryLength = 80;

    /// <summary>The length of <c>subject</c> (the record's <em>Topic</em>).</summary>
    public const int SubjectLength = 300;

    /// <summary>The length of <c>description</c>.</summary>
    public const int DescriptionLength = 2000;

    /// <summary>The length text is cut to in a column of your own (<see cref="LeadSource"/>, <see cref="Offer"/>, <see cref="Action"/>): the default length of a Dataverse text column.</summary>
    public const int CustomColumnLength = 100;

    /// <summary>Gets or sets the column of the first name.</summary>
    /// <value><c>firstname</c>.</value>
    public string? FirstName { get; set; } = "firstname";

    /// <summary>Gets or sets the column of the last name.</summary>
    /// <value><c>lastname</c>.</value>
    public string? LastName { get; set; } = "lastname";

    /// <summary>Gets or sets the column of the e-mail address (normalized, else as sent).</summary>
    /// <value><c>emailaddress1</c>.</value>
    public string? Email { get; set; } = "emailaddress1";

    /// <summary>Gets or sets the column of the phone number (E.164, such as <c>+14255550100</c>, when it could be normalized; else as sent).</summary>
    /// <value><c>telephone1</c>.</value>
    public string? Phone { get; set; } = "telephone1";

    /// <summary>Gets or sets the column of the company.</summary>
    /// <value><c>companyname</c>.</value>
    public string? Company { get; set; } = "companyname";

    /// <summary>Gets or sets the column of the job title.</summary>
    /// <value><c>jobtitle</c>.</value>
    public string? JobTitle { get; set; } = "jobtitle";

    /// <summary>Gets or sets the column of the country (as the customer gave it).</summary>
    /// <value><c>address1_country</c>.</value>
    public string? Country { get; set; } = "address1_country";

    /// <summary>Gets or sets the column of the topic: the marketplace, the action and the offer, such as <c>AppSource · Contact me · Contoso Analytics</c>.</summary>
    /// <value><c>subject</c>.</value>
    public string? Subject { get; set; } = "subject";

    /// <summary>Gets or sets the column of the customer's notes (the lead's <c>Description</c>).</summary>
    /// <value><c>description</c>.</value>
    public string? Notes { get; set; } = "description";

    /// <summary>Gets or sets the column of the <c>LeadSource</c> text exactly as sent.</summary>
    /// <value><see langword="null"/>: Dataverse has no such column; name one you created.</value>
    public string? LeadSource { get; set; }

    /// <summary>Gets or sets the column of the offer (its display name, else its id).</summary>
    /// <value><see langword="null"/>: name one you created.</value>
    public string? Offer { get; set; }

    /// <summary>Gets or sets the column of the action (<c>Contact me</c>, <c>Get it now</c>, <c>Test drive</c>, <c>Create</c>, <c>Do not contact</c>).</summary>
    /// <value><see langword="null"/>: name one you created.</value>
    public string? Action { get; set; }

    /// <summary>Gets the opt-out columns set to the profile's do-not-contact (sticky across the profile's leads: <see langword="true"/> once any lead was do-not-contact, and back to <see langword="false"/> only when a split removes that lead).</summary>
    /// <value><c>donotemail</c>, <c>donotphone</c>, <c>donotbulkemail</c>, <c>donotsendmm</c> (marketing materials), <c>donotfax</c>, <c>donotpostalmail</c>.</value>
    public IList<string> DoNotContact { get; } = ["donotemail", "donotphone", "donotbulkemail", "donotsendmm", "donotfax", "donotpostalmail"];

    /// <summary>Gets or sets a step run last on each record before it is sent: set, change or remove columns (<see cref="DataverseRecord"/>).</summary>
    /// <value><see langword="null"/>.</value>
    /// <remarks>It runs on the pipeline's delivery thread and must not block; it must not throw (an exception fails the batch as not transient).</remarks>
    public Action<DataverseRecord>? Customize { get; set; }

    internal void CopyTo(DataverseLeadMapping copy)
    {
        copy.FirstName = FirstName;
        copy.LastName = LastName;
        copy.Email = Email;
        copy.Phone = Phone;
        copy.Company = Company;
        copy.JobTitle = JobTitle;
        copy.Country = Country;
        copy.Subject = Subject;
        copy.Notes = Notes;
        copy.LeadSource = LeadSource;
        copy.Offer = Offer;
        copy.Action = Action;
        copy.DoNotContact.Clear();
        foreach (var column in DoNotContact)
        {
            copy.DoNotContact.Add(column);
        }

        copy.Customize = Customize;
    }

    /// <summary>Whether a text is a Dataverse logical name: lowercase ASCII letters, digits and '_', starting with a letter, at most 50 characters.</summary>
    internal static bool IsLogicalName(string? name) => CrmText.IsLowercaseName(name, 50);

    /// <summary>Checks that every column named is a logical name.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        (string Property, string? Column)[] columns =
        [
            (nameof(FirstName), FirstName), (nameof(LastName), LastName), (nameof(Email), Email), (nameof(Phone), Phone),
            (nameof(Company), Company), (nameof(JobTitle), JobTitle), (nameof(Country), Country), (nameof(Subject), Subject),
            (nameof(Notes), Notes), (nameof(LeadSource), LeadSource), (nameof(Offer), Offer), (nameof(Action), Action),
        ];
        foreach (var (property, column) in columns)
        {
            if (column is not null && !IsLogicalName(column))
            {
                yield return OptionsRules.Fail<DataverseLeadMapping>(property, $"must be a column's logical name (lowercase letters, digits and '_', starting with a letter) or null; it is '{column}'");
            }
        }

        for (var i = 0; i < DoNotContact.Count; i++)
        {
            if (!IsLogicalName(DoNotContact[i]))
            {
                yield return OptionsRules.Fail<DataverseLeadMapping>($"{nameof(DoNotContact)}[{i}]", $"must be a column's logical name; it is '{DoNotContact[i]}'");
            }
        }
    }
}
