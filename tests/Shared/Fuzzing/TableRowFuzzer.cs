using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MarketplaceLeads.Testing.Fuzzing;

/// <summary>
/// Mutates Azure Table entities (the property dictionary <c>LeadReader.ReadTableRow</c> takes): string values through
/// the byte mutators and with lone surrogate characters, values of the wrong type (numbers, NaN, dates, bytes, null),
/// the <c>CustomerInfo</c> JSON string through the JSON mutators, properties removed, added and duplicated by case.
/// </summary>
internal sealed class TableRowFuzzer
{
    /// <summary>Values of types a table row may hold (and some it should not).</summary>
    public static readonly object?[] WrongTypes =
    [
        42, 42L, long.MaxValue, double.NaN, double.PositiveInfinity, -0.0, 1.5, float.NaN, decimal.MaxValue, true, null,
        new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Unspecified),
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(-8)), DateTimeOffset.MinValue, new byte[] { 0, 1, 2, 0xFF }, Array.Empty<byte>(),
        new Guid(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), TimeSpan.FromMinutes(90), 'x', new object(), new[] { "a", "b" }, new Uri("https://example.invalid/"),
    ];

    /// <summary>Property names to add: empty, a lone surrogate, a NUL, a very long name, and names that differ from known ones only by case or are aliases.</summary>
    public static readonly string[] ExtraNames =
    [
        string.Empty, "\uD800", "a\u0000b", new string('n', 10_000), "customerinfo", "LEADSOURCE", "UserDetails", "OfferTitle", "createdtime", "partitionkey", "Extra", "odata.etag",
    ];

    private static readonly string[] LoneSurrogates = ["\uD83D", "\uDC00", "\uDE00\uD83D", "\uDBFF"];

    private readonly IReadOnlyList<(string Name, IReadOnlyDictionary<string, object?> Entity)> _seeds;
    private readonly MutationEngine _bytes;
    private readonly MutationEngine _json;

    public TableRowFuzzer(IReadOnlyList<(string Name, IReadOnlyDictionary<string, object?> Entity)> seeds)
    {
        _seeds = seeds;
        var seedStrings = seeds.SelectMany(static s => s.Entity.Values.OfType<string>()).Distinct(StringComparer.Ordinal)
            .Select(static (s, i) => new FuzzSeed($"table value {i}", Encoding.UTF8.GetBytes(s))).ToList();
        _bytes = new MutationEngine(seedStrings, [.. Mutators.Generic, .. Mutators.Encodings, Mutators.JsonEscape]);
        _json = new MutationEngine(seedStrings, Mutators.ForJson);
    }

    /// <summary>Makes the entity of one iteration.</summary>
    public FuzzCase<Dictionary<string, object?>> Generate(ulong targetSeed, long iteration)
    {
        var random = new FuzzRandom(FuzzRandom.Mix(targetSeed, (ulong)iteration));
        var (name, seed) = random.Pick(_seeds);
        var entity = new Dictionary<string, object?>(seed, StringComparer.Ordinal);
        var how = new StringBuilder();
        var count = random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            var before = new Dictionary<string, object?>(entity, StringComparer.Ordinal);
            how.Append(i == 0 ? string.Empty : " then ").Append(Mutate(random, entity));
            if (Size(entity) > Mutators.MaxInputBytes)
            {
                entity = before;
                how.Append(" (skipped: too large)");
            }
        }

        return new FuzzCase<Dictionary<string, object?>>(entity, iteration, $"seed '{name}', {how}");
    }

    /// <summary>Gets the size of an entity, about as in UTF-8 JSON (strings at up to 3 bytes a character, other values 16).</summary>
    public static long Size(IReadOnlyDictionary<string, object?> entity) =>
        entity.Sum(static p => p.Key.Length + (p.Value is string s ? s.Length : 16)) * 3L;

    /// <summary>Smaller variants of an entity, for shrinking: each property removed, then spans of each string value removed (halves first).</summary>
    public static IEnumerable<Dictionary<string, object?>> Shrink(Dictionary<string, object?> entity)
    {
        foreach (var name in entity.Keys.ToList())
        {
            var smaller = new Dictionary<string, object?>(entity, StringComparer.Ordinal);
            smaller.Remove(name);
            yield return smaller;
        }

        foreach (var (name, value) in entity.ToList())
        {
            if (value is not string { Length: > 0 } text)
            {
                continue;
            }

            for (var chunk = Math.Max(1, text.Length / 2); chunk >= 1; chunk /= 2)
            {
                for (var start = 0; start + chunk <= text.Length; start += chunk)
                {
                    yield return new Dictionary<string, object?>(entity, StringComparer.Ordinal) { [name] = text.Remove(start, chunk) };
                }

                if (chunk == 1)
                {
                    break;
                }
            }
        }
    }

    private string Mutate(FuzzRandom random, Dictionary<string, object?> entity)
    {
        var names = entity.Keys.ToList();
        var strings = entity.Where(static p => p.Value is string).Select(static p => p.Key).ToList();
        switch (random.Next(7))
        {
            case 0 when strings.Count > 0:
            {
                var name = random.Pick(strings);
                var (data, how) = _bytes.Mutate(random, Encoding.UTF8.GetBytes((string)entity[name]!), random.Next(1, 3));
                entity[name] = Encoding.UTF8.GetString(data);
                return $"string-bytes({name}: {how})";
            }

            case 1 when strings.Count > 0:
            {
                var name = random.Pick(strings);
                var text = (string)entity[name]!;
                var at = random.Next(text.Length + 1);
                var surrogate = random.Pick(LoneSurrogates);
                entity[name] = text.Insert(at, surrogate);
                return $"lone-surrogate-char({name}: {Mutators.Printable(surrogate)} at {at})";
            }

            case 2 when names.Count > 0:
            {
                var name = random.Pick(names);
                var value = random.Pick(WrongTypes);
                entity[name] = value;
                return $"wrong-type({name} = {CSharpText.Value(value)})";
            }

            case 3:
            {
                var customer = entity.Keys.FirstOrDefault(static k => k.Equals("CustomerInfo", StringComparison.OrdinalIgnoreCase)) ?? "CustomerInfo";
                var json = entity.GetValueOrDefault(customer) as string ?? """{"FirstName":"Ana","Email":"ana@fabrikam.example"}""";
                var (data, how) = _json.Mutate(random, Encoding.UTF8.GetBytes(json), random.Next(1, 4));
                entity[customer] = Encoding.UTF8.GetString(data);
                return $"customer-json({how})";
            }

            case 4 when names.Count > 0:
            {
                var name = random.Pick(names);
                entity.Remove(name);
                return $"remove-property({name})";
            }

            case 5:
            {
                var name = random.Pick(ExtraNames);
                object? value = random.Chance(50) ? "extra value" : random.Pick(WrongTypes);
                if (random.Chance(30) && strings.Count > 0)
                {
                    value = entity[random.Pick(strings)];
                }

                entity[name] = value;
                return $"add-property({CSharpText.String(name.Length > 40 ? name[..40] + "…" : name)})";
            }

            default:
            {
                var name = strings.Count > 0 ? random.Pick(strings) : "Description";
                var length = random.Pick(new[] { 8_191, 8_192, 8_193, 70_000 });
                entity[name] = new string('x', length);
                return $"long-value({name}: {length} characters)";
            }
        }
    }
}
