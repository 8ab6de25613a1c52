using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LabelerWorkbench.Features.Export.ApiKeys;

/// <summary>
/// Authenticates <c>Authorization: Bearer lwk_…</c> (or <c>X-Api-Key</c>). Failures answer as problem details:
/// 401 with no or a bad key, never a redirect to the sign-in page.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ProjectClaim = "lw:project";
    public const string KeyClaim = "lw:api-key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = null;
        if (Request.Headers.Authorization.ToString() is { Length: > 7 } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            presented = auth[7..];
        else if (Request.Headers["X-Api-Key"].ToString() is { Length: > 0 } header)
            presented = header;
        if (presented is null) return AuthenticateResult.NoResult();
        if (await keys.VerifyAsync(presented, Context.RequestAborted) is not { } caller)
            return AuthenticateResult.Fail("The API key is malformed, unknown or revoked.");
        var claims = new List<Claim> { new(ClaimTypes.Name, caller.KeyName), new(KeyClaim, caller.KeyId.ToString()) };
        if (caller.ProjectId is { } project) claims.Add(new Claim(ProjectClaim, project.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Problem(401, Request.Headers.Authorization.Count == 0 && Request.Headers["X-Api-Key"].Count == 0
            ? "Send an API key: Authorization: Bearer lwk_…" : "The API key is malformed, unknown or revoked.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(403, "This API key may not do that.");

    Task Problem(int status, string detail) =>
        Results.Problem(detail, statusCode: status).ExecuteAsync(Context);
}

public static class ApiCallerClaims
{
    /// <summary>The project a key is scoped to; null for a key that may only create projects.</summary>
    public static int? KeyProject(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirst(ApiKeyAuthentication.ProjectClaim)?.Value, out var id) ? id : null;
}
