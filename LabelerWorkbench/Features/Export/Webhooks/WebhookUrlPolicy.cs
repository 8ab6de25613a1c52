using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace LabelerWorkbench.Features.Export.Webhooks;

/// <summary>
/// Where a webhook or task callback may point. Refused: anything but absolute http(s) without credentials,
/// this server itself (its admin surface is one request away), hosts outside <see cref="WebhookOptions.AllowedHosts"/>
/// when it is set, and otherwise private, loopback and link-local addresses. Checked when a URL is given and
/// again at connect time against the addresses DNS returns, so a name cannot be re-pointed inside later.
/// </summary>
public sealed class WebhookUrlPolicy(IOptions<WebhookOptions> options, IServer server)
{
    public WebhookOptions Options => options.Value;

    /// <param name="requestOrigin">The origin the caller reached this server by, also this server.</param>
    /// <returns>Why the URL is refused, or null.</returns>
    public string? Check(string? url, Uri? requestOrigin = null)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2000 || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
            return "The callback URL must be an absolute http or https URL.";
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            return $"The callback URL's scheme '{uri.Scheme}' is not allowed; use http or https.";
        if (uri.UserInfo.Length > 0) return "The callback URL must not carry a user name or password.";
        if (IsThisServer(uri, requestOrigin)) return "The callback URL points at this server; it may not call itself.";
        if (Options.AllowedHosts.Count > 0)
            return IsListed(uri.IdnHost) ? null : $"The host '{uri.Host}' is not in the allowed hosts (setting Webhooks:AllowedHosts).";
        if (uri.IsLoopback || uri.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
            IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var ip) && !IsPublic(ip))
            return $"The host '{uri.Host}' is a private or local address; list it in Webhooks:AllowedHosts to allow it.";
        return null;
    }

    /// <summary>At connect time: may this address be reached for <paramref name="host"/>?</summary>
    public bool MayConnect(string host, IPAddress address) =>
        Options.AllowedHosts.Count > 0 ? IsListed(host) : IsPublic(address);

    bool IsListed(string host) => Options.AllowedHosts.Any(a =>
        a.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(a[1..], StringComparison.OrdinalIgnoreCase)
            : host.Equals(a, StringComparison.OrdinalIgnoreCase));

    bool IsThisServer(Uri uri, Uri? requestOrigin)
    {
        var own = (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Append(Options.PublicUrl).Append(requestOrigin?.ToString())
            .Select(a => a is not null && Uri.TryCreate(a.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var u) ? u : null)
            .OfType<Uri>();
        foreach (var o in own)
        {
            if (o.Port != uri.Port) continue;
            if (o.IdnHost.Equals(uri.IdnHost, StringComparison.OrdinalIgnoreCase)) return true;
            // Listening on a loopback or wildcard address: every local name for it is this server.
            var ownLocal = o.IsLoopback || o.Host is "0.0.0.0" or "[::]";
            if (ownLocal && (uri.IsLoopback || uri.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase))) return true;
        }
        return false;
    }

    public static bool IsPublic(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)) return false;
        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
            return !(ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal || ip.IsIPv6Multicast);
        var b = ip.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 127 || b[0] == 0 || (b[0] == 169 && b[1] == 254) || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                 || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] >= 224);
    }
}
