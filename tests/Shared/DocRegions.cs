using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MarketplaceLeads.Testing.Fuzzing;

namespace MarketplaceLeads.Testing;

/// <summary>Keeps a docs page's code block equal to the test code that runs it: the lines between <c>// DOCS:&lt;name&gt;</c> and <c>// DOCS:end</c> in a test file.</summary>
internal static class DocRegions
{
    /// <summary>Returns the region's code, its common indentation removed, each line ending in <c>\n</c>.</summary>
    /// <param name="testFile">The test file, relative to the repository root.</param>
    /// <param name="name">The region's name.</param>
    public static string Code(string testFile, string name)
    {
        var self = File.ReadAllText(Path.Combine(FuzzCorpus.RepositoryRoot, testFile)).ReplaceLineEndings("\n");
        var region = Regex.Match(self, @"// DOCS:" + Regex.Escape(name) + @"\n(?<code>.*?)^[ ]*// DOCS:end", RegexOptions.Singleline | RegexOptions.Multiline);
        if (!region.Success)
        {
            throw new InvalidOperationException($"{testFile} has no DOCS:{name} region.");
        }

        var lines = region.Groups["code"].Value.Split('\n')[..^1];
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Concat(lines.Select(l => (l.Length >= indent ? l[indent..] : l.TrimStart()) + "\n"));
    }

    /// <summary>Whether a docs page (relative to the repository root) has a <c>```csharp</c> block equal to the region.</summary>
    public static bool PageShows(string page, string testFile, string name) =>
        File.ReadAllText(Path.Combine(FuzzCorpus.RepositoryRoot, page)).ReplaceLineEndings("\n").Contains("```csharp\n" + Code(testFile, name) + "```\n", StringComparison.Ordinal);
}
