namespace LabelerWorkbench.Hosting;

/// <summary>
/// Cookie-authenticated writes come from this site's own pages only: a POST, PUT, PATCH or DELETE whose
/// <c>Origin</c> (or, without one, <c>Sec-Fetch-Site</c>) names another site is refused with 403 before it reaches an
/// endpoint. SameSite=Lax cookies already stop most cross-site requests; this holds where Lax does not (a top-level
/// POST within two minutes of sign-in in some browsers, sibling subdomains). The API-key API (<c>/api/v1</c>) carries
/// no cookie and is left to its keys.
/// </summary>
public static class SameOriginWrites
{
    public static WebApplication UseSameOriginWrites(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (IsWrite(request.Method) && !request.Path.StartsWithSegments("/api/v1") && IsCrossSite(request))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new { title = "Cross-site request refused", status = 403,
                    detail = "Changes may only be made from this site's own pages." });
                return;
            }
            await next();
        });
        return app;
    }

    static bool IsWrite(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    static bool IsCrossSite(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
            // Host and port only: behind a proxy that ends HTTPS the request's own scheme may read http.
            return origin == "null" || !Uri.TryCreate(origin, UriKind.Absolute, out var o) ||
                   !string.Equals(o.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
        return request.Headers["Sec-Fetch-Site"].ToString() == "cross-site";
    }
}
