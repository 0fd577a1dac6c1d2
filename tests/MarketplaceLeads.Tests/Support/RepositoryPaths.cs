using System;
using System.IO;

namespace MarketplaceLeads.Tests.Support;

/// <summary>Finds files of the repository and of the shared documentation beside it.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>Gets the repository root (the folder holding MarketplaceLeads.sln).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>Gets the path of a documented sample in <c>../shared/docs/samples/</c>.</summary>
    public static string SharedSample(string fileName)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "docs", "samples", fileName));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The shared sample '{fileName}' was not found at '{path}'. The tests expect the shared/ folder beside the repository (../shared).",
                path);
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
