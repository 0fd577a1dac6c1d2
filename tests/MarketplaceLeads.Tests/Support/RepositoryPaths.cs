using System;
using System.IO;

namespace MarketplaceLeads.Tests.Support;

/// <summary>Finds files of the repository.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>Gets the repository root (the folder holding MarketplaceLeads.sln).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>Gets the path of a documented marketplace payload sample in <c>samples/payloads/</c> (origins in its README).</summary>
    public static string PayloadSample(string fileName)
    {
        var path = Path.Combine(RepositoryRoot, "samples", "payloads", fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The payload sample '{fileName}' was not found at '{path}'.", path);
        }

        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MarketplaceLeads.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"MarketplaceLeads.sln was not found above '{AppContext.BaseDirectory}'.");
    }
}
