using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace MarketplaceLeads.Crm;

/// <summary>
/// The fields of one CRM record about to be sent, in the order they were first set: text (or <see langword="null"/>, which clears the field),
/// whole numbers, Booleans and dates (UTC, ISO 8601). The public record types of the CRM packages (<c>DataverseRecord</c>, <c>SalesforceRecord</c>)
/// keep their values here (compiled into each CRM sink package, src/Shared/Crm).
/// </summary>
internal sealed class CrmFields
{
    private readonly List<KeyValuePair<string, object?>> _fields = [];

    /// <summary>Gets the names of the fields set, in order.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            var names = new string[_fields.Count];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = _fields[i].Key;
            }

            return names;
        }
    }

    /// <summary>Sets a field (a <see cref="string"/>, <see cref="bool"/>, <see cref="int"/>, UTC <see cref="DateTimeOffset"/>, or <see langword="null"/>).</summary>
    /// <param name="name">The field's name.</param>
    /// <param name="value">The value.</param>
    public void Put(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var index = IndexOf(name);
        if (index < 0)
        {
            _fields.Add(new(name, value));
        }
        else
        {
            _fields[index] = new(name, value);
        }
    }

    /// <summary>Removes a field.</summary>
    /// <param name="name">The field's name.</param>
    /// <returns><see langword="true"/> when it was set.</returns>
    public bool Remove(string name)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            return false;
        }

        _fields.RemoveAt(index);
        return true;
    }

    /// <summary>Returns a field's value, or <see langword="null"/> when it is cleared or not set.</summary>
    /// <param name="name">The field's name.</param>
    /// <returns>The value.</returns>
    public object? Get(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : _fields[index].Value;
    }

    /// <summary>Writes the fields as JSON properties of the object being written.</summary>
    /// <param name="writer">The writer, inside an object.</param>
    public void WriteProperties(Utf8JsonWriter writer)
    {
        foreach (var (name, value) in _fields)
        {
            switch (value)
            {
                case null:
                    writer.WriteNull(name);
                    break;
                case string text:
                    writer.WriteString(name, text);
                    break;
                case bool flag:
                    writer.WriteBoolean(name, flag);
                    break;
                case int number:
                    writer.WriteNumber(name, number);
                    break;
                case DateTimeOffset date:
                    writer.WriteString(name, date.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture));
                    break;
            }
        }
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            if (string.Equals(_fields[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
