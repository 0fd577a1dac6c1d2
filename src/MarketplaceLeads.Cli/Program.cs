using System;
using MarketplaceLeads.Cli;

return await LeadsCommandLine.Create(TimeProvider.System).Parse(args).InvokeAsync().ConfigureAwait(false);
