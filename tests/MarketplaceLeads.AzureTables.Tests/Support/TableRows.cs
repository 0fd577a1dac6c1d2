using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Azure.Data.Tables;

namespace MarketplaceLeads.AzureTables.Tests.Support;

/// <summary>Rows shaped like the ones the marketplace writes (see samples/payloads/azure-table-row.json).</summary>
internal static class TableRows
{
    public static TableEntity Lead(string partitionKey, string rowKey, int person)
    {
        var customer = $"{{\"FirstName\":\"Person{person}\",\"LastName\":\"Tester{person}\",\"Email\":\"person{person}@company{person}.example\",\"Phone\":\"\",\"Country\":\"US\",\"Company\":\"Company {person}\",\"Title\":\"Engineer\"}}";
        return new TableEntity(partitionKey, rowKey)
        {
            ["LeadSource"] = "AzureMarketplace-StartTestDrive | contoso.contoso-analytics",
            ["ActionCode"] = "StartTestDrive",
            ["OfferDisplayName"] = "Contoso Analytics",
            ["Description"] = string.Empty,
            ["CreatedTime"] = new DateTimeOffset(2026, 11, 20, 14, 3, 9, TimeSpan.Zero).AddMinutes(person).ToString("O", CultureInfo.InvariantCulture),
            ["CustomerInfo"] = customer,
        };
    }

    public static TableEntity Malformed(string partitionKey, string rowKey) => new(partitionKey, rowKey)
    {
        ["LeadSource"] = "AzureMarketplace-StartTestDrive | contoso.contoso-analytics",
        ["ActionCode"] = "StartTestDrive",
        ["CustomerInfo"] = "{\"FirstName\":\"Broken\", \"Email\": ",
    };

    /// <summary>A row whose <c>CustomerInfo</c> JSON holds half an emoji: a lone surrogate escape, <c>\ud83d</c>.</summary>
    public static TableEntity HalfEmoji(string partitionKey, string rowKey)
    {
        var row = Lead(partitionKey, rowKey, 0);
        row["CustomerInfo"] = """{"FirstName":"Ana \ud83d","LastName":"Garc\u00eda","Email":"half@emoji.example","\udc00":"x"}""";
        row["Description"] = """great product \ud83d""";
        return row;
    }

    /// <summary>Inserts rows one by one (insertion order is the list's order), as the marketplace does.</summary>
    public static async Task InsertAsync(TableClient table, IEnumerable<TableEntity> rows)
    {
        foreach (var row in rows)
        {
            await table.AddEntityAsync(row);
        }
    }

    /// <summary>RowKeys whose sort order is the reverse of the insertion order (so the query order differs from it).</summary>
    public static List<TableEntity> Descending(string partitionKey, int first, int count) =>
        [.. Enumerable.Range(first, count).Select(i => Lead(partitionKey, (100_000 - i).ToString("D6", CultureInfo.InvariantCulture), i))];
}
