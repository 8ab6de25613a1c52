using System.Security.Cryptography;

namespace LabelerWorkbench.Hosting;

/// <summary>
/// Headers every response carries: no MIME sniffing (an upload or a download is only ever what its type says),
/// no framing by other sites (clickjacking), no full URLs leaked to other origins in the Referer, and a script
/// policy: scripts only from this origin, plus the one inline script the page itself writes (Blazor's import map),
/// which carries this response's nonce. Text a user typed can never become a running script even if a rendering
/// bug let markup through. Responses that set their own Content-Security-Policy (images: <c>default-src 'none'</c>)
/// keep it.
/// </summary>
public static class SecurityHeaders
{
    const string NonceKey = "lw-csp-nonce";

    /// <summary>This response's script nonce, for the page's own inline script.</summary>
    public static string ScriptNonce(this HttpContext context) =>
        context.Items[NonceKey] as string ?? throw new InvalidOperationException("UseSecurityHeaders must run before the page renders.");

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "SAMEORIGIN";
                headers["Referrer-Policy"] = "same-origin";
                if (!headers.ContainsKey("Content-Security-Policy"))
                    headers.ContentSecurityPolicy = $"script-src 'self' 'nonce-{nonce}'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'";
                return Task.CompletedTask;
            });
            await next();
        });
        return app;
    }
}
