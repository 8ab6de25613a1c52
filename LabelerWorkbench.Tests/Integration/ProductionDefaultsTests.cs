using System.Net;
using System.Text.Json;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LabelerWorkbench.Tests.Integration;

/// <summary>The app as the README's <c>dotnet run</c> starts it (Production), with two routes that fail on purpose.</summary>
public sealed class FailingProductionFactory : WorkbenchFactory
{
    public const string Secret = "secret-detail-in-/srv/private/config.json";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new FailingRoutes()));
    }

    /// <summary>Added after the app's own pipeline, so its error handling wraps them as it wraps every endpoint.</summary>
    sealed class FailingRoutes : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/api/test-failure", a => a.Run(_ => throw new InvalidOperationException(Secret)));
            app.Map("/test-failure", a => a.Run(_ => throw new InvalidOperationException(Secret)));
        };
    }
}

public sealed class ProductionDefaultsTests(FailingProductionFactory app) : IClassFixture<FailingProductionFactory>
{
    static string SourceFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LabelerWorkbench.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "LabelerWorkbench");
    }

    [Fact]
    public void DotnetRun_StartsInProduction_AndDevelopmentIsAProfileAskedForByName()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(SourceFolder(), "Properties", "launchSettings.json")));
        var profiles = settings.RootElement.GetProperty("profiles").EnumerateObject().ToList();
        // dotnet run takes the first profile.
        Assert.Equal("Production", profiles[0].Value.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
        Assert.Contains(profiles, p => p.Name == "development");
    }

    [Fact]
    public async Task InProduction_ThePagesScriptsAndStylesAreServed()
    {
        var client = app.CreateClient();
        var login = await client.GetStringAsync("/login");
        var css = System.Text.RegularExpressions.Regex.Match(login, "href=\"(_content/MudBlazor/[^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(css);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/" + css)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_framework/blazor.web.js")).StatusCode);
    }

    [Fact]
    public async Task PagesAndDownloads_ForbidSniffingAndFraming()
    {
        var lead = await app.SignInAsync(DemoSeeder.Users[0]);
        foreach (var path in new[] { "/login", "/api/projects", "/_framework/blazor.web.js" })
        {
            var response = await lead.GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Matches("frame-ancestors '(none|self)'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
    }

    [Theory]
    [InlineData("/api/test-failure", "application/problem+json")]
    [InlineData("/test-failure", "text/html")]
    public async Task AServerError_ShowsATraceId_AndNothingOfTheException_TheRequestOrTheServer(string path, string type)
    {
        var lead = await app.SignInAsync(DemoSeeder.Users[0]);
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Private-Header", "header-value-7731");
        var response = await lead.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        foreach (var leak in new[] { "secret-detail", "/srv/private", "InvalidOperationException", "   at ", ".cs:line", "header-value-7731",
                     "X-Private-Header", ".AspNetCore.Identity", "Cookie", app.DataDir, SourceFolder() })
            Assert.DoesNotContain(leak, body, StringComparison.OrdinalIgnoreCase);
        if (type == "application/problem+json")
            Assert.True(JsonDocument.Parse(body).RootElement.TryGetProperty("traceId", out _));
    }
}
