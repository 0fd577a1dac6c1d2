using System.Collections.Generic;

namespace MarketplaceLeads.Testing.Fuzzing;

/// <summary>
/// A lenient look at the shape of JSON-ish bytes, for the JSON-aware mutators: where the string tokens are (names and
/// values) and where a property's value ends. Works on any bytes (broken JSON too); it only guides where to mutate.
/// </summary>
internal static class JsonShape
{
    /// <summary>Finds the string tokens: <see cref="Token.Start"/> is the opening quote, <see cref="Token.End"/> one past the closing quote.</summary>
    public static List<Token> Strings(byte[] data)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < data.Length)
        {
            if (data[i] != (byte)'"')
            {
                i++;
                continue;
            }

            var start = i++;
            while (i < data.Length && data[i] != (byte)'"')
            {
                i += data[i] == (byte)'\\' ? 2 : 1;
            }

            if (i >= data.Length)
            {
                break; // an unclosed string: not a token
            }

            var end = ++i;
            var next = SkipWhiteSpace(data, end);
            tokens.Add(new Token(start, end, next < data.Length && data[next] == (byte)':'));
        }

        return tokens;
    }

    /// <summary>Finds the value spans of properties (after a name and its colon): strings, numbers, literals, objects and arrays.</summary>
    public static List<Token> PropertyValues(byte[] data)
    {
        var values = new List<Token>();
        foreach (var name in Strings(data))
        {
            if (!name.IsName)
            {
                continue;
            }

            var colon = SkipWhiteSpace(data, name.End);
            var start = SkipWhiteSpace(data, colon + 1);
            if (start >= data.Length)
            {
                continue;
            }

            var end = ValueEnd(data, start);
            if (end > start)
            {
                values.Add(new Token(start, end, false) { NameStart = name.Start });
            }
        }

        return values;
    }

    /// <summary>Returns one past the end of the value that starts at <paramref name="start"/> (balancing brackets outside strings).</summary>
    public static int ValueEnd(byte[] data, int start)
    {
        var i = start;
        var depth = 0;
        while (i < data.Length)
        {
            var b = data[i];
            if (b == (byte)'"')
            {
                i++;
                while (i < data.Length && data[i] != (byte)'"')
                {
                    i += data[i] == (byte)'\\' ? 2 : 1;
                }

                i++;
                if (depth == 0)
                {
                    return System.Math.Min(i, data.Length);
                }

                continue;
            }

            if (b is (byte)'{' or (byte)'[')
            {
                depth++;
            }
            else if (b is (byte)'}' or (byte)']')
            {
                if (depth == 0)
                {
                    return i;
                }

                if (--depth == 0)
                {
                    return i + 1;
                }
            }
            else if (depth == 0 && (b is (byte)',' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            {
                return i;
            }

            i++;
        }

        return data.Length;
    }

    private static int SkipWhiteSpace(byte[] data, int i)
    {
        while (i < data.Length && data[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }

    /// <summary>A span of the input: <see cref="Start"/> inclusive, <see cref="End"/> exclusive.</summary>
    internal readonly record struct Token(int Start, int End, bool IsName)
    {
        /// <summary>Gets, for a property value, where its name's opening quote is.</summary>
        public int NameStart { get; init; } = -1;
    }
}
