using System.Net;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.DataManager;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Features.Projects.Import;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace LabelerWorkbench.Tests.Features.DataManager;

/// <summary>The grid's thumbnails: a small JPEG, cached on disk, guarded like the full image.</summary>
public class ThumbnailTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    async Task<string> ImportAsync(int projectId, int width, int height)
    {
        var imported = await app.Get<ImportService>().ImportAsync(projectId, "wide.png", new MemoryStream(TestImages.Png(width, height, Random.Shared.Next())));
        await using var db = app.Db();
        return (await db.Tasks.SingleAsync(t => t.Id == imported.TaskId)).ImageSha256;
    }

    [Fact]
    public async Task Lead_GetsASmallJpeg_Nosniff_ThenTheCachedFile()
    {
        var sha = await ImportAsync(app.DemoProjectId(), 400, 300);
        var lead = await app.SignInAsync(DemoSeeder.Users[0]);

        var response = await lead.GetAsync($"/api/images/{sha}/thumbnail");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        using (var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal((Thumbnails.Size, 72), (bitmap.Width, bitmap.Height));
        }
        var cached = app.Get<Thumbnails>().PathOf(sha);
        Assert.True(File.Exists(cached));
        Assert.StartsWith(app.DataDir, cached);

        // The second request is served from the file, not made again: a marker written there comes back.
        byte[] marker;
        using (var tiny = new SKBitmap(3, 2)) using (var data = tiny.Encode(SKEncodedImageFormat.Jpeg, 50)) marker = data.ToArray();
        await File.WriteAllBytesAsync(cached, marker);
        Assert.Equal(marker, await lead.GetByteArrayAsync($"/api/images/{sha}/thumbnail"));
    }

    [Fact]
    public async Task WhileTheDecodeBudgetIsSpent_TheAnswerIsBusyRetry_ThenTheThumbnail()
    {
        var sha = await ImportAsync(app.DemoProjectId(), 300, 200);
        var lead = await app.SignInAsync(DemoSeeder.Users[0]);
        var budget = app.Get<DecodeBudget>();
        using (await budget.TryReserveAsync(budget.Capacity))
        {
            var busy = await lead.GetAsync($"/api/images/{sha}/thumbnail");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal("1", busy.Headers.GetValues("Retry-After").Single());
        }
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/api/images/{sha}/thumbnail")).StatusCode);
    }

    [Fact]
    public async Task OnlyMembersOfAProjectHoldingTheImage_GetIt()
    {
        var (secret, _) = await app.Get<ProjectAdminService>().SaveAsync(new ProjectEditModel { Name = $"Thumbs {Guid.NewGuid():N}", Classes = [new() { Name = "Text" }] });
        var sha = await ImportAsync(secret!.Value, 200, 100);

        var labeler = await app.SignInAsync(DemoSeeder.Users[1]);
        var refused = await labeler.GetAsync($"/api/images/{sha}/thumbnail");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        // The same answer as the full image gives, and nothing was made for the refused request.
        Assert.Equal(HttpStatusCode.NotFound, (await labeler.GetAsync($"/api/images/{sha}")).StatusCode);
        Assert.False(File.Exists(app.Get<Thumbnails>().PathOf(sha)));
        Assert.Equal(HttpStatusCode.NotFound, (await labeler.GetAsync("/api/images/..%2F..%2Fetc%2Fpasswd/thumbnail")).StatusCode);

        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/images/{sha}/thumbnail")).StatusCode);

        // Once the labeler belongs to the project, the thumbnail is theirs to see.
        await using (var db = app.Db())
        {
            db.ProjectMembers.Add(new ProjectMember { ProjectId = secret.Value, UserId = await app.UserIdAsync(DemoSeeder.Users[1]) });
            await db.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.OK, (await labeler.GetAsync($"/api/images/{sha}/thumbnail")).StatusCode);
    }
}
