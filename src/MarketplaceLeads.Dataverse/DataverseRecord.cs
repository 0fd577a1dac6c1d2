using System;
using System.Collections.Generic;
using System.Text.Json;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Dataverse;

/// <summary>
/// The columns of one <c>lead</c> record the Dataverse sink is about to upsert, built by <see cref="DataverseLeadMapping"/> and handed to
/// <see cref="DataverseLeadMapping.Customize"/> to change: the customer profile and the lead it was built from, and the column values.
/// </summary>
/// <remarks>Values are written as JSON in the order columns were first set: text (or <see langword="null"/>, which clears the column), whole numbers
/// (choice columns too), Booleans and dates (UTC, ISO 8601).</remarks>
public sealed class DataverseRecord
{
    private readonly CrmFields _columns = new();

    internal DataverseRecord(CustomerProfile profile, Lead lead)
    {
        Profile = profile;
        Lead = lead;
    }

    /// <summary>Gets the customer profile the record is for (its id is the record's alternate key).</summary>
    public CustomerProfile Profile { get; }

    /// <summary>Gets the lead being delivered: the profile's newest lead when the record is written after a review merged or split profiles.</summary>
    public Lead Lead { get; }

    /// <summary>Gets the names of the columns set, in order.</summary>
    public IReadOnlyList<string> Columns => _columns.Names;

    /// <summary>Sets a text column; <see langword="null"/> clears it in Dataverse.</summary>
    /// <param name="column">The column's logical name.</param>
    /// <param name="value">The text; keep it within the column's length (Dataverse refuses longer text with HTTP 400).</param>
    public void Set(string column, string? value) => Put(column, value);

    /// <summary>Sets a Boolean (yes/no) column.</summary>
    /// <param name="column">The column's logical name.</param>
    /// <param name="value">The value.</param>
    public void Set(string column, bool value) => Put(column, value);

    /// <summary>Sets a whole-number or choice column.</summary>
    /// <param name="column">The column's logical name.</param>
    /// <param name="value">The value (a choice's numeric value).</param>
    public void Set(string column, int value) => Put(column, value);

    /// <summary>Sets a date and time column.</summary>
    /// <param name="column">The column's logical name.</param>
    /// <param name="value">The value, written in UTC.</param>
    public void Set(string column, DateTimeOffset value) => Put(column, value.ToUniversalTime());

    /// <summary>Removes a column from the record, so that the upsert leaves it as it is in Dataverse.</summary>
    /// <param name="column">The column's logical name.</param>
    /// <returns><see langword="true"/> when the column was set.</returns>
    public bool Remove(string column) => _columns.Remove(column);

    /// <summary>Returns the value of a column: a <see cref="string"/>, <see cref="bool"/>, <see cref="int"/> or <see cref="DateTimeOffset"/>, or <see langword="null"/> when it is cleared or not set.</summary>
    /// <param name="column">The column's logical name.</param>
    /// <returns>The value.</returns>
    public object? Get(string column) => _columns.Get(column);

    /// <summary>Writes the record as one JSON object.</summary>
    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        _columns.WriteProperties(writer);
        writer.WriteEndObject();
    }

    private void Put(string column, object? value) => _columns.Put(column, value);
}
