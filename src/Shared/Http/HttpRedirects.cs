using System.Net.Http;

namespace MarketplaceLeads.Internal;

/// <summary>
/// Turns automatic redirects off on an <c>IHttpClientFactory</c> primary handler (a POST or PATCH redirected as a GET loses its body,
/// and a redirect could carry a token to another host). Compiled into each package that sends leads over HTTP (src/Shared/Http).
/// </summary>
internal static class HttpRedirects
{
    /// <summary>Sets <c>AllowAutoRedirect = false</c> on a <see cref="SocketsHttpHandler"/> or <see cref="HttpClientHandler"/>; other handlers are left as they are.</summary>
    /// <param name="handler">The primary handler.</param>
    public static void Disable(HttpMessageHandler handler)
    {
        switch (handler)
        {
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
            case HttpClientHandler client:
                client.AllowAutoRedirect = false;
                break;
        }
    }
}
