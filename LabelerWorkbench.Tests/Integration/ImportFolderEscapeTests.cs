using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LabelerWorkbench.Features.Export.ApiKeys;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Tests.Integration;

/// <summary>
/// Server-folder import through the public API with symbolic links inside the import folder that lead outside:
/// nothing outside is imported, whichever part of the path is the link, and a refusal reads the same whether the
/// place outside exists or not.
/// </summary>
public sealed class ImportFolderEscapeTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>, IDisposable
{
    readonly string outside = Path.Combine(Path.GetTempPath(), "lw-outside-" + Guid.NewGuid().ToString("N"));
    string Import => Path.Combine(app.DataDir, "import");

    async Task<HttpClient> ClientAsync()
    {
        var (key, _) = await app.Get<ApiKeyService>().CreateAsync(app.DemoProjectId(), "escape tests", "lead");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>import/ holds one real image and links out: a folder link, a file link, and a link to a link.</summary>
    void LayOut()
    {
        Directory.CreateDirectory(Path.Combine(outside, "sub"));
        File.WriteAllBytes(Path.Combine(outside, "secret.png"), TestImages.Png(30, 30, 9101));
        File.WriteAllBytes(Path.Combine(outside, "sub", "inner.png"), TestImages.Png(30, 30, 9102));
        Directory.CreateDirectory(Path.Combine(Import, "inside"));
        File.WriteAllBytes(Path.Combine(Import, "inside", "good.png"), TestImages.Png(30, 30, 9103));
        Directory.CreateSymbolicLink(Path.Combine(Import, "outlink"), outside);
        File.CreateSymbolicLink(Path.Combine(Import, "inside", "filelink.png"), Path.Combine(outside, "secret.png"));
        // A relative link that climbs out, and a link to that link: every hop must be followed.
        var up = string.Join('/', Enumerable.Repeat("..", Import.Count(c => c == '/'))) + outside;
        Directory.CreateSymbolicLink(Path.Combine(Import, "relative"), up);
        Directory.CreateSymbolicLink(Path.Combine(Import, "chain"), Path.Combine(Import, "relative"));
        // A loop inside is walked once, not for ever.
        Directory.CreateSymbolicLink(Path.Combine(Import, "inside", "loop"), Path.Combine(Import, "inside"));
    }

    static async Task<string> RefusalAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("detail").GetString()!;
    }

    [Fact]
    public async Task LinksOutOfTheImportFolder_AreRefusedOrSkipped_AndNothingOutsideIsImported()
    {
        LayOut();
        var client = await ClientAsync();
        var url = $"/api/v1/projects/{app.DemoProjectId()}/tasks";
        Task<HttpResponseMessage> Post(params string[] parts) => client.PostAsJsonAsync(url, new { path = Path.Combine([Import, .. parts]) });

        var refusals = new List<string>();
        foreach (var path in new[] { new[] { "outlink", "sub" }, ["outlink", "secret.png"], ["outlink"], ["inside", "filelink.png"],
                     ["relative", "sub"], ["chain", "sub", "inner.png"], ["outlink", "no-such-folder"], ["outlink", "no-such.png"] })
            refusals.Add(await RefusalAsync(await Post(path)));
        Assert.All(refusals, r => Assert.Contains("may only come from", r));
        // The same words for what exists outside and what does not: the refusal tells nothing about the outside.
        Assert.Single(refusals.Distinct());
        Assert.DoesNotContain(outside, refusals[0]);

        // The whole import folder: the walk takes the real image and follows no link out.
        var walk = await Post();
        Assert.Equal(HttpStatusCode.OK, walk.StatusCode);
        using var results = JsonDocument.Parse(await walk.Content.ReadAsStringAsync());
        Assert.Equal(["good.png"], results.RootElement.EnumerateArray().Select(r => r.GetProperty("file_name").GetString()));

        await using var db = app.Db();
        Assert.False(await db.Tasks.AnyAsync(t => t.FileName == "secret.png" || t.FileName == "inner.png" || t.FileName == "filelink.png"));
    }

    [Fact]
    public void AFileSwappedForALinkAfterListing_IsNotOpened()
    {
        var folder = Path.Combine(Import, "swap");
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(outside);
        var file = Path.Combine(folder, "later.png");
        File.WriteAllBytes(file, TestImages.Png(20, 20, 9104));
        File.WriteAllBytes(Path.Combine(outside, "target.png"), TestImages.Png(20, 20, 9105));
        var folders = app.Get<LabelerWorkbench.Features.Projects.Import.ImportService>().Folders;
        Assert.Equal([file], folders.List(folder).Files);

        File.Delete(file);
        File.CreateSymbolicLink(file, Path.Combine(outside, "target.png"));
        Assert.Null(folders.OpenRead(file));
    }

    public void Dispose()
    {
        try { Directory.Delete(outside, recursive: true); } catch (IOException) { }
    }
}
