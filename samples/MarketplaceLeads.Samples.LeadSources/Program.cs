using System;
using System.IO;

namespace MarketplaceLeads.Samples.LeadSources;

/// <summary>
/// Parses a file of marketplace <c>LeadSource</c> values and prints them typed.
/// Usage: <c>lead-sources [file]</c>; without a file it reads the embedded sample.
/// Exit codes: 0 all parsed, 1 some lines rejected, 2 the file could not be read.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 1 || (args.Length == 1 && args[0] is "-h" or "--help"))
        {
            Console.Error.WriteLine("Usage: lead-sources [file]   (without a file: the embedded sample)");
            return args.Length == 1 ? 0 : 2;
        }

        try
        {
            using var reader = args.Length == 1 ? new StreamReader(args[0]) : OpenEmbeddedSample();
            var name = args.Length == 1 ? args[0] : "embedded:lead-sources.txt";
            return LeadSourceReport.Run(reader, name, Console.Out, Console.Error);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Cannot read '{args[0]}': {ex.Message}");
            return 2;
        }
    }

    /// <summary>Opens the sample file embedded in this program.</summary>
    /// <returns>A reader over the sample.</returns>
    public static StreamReader OpenEmbeddedSample() =>
        new(typeof(Program).Assembly.GetManifestResourceStream("lead-sources.txt")
            ?? throw new InvalidOperationException("The embedded resource 'lead-sources.txt' is missing."));
}
