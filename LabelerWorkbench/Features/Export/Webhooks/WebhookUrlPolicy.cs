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
        if (uri.IsLoopback || IsLocalName(uri.IdnHost) ||
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
            if (ownLocal && (uri.IsLoopback || IsLocalName(uri.IdnHost))) return true;
        }
        return false;
    }

    /// <summary>"localhost", any name under it (RFC 6761), with or without the root's trailing dot ("localhost.").</summary>
    public static bool IsLocalName(string host)
    {
        var name = host.TrimEnd('.');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsPublic(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)) return false;
        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal || ip.IsIPv6Multicast || ip.IsIPv6Teredo) return false;
            // Transition forms carry an IPv4 address inside; it decides: NAT64 (64:ff9b::/96), 6to4 (2002::/16),
            // IPv4-compatible (::a.b.c.d).
            var v6 = ip.GetAddressBytes();
            if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b && v6[4..12].All(x => x == 0)) return IsPublic(new IPAddress(v6[12..16]));
            if (v6[0] == 0x20 && v6[1] == 0x02) return IsPublic(new IPAddress(v6[2..6]));
            if (v6[..12].All(x => x == 0)) return IsPublic(new IPAddress(v6[12..16]));
            return true;
        }
        var b = ip.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 127 || b[0] == 0 || (b[0] == 169 && b[1] == 254) || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                 || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] >= 224
                 // Benchmarking (198.18.0.0/15), IETF protocol assignments (192.0.0.0/24) and the documentation ranges.
                 || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) || (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2))
                 || (b[0] == 198 && b[1] == 51 && b[2] == 100) || (b[0] == 203 && b[1] == 0 && b[2] == 113));
    }
}
