using System;
using MarketplaceLeads.Cli;

var parseResult = LeadsCommandLine.Create(TimeProvider.System).Parse(args);
return await parseResult.InvokeAsync(ServeCommand.InvocationFor(parseResult)).ConfigureAwait(false);

/// <summary>The entry point (declared so that the ASP.NET Core generator, which <c>serve</c> brings in, does not make it public).</summary>
internal sealed partial class Program;
