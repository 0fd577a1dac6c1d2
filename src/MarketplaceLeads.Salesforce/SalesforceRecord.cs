using System;
using System.Collections.Generic;
using System.Text.Json;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Salesforce;

/// <summary>
/// The fields of one <c>Lead</c> record the Salesforce sink is about to upsert, built by <see cref="SalesforceLeadMapping"/> and handed to
/// <see cref="SalesforceLeadMapping.Customize"/> to change: the customer profile and the lead it was built from, and the field values.
/// </summary>
/// <remarks>Values are written as JSON in the order fields were first set: text (or <see langword="null"/>, which clears the field), numbers,
/// checkboxes and date/time values (UTC, ISO 8601). The external-id field is not one of them: the sink adds it.</remarks>
public sealed class SalesforceRecord
{
    private readonly CrmFields _fields = new();

    internal SalesforceRecord(CustomerProfile profile, Lead lead)
    {
        Profile = profile;
        Lead = lead;
    }

    /// <summary>Gets the customer profile the record is for (its id is the record's external id).</summary>
    public CustomerProfile Profile { get; }

    /// <summary>Gets the lead being delivered: the profile's newest lead when the record is written after a review merged or split profiles.</summary>
    public Lead Lead { get; }

    /// <summary>Gets the API names of the fields set, in order.</summary>
    public IReadOnlyList<string> Fields => _fields.Names;

    /// <summary>Sets a text or picklist field; <see langword="null"/> clears it in Salesforce.</summary>
    /// <param name="field">The field's API name.</param>
    /// <param name="value">The text; keep it within the field's length (Salesforce refuses longer text: <c>STRING_TOO_LONG</c>).</param>
    public void Set(string field, string? value) => _fields.Put(field, value);

    /// <summary>Sets a checkbox field.</summary>
    /// <param name="field">The field's API name.</param>
    /// <param name="value">The value.</param>
    public void Set(string field, bool value) => _fields.Put(field, value);

    /// <summary>Sets a number field.</summary>
    /// <param name="field">The field's API name.</param>
    /// <param name="value">The value.</param>
    public void Set(string field, int value) => _fields.Put(field, value);

    /// <summary>Sets a date/time field.</summary>
    /// <param name="field">The field's API name.</param>
    /// <param name="value">The value, written in UTC.</param>
    public void Set(string field, DateTimeOffset value) => _fields.Put(field, value.ToUniversalTime());

    /// <summary>Removes a field from the record, so that the upsert leaves it as it is in Salesforce.</summary>
    /// <param name="field">The field's API name.</param>
    /// <returns><see langword="true"/> when the field was set.</returns>
    public bool Remove(string field) => _fields.Remove(field);

    /// <summary>Returns the value of a field: a <see cref="string"/>, <see cref="bool"/>, <see cref="int"/> or <see cref="DateTimeOffset"/>, or <see langword="null"/> when it is cleared or not set.</summary>
    /// <param name="field">The field's API name.</param>
    /// <returns>The value.</returns>
    public object? Get(string field) => _fields.Get(field);

    /// <summary>Writes the fields as properties of the JSON object being written.</summary>
    internal void WriteFields(Utf8JsonWriter writer) => _fields.WriteProperties(writer);
}
