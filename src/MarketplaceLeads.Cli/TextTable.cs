using System;
using System.Collections.Generic;
using System.IO;

namespace MarketplaceLeads.Cli;

/// <summary>Writes rows as an aligned plain-text table: a header, a rule, then the rows; numeric columns right-aligned.</summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    public TextTable(params (string Header, bool RightAligned)[] columns)
    {
        _headers = Array.ConvertAll(columns, static c => c.Header);
        _rightAligned = Array.ConvertAll(columns, static c => c.RightAligned);
    }

    public int Count => _rows.Count;

    public void Add(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"A row needs {_headers.Length} cells; it has {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void Write(TextWriter writer)
    {
        var widths = new int[_headers.Length];
        for (var c = 0; c < widths.Length; c++)
        {
            widths[c] = _headers[c].Length;
            foreach (var row in _rows)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        WriteRow(writer, _headers, widths);
        var rule = new string[_headers.Length];
        for (var c = 0; c < rule.Length; c++)
        {
            rule[c] = new string('-', widths[c]);
        }

        WriteRow(writer, rule, widths);
        foreach (var row in _rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    private void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        var line = new System.Text.StringBuilder();
        for (var c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                line.Append("  ");
            }

            line.Append(_rightAligned[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
        }

        writer.WriteLine(line.ToString().TrimEnd());
    }
}
