namespace MarketplaceLeads.Cli;

/// <summary>The process exit codes, documented in <c>docs/cli.md</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked; nothing was rejected.</summary>
    public const int Success = 0;

    /// <summary>A usage error (bad arguments) or an I/O error (a missing file, a database that cannot be opened); the message says which.</summary>
    public const int Error = 1;

    /// <summary><c>import</c> finished, but some records were rejected (each printed as <c>file:line: reason</c>).</summary>
    public const int SomeRejected = 2;
}
