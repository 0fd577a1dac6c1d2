using System;
using MarketplaceLeads.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Logging;

/// <summary>Keeps the key the marketplace sends in the URL out of ASP.NET Core's own logs.</summary>
/// <remarks>
/// In the <c>Microsoft.Extensions.Logging</c> namespace, beside the framework's <c>AddFilter</c>, so that
/// <c>builder.Logging.AddMarketplaceLeadsKeyFilter()</c> needs no extra <c>using</c>.
/// </remarks>
public static class MarketplaceLeadsLoggingBuilderExtensions
{
    /// <summary>
    /// Turns off the ASP.NET Core log categories that write the request URL — where the marketplace's key is, as
    /// <c>?key=…</c> or <c>/leads/{key}</c> — whatever the configured levels: <c>Microsoft.AspNetCore.Hosting.Diagnostics</c>
    /// ("Request starting/finished …" at Information, and the <c>RequestPath</c> log scope) and
    /// <c>Microsoft.AspNetCore.Routing.Matching.DfaMatcher</c> (the request path at Debug).
    /// </summary>
    /// <param name="logging">The application's logging builder (<c>builder.Logging</c>).</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="logging"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// <para>The rules are added after configuration is read, for every logger provider named in the filter rules (such as
    /// a <c>Logging:Console:LogLevel</c> section in <c>appsettings.json</c>) and for all others, so no configured level brings
    /// those messages back. It applies to the whole application: its other endpoints lose ASP.NET Core's request
    /// start/finish messages and the <c>RequestId</c>/<c>RequestPath</c> scope too (trace and span ids stay, from the
    /// host's activity tracking). Calling it twice adds the rules once.</para>
    /// <para>It does not cover HTTP logging middleware (<c>UseHttpLogging</c>, <c>UseW3CLogging</c>) or a reverse proxy's
    /// access log: see the package's documentation.</para>
    /// </remarks>
    public static ILoggingBuilder AddMarketplaceLeadsKeyFilter(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<LoggerFilterOptions>, KeyLogFilter>());
        return logging;
    }
}
