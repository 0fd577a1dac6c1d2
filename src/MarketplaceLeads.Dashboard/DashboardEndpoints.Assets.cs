using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace MarketplaceLeads.Dashboard;

/// <summary>The stylesheet and the script, embedded in the package: nothing is fetched from the internet at run time.</summary>
internal sealed partial class DashboardEndpoints
{
    private static readonly Lazy<byte[]> Css = new(() => Resource("dashboard.css"));
    private static readonly Lazy<byte[]> Script = new(() => Resource("dashboard.js"));

    private static async Task AssetAsync(HttpContext context)
    {
        var (body, type) = (context.Request.RouteValues["name"] as string) switch
        {
            "dashboard.css" => (Css.Value, "text/css; charset=utf-8"),
            "dashboard.js" => (Script.Value, "text/javascript; charset=utf-8"),
            _ => ((byte[]?)null, string.Empty),
        };
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = type;
        context.Response.Headers.CacheControl = "public, max-age=3600";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static byte[] Resource(string name)
    {
        using var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream("MarketplaceLeads.Dashboard." + name)
            ?? throw new InvalidOperationException($"The dashboard's embedded resource {name} is missing from the package.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
