using System;
using System.CommandLine;
using System.IO;

namespace MarketplaceLeads.Cli;

/// <summary>What a command runs with: its output and error writers and its clock (the <c>--now</c> value when given).</summary>
internal sealed class CliContext
{
    private CliContext(TextWriter output, TextWriter error, TimeProvider time, bool errorIsTerminal)
    {
        Output = output;
        Error = error;
        Time = time;
        ErrorIsTerminal = errorIsTerminal;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public TimeProvider Time { get; }

    /// <summary>Gets a value indicating whether the error writer is the console's and the console's error stream is a terminal (progress is shown only then).</summary>
    public bool ErrorIsTerminal { get; }

    public static CliContext From(ParseResult parseResult, CommonOptions options, TimeProvider time)
    {
        var configuration = parseResult.InvocationConfiguration;
        var error = configuration.Error;
        var now = parseResult.GetValue(options.Now);
        return new CliContext(
            configuration.Output,
            error,
            now is { } fixedNow ? new FixedTimeProvider(fixedNow) : time,
            ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected);
    }

    /// <summary>Prints <c>error: message</c> on the error writer and returns <see cref="ExitCodes.Error"/>.</summary>
    public int Fail(string message)
    {
        Error.WriteLine("error: " + message);
        return ExitCodes.Error;
    }
}
