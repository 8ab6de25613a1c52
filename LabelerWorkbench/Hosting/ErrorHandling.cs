namespace LabelerWorkbench.Hosting;

/// <summary>
/// What a failure shows. Outside Development (the default, also for <c>dotnet run</c>) an unhandled exception
/// answers with a bare problem-details body (API) or the friendly error page, both carrying only a trace id:
/// no stack trace, source path, header or cookie. The developer page appears only with the Development
/// environment, asked for by name (<c>--launch-profile development</c>).
/// </summary>
public static class ErrorHandling
{
    public static WebApplication UseWorkbenchErrors(this WebApplication app)
    {
        if (app.Environment.IsDevelopment()) return app;
        // Pages: the friendly error page. It must be registered on the app itself, not in a branch, so that the
        // re-executed request is routed again.
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        // The API, caught first: problem details from AddProblemDetails (title, status, trace id), nothing of the exception.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseExceptionHandler());
        return app;
    }
}
