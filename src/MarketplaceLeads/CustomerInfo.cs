using System;
using System.Text;
using System.Threading;
using MarketplaceLeads.Normalization;

namespace MarketplaceLeads;

/// <summary>
/// The customer a lead is about, as the marketplace sent it: every field optional and kept
/// exactly as received, plus normalised views that de-duplication and follow-up use.
/// </summary>
/// <remarks>
/// <para>
/// The normalised views (<see cref="NormalizedEmail"/>, <see cref="PhoneE164"/>,
/// <see cref="CountryCode"/> and their statuses) are computed together on first use and cached, so
/// reading leads stays cheap and asking twice costs nothing. A value that cannot be normalised is
/// never dropped: the field keeps the text as sent and its status says <see cref="FieldStatus.Invalid"/>.
/// </para>
/// <para>
/// Equality compares the seven fields as sent (ordinal). <see cref="ToString"/> does not print
/// personal data: it says which fields are present, so a record can be logged safely.
/// </para>
/// </remarks>
public sealed record CustomerInfo
{
    private Normalized? _normalized;

    /// <summary>Initializes an empty customer; set the fields with an object initializer.</summary>
    public CustomerInfo()
    {
    }

    private CustomerInfo(CustomerInfo original)
    {
        // `with` copies the fields as sent; the normalised views are recomputed for the copy.
        FirstName = original.FirstName;
        LastName = original.LastName;
        Email = original.Email;
        Phone = original.Phone;
        Country = original.Country;
        Company = original.Company;
        Title = original.Title;
    }

    /// <summary>Gets a customer with no fields.</summary>
    public static CustomerInfo Empty { get; } = new();

    /// <summary>Gets the first name as sent.</summary>
    public string? FirstName { get; init; }

    /// <summary>Gets the last name as sent.</summary>
    public string? LastName { get; init; }

    /// <summary>Gets the e-mail address as sent (use this one to write to the customer).</summary>
    public string? Email { get; init; }

    /// <summary>Gets the phone number as sent (free text, such as <c>+1 (425) 555-0100</c>).</summary>
    public string? Phone { get; init; }

    /// <summary>Gets the country as sent (free text, such as <c>US</c>, <c>USA</c> or <c>United States</c>).</summary>
    public string? Country { get; init; }

    /// <summary>Gets the company as sent.</summary>
    public string? Company { get; init; }

    /// <summary>Gets the job title as sent.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the e-mail address trimmed and lower-cased when it is a valid address.</summary>
    /// <value><see langword="null"/> unless <see cref="EmailStatus"/> is <see cref="FieldStatus.Valid"/>.</value>
    public string? NormalizedEmail => GetNormalized().Email;

    /// <summary>Gets what normalisation made of <see cref="Email"/>.</summary>
    public FieldStatus EmailStatus => GetNormalized().EmailStatus;

    /// <summary>Gets the phone number in E.164 (<c>+14255550100</c>) when it is a valid number; numbers without a country code are read in the region of <see cref="CountryCode"/>.</summary>
    /// <value><see langword="null"/> unless <see cref="PhoneStatus"/> is <see cref="FieldStatus.Valid"/>.</value>
    public string? PhoneE164 => GetNormalized().Phone;

    /// <summary>Gets what normalisation made of <see cref="Phone"/>.</summary>
    public FieldStatus PhoneStatus => GetNormalized().PhoneStatus;

    /// <summary>Gets the ISO 3166-1 alpha-2 code of <see cref="Country"/> (from an alpha-2 or alpha-3 code or an English name).</summary>
    /// <value><see langword="null"/> unless <see cref="CountryStatus"/> is <see cref="FieldStatus.Valid"/>.</value>
    public string? CountryCode => GetNormalized().Country;

    /// <summary>Gets what normalisation made of <see cref="Country"/>.</summary>
    public FieldStatus CountryStatus => GetNormalized().CountryStatus;

    /// <summary>Gets a value indicating whether any field holds a marketplace test value (<c>MSFT_TEST_</c> followed by digits).</summary>
    public bool IsTestData =>
        TestLeadDetector.IsTestValue(FirstName) || TestLeadDetector.IsTestValue(LastName)
        || TestLeadDetector.IsTestValue(Email) || TestLeadDetector.IsTestValue(Phone)
        || TestLeadDetector.IsTestValue(Country) || TestLeadDetector.IsTestValue(Company)
        || TestLeadDetector.IsTestValue(Title);

    /// <summary>Gets a value indicating whether every field is absent or blank (as for <c>.edu</c> customers, who arrive without personal data).</summary>
    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(FirstName) && string.IsNullOrWhiteSpace(LastName)
        && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Phone)
        && string.IsNullOrWhiteSpace(Country) && string.IsNullOrWhiteSpace(Company)
        && string.IsNullOrWhiteSpace(Title);

    /// <summary>Determines whether this customer has the same seven fields as another (ordinal comparison of the values as sent).</summary>
    /// <param name="other">The other customer.</param>
    /// <returns><see langword="true"/> when every field is equal.</returns>
    public bool Equals(CustomerInfo? other) =>
        other is not null
        && string.Equals(FirstName, other.FirstName, StringComparison.Ordinal)
        && string.Equals(LastName, other.LastName, StringComparison.Ordinal)
        && string.Equals(Email, other.Email, StringComparison.Ordinal)
        && string.Equals(Phone, other.Phone, StringComparison.Ordinal)
        && string.Equals(Country, other.Country, StringComparison.Ordinal)
        && string.Equals(Company, other.Company, StringComparison.Ordinal)
        && string.Equals(Title, other.Title, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(FirstName, LastName, Email, Phone, Country, Company, Title);

    private bool PrintMembers(StringBuilder builder)
    {
        // Personal data stays out of logs: name the fields that are present, and the country code.
        builder.Append("Present = [");
        var first = true;
        foreach (var (name, value) in new[]
                 {
                     (nameof(FirstName), FirstName), (nameof(LastName), LastName), (nameof(Email), Email),
                     (nameof(Phone), Phone), (nameof(Country), Country), (nameof(Company), Company), (nameof(Title), Title),
                 })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                builder.Append(first ? string.Empty : ", ").Append(name);
                first = false;
            }
        }

        builder.Append("], CountryCode = ").Append(CountryCode);
        return true;
    }

    private Normalized GetNormalized()
    {
        var normalized = Volatile.Read(ref _normalized);
        if (normalized is null)
        {
            // Benign race: two threads may both compute; the values are identical.
            normalized = new Normalized(this);
            Volatile.Write(ref _normalized, normalized);
        }

        return normalized;
    }

    private sealed class Normalized
    {
        public Normalized(CustomerInfo customer)
        {
            EmailStatus = EmailNormalizer.Normalize(customer.Email, out var email);
            Email = email;
            Country = Countries.ToAlpha2(customer.Country);
            CountryStatus = Country is not null ? FieldStatus.Valid
                : string.IsNullOrWhiteSpace(customer.Country) ? FieldStatus.Missing : FieldStatus.Invalid;
            PhoneStatus = PhoneNormalizer.Normalize(customer.Phone, Country, out var phone);
            Phone = phone;
        }

        public string? Email { get; }

        public FieldStatus EmailStatus { get; }

        public string? Phone { get; }

        public FieldStatus PhoneStatus { get; }

        public string? Country { get; }

        public FieldStatus CountryStatus { get; }
    }
}
