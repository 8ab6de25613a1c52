using System.Security.Claims;
using LabelerWorkbench.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LabelerWorkbench.Features.Account;

public sealed record LoginRequest(string Email, string Password);

public static class AccountServices
{
    public static IServiceCollection AddAccount(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PasswordSignIn>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddAuthorization();
        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WorkbenchDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // API callers get status codes, not a redirect to an HTML page.
            o.Events.OnRedirectToLogin = ctx => Answer(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Answer(ctx, StatusCodes.Status403Forbidden);
        });
        return services;
    }

    static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = status;
        else ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // The sign-in form is a Blazor page; this JSON sign-in serves scripts and tests.
        app.MapPost("/api/auth/login", async (LoginRequest body, PasswordSignIn passwords, HttpContext http) =>
        {
            if (string.IsNullOrWhiteSpace(body?.Email) || string.IsNullOrEmpty(body.Password))
                return Results.Problem("Email and password are required.", statusCode: 400);
            return await passwords.SignInAsync(body.Email, body.Password, http.Connection.RemoteIpAddress, persistent: false) switch
            {
                SignInOutcome.SignedIn => Results.NoContent(),
                SignInOutcome.LockedOut => Results.Problem("Too many failed attempts; try again later.", statusCode: 429),
                SignInOutcome.Throttled => Results.Problem("Too many failed sign-ins from this address; try again in a quarter of an hour.", statusCode: 429),
                _ => Results.Problem("Wrong email or password.", statusCode: 401),
            };
        }).DisableAntiforgery();

        app.MapPost("/account/logout", async (ClaimsPrincipal _, SignInManager<AppUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        });
        return app;
    }
}
