using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.HubSpot;

/// <summary>
/// The properties of one contact the HubSpot sink is about to upsert, built by <see cref="HubSpotContactMapping"/> and handed to
/// <see cref="HubSpotContactMapping.Customize"/> to change: the customer profile and the lead it was built from, and the property values.
/// </summary>
/// <remarks>HubSpot takes every property value as text: checkboxes as <c>true</c>/<c>false</c>, dates and times as ISO 8601 (UTC); an empty text clears
/// the property. The id property (<see cref="HubSpotSinkOptions.IdProperty"/>) is not one of them: the sink adds it.</remarks>
public sealed class HubSpotContact
{
    private readonly CrmFields _properties = new();

    internal HubSpotContact(CustomerProfile profile, Lead lead)
    {
        Profile = profile;
        Lead = lead;
    }

    /// <summary>Gets the customer profile the contact is for (its id is the value of the default id property).</summary>
    public CustomerProfile Profile { get; }

    /// <summary>Gets the lead being delivered: the profile's newest lead when the contact is written after a review merged or split profiles.</summary>
    public Lead Lead { get; }

    /// <summary>Gets the internal names of the properties set, in order.</summary>
    public IReadOnlyList<string> Properties => _properties.Names;

    /// <summary>Sets a text, number, dropdown or other property; <see langword="null"/> clears it in HubSpot (sent as an empty text).</summary>
    /// <param name="property">The property's internal name.</param>
    /// <param name="value">The value as HubSpot takes it; keep it within <see cref="HubSpotContactMapping.TextLength"/>.</param>
    public void Set(string property, string? value) => _properties.Put(property, value ?? string.Empty);

    /// <summary>Sets a single checkbox property (<c>true</c> or <c>false</c>).</summary>
    /// <param name="property">The property's internal name.</param>
    /// <param name="value">The value.</param>
    public void Set(string property, bool value) => _properties.Put(property, value ? "true" : "false");

    /// <summary>Sets a date and time property.</summary>
    /// <param name="property">The property's internal name.</param>
    /// <param name="value">The value, written in UTC (ISO 8601).</param>
    public void Set(string property, DateTimeOffset value) =>
        _properties.Put(property, value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture));

    /// <summary>Removes a property from the contact, so that the upsert leaves it as it is in HubSpot.</summary>
    /// <param name="property">The property's internal name.</param>
    /// <returns><see langword="true"/> when the property was set.</returns>
    public bool Remove(string property) => _properties.Remove(property);

    /// <summary>Returns the value of a property as it will be sent, or <see langword="null"/> when it is not set.</summary>
    /// <param name="property">The property's internal name.</param>
    /// <returns>The value.</returns>
    public string? Get(string property) => _properties.Get(property) as string;

    /// <summary>Writes the properties as properties of the JSON object being written.</summary>
    internal void WriteProperties(Utf8JsonWriter writer) => _properties.WriteProperties(writer);
}
