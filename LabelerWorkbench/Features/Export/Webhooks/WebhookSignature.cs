using System.Security.Cryptography;
using System.Text;

namespace LabelerWorkbench.Features.Export.Webhooks;

/// <summary>
/// <c>X-Workbench-Signature: sha256=HEX</c>, the HMAC-SHA256 of the exact body bytes under the project's secret.
/// A receiver recomputes it over the raw body and compares in constant time.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Workbench-Signature";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(header));

    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
