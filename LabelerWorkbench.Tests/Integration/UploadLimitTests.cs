using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Projects.Import;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LabelerWorkbench.Tests.Integration;

/// <summary>The app on a real Kestrel port (its request limits are Kestrel's), with a 40 MB file limit and a 100 MB request limit.</summary>
public sealed class KestrelUploadFactory : WorkbenchFactory
{
    public string BaseUrl { get; }

    public KestrelUploadFactory()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        UseKestrel(port);
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Import:MaxFileBytes", (40 * 1024 * 1024).ToString());
        builder.UseSetting("Import:MaxRequestBytes", (100 * 1024 * 1024).ToString());
    }

    public async Task<HttpClient> SignInOverHttpAsync(DemoUser user)
    {
        StartServer();
        // A client that waits for the server's answer to "Expect: 100-continue" as long as a busy machine needs (the
        // default second would send a refused body anyway and read a broken pipe instead of the 413).
        var handler = new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), Expect100ContinueTimeout = TimeSpan.FromSeconds(60) };
        var client = new HttpClient(handler) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(3) };
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password });
        Assert.True(response.IsSuccessStatusCode);
        return client;
    }
}

public sealed class UploadLimitTests(KestrelUploadFactory app) : IClassFixture<KestrelUploadFactory>
{
    static void Add(MultipartFormDataContent form, byte[] bytes, string name)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(content, "files", name);
    }

    [Fact]
    public async Task AFileOverKestrelsDefault_IsRead_AndAFileOverTheLimit_IsRefusedAlone_TheRestImported()
    {
        var lead = await app.SignInOverHttpAsync(DemoSeeder.Users[0]);
        using var form = new MultipartFormDataContent();
        Add(form, TestImages.Png(50, 40, 7201), "before.png");
        Add(form, new byte[35 * 1024 * 1024], "35mb.png");   // over Kestrel's 30 MB default, under the 40 MB setting
        Add(form, new byte[45 * 1024 * 1024], "45mb.png");   // over the setting
        Add(form, TestImages.Png(50, 40, 7202), "after.png");
        var response = await lead.PostAsync($"/api/projects/{app.DemoProjectId()}/images", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<List<ImportFileResult>>())!;
        Assert.Equal(["before.png", "35mb.png", "45mb.png", "after.png"], results.Select(r => r.FileName));
        Assert.Equal([ImportOutcome.Imported, ImportOutcome.Refused, ImportOutcome.Refused, ImportOutcome.Imported], results.Select(r => r.Outcome));
        Assert.Contains("Not an image", results[1].Message);   // read whole and judged on its content
        Assert.Contains("larger than the 40 MB limit", results[2].Message);
        // Each file was checked from a staged copy on disk; none is left behind, kept or refused.
        var staging = Path.Combine(app.Services.GetRequiredService<LabelerWorkbench.Data.DataPaths>().Images, "staging");
        Assert.Empty(Directory.Exists(staging) ? Directory.GetFiles(staging) : []);
        // The outcome reads as a word in the JSON, not as an enum's number.
        Assert.Contains("\"outcome\":\"Imported\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ARequestOverTheRequestLimit_Gets413_WithTheSettingNamed()
    {
        var lead = await app.SignInOverHttpAsync(DemoSeeder.Users[0]);
        using var form = new MultipartFormDataContent();
        for (var i = 0; i < 3; i++) Add(form, new byte[39 * 1024 * 1024], $"part{i}.png");
        // As curl does for a large body: the client waits for the server's go-ahead, so the refusal arrives before the bytes.
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{app.DemoProjectId()}/images") { Content = form };
        request.Headers.ExpectContinue = true;
        var response = await lead.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Import:MaxRequestBytes", await response.Content.ReadAsStringAsync());
    }
}
