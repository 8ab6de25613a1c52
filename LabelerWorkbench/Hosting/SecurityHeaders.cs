namespace LabelerWorkbench.Hosting;

/// <summary>
/// Headers every response carries: no MIME sniffing (an upload or a download is only ever what its type says),
/// no framing by other sites (clickjacking; Blazor's own policy allows the same origin), and no full URLs leaked to other origins in the Referer. Responses
/// that set their own Content-Security-Policy (images: <c>default-src 'none'</c>) keep it.
/// </summary>
public static class SecurityHeaders
{
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "SAMEORIGIN";
                headers["Referrer-Policy"] = "same-origin";
                if (!headers.ContainsKey("Content-Security-Policy"))
                    headers.ContentSecurityPolicy = "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'";
                return Task.CompletedTask;
            });
            await next();
        });
        return app;
    }
}
