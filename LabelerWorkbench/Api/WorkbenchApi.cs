using System.Security.Claims;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Features.Projects.Import;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Api;

public sealed record DraftEdits(List<RegionDto>? Upserts, List<Guid>? Deletes);
public sealed record LeaseResponse(int TaskId);
public sealed record SubmitResponse(int Revision, int? NextTaskId);
public sealed record RevisionView(int Number, string SubmittedBy, DateTime SubmittedAt, IReadOnlyList<RegionDto> Regions);

/// <summary>REST endpoints for the same work the pages do. Cookie-authenticated for now.</summary>
public static class WorkbenchApi
{
    public static IEndpointRouteBuilder MapWorkbenchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();

        api.MapGet("/projects", async (ClaimsPrincipal user, ProjectAdminService projects) =>
            Results.Ok(await projects.ListAsync(user.Id(), user.IsLead())));

        api.MapPost("/projects/{projectId:int}/images", ImportImages)
            .RequireAuthorization(p => p.RequireRole(Roles.Lead))
            .DisableAntiforgery();

        var labeling = api.MapGroup("").RequireAuthorization(p => p.RequireRole(Roles.Labeler));
        labeling.MapPost("/projects/{projectId:int}/lease", async (int projectId, ClaimsPrincipal user, ProjectAccess access, LabelingService labeling) =>
        {
            if (!await access.CanOpenAsync(user.Id(), false, projectId)) return NotFound("project");
            return await labeling.LeaseNextAsync(projectId, user.Id()) is { } id
                ? Results.Ok(new LeaseResponse(id))
                : Results.NoContent();
        });
        // Reading a draft renews the lease, so it writes too: every request on a task passes the task's gate.
        labeling.MapGet("/tasks/{taskId:int}/draft", async (int taskId, ClaimsPrincipal user, LabelingService labeling, TaskWriteGate gate) =>
        {
            using var _ = await gate.EnterAsync(taskId);
            var (session, _) = await labeling.OpenAsync(taskId, user.Id());
            return session is null ? NotFound("task") : Results.Ok(session.Regions.Select(RegionDto.From));
        }).AddEndpointFilter(ConflictAs409);
        labeling.MapPut("/tasks/{taskId:int}/draft", SaveDraft).AddEndpointFilter(ConflictAs409)
            .Accepts<DraftEdits>("application/json").ProducesProblem(400);
        labeling.MapPost("/tasks/{taskId:int}/submit", async (int taskId, ClaimsPrincipal user, LabelingService labeling, TaskWriteGate gate, IDbContextFactory<WorkbenchDb> dbFactory, ProjectAccess access) =>
        {
            // Outside the task's project, a missing task and someone else's read the same: nothing tells what exists.
            await using (var lookup = await dbFactory.CreateDbContextAsync())
            {
                var projectOfTask = await lookup.Tasks.Where(t => t.Id == taskId).Select(t => (int?)t.ProjectId).FirstOrDefaultAsync();
                if (projectOfTask is null || !await access.CanOpenAsync(user.Id(), user.IsLead(), projectOfTask.Value)) return NotFound("task");
            }
            SubmitResult result;
            using (await gate.EnterAsync(taskId)) result = await labeling.SubmitAsync(taskId, user.Id());
            if (!result.Ok)
                return Results.Problem(string.Join(" ", result.Problems), statusCode: 422, title: "The task cannot be submitted yet",
                    extensions: new Dictionary<string, object?> { ["problems"] = result.Problems });
            await using var db = await dbFactory.CreateDbContextAsync();
            var projectId = await db.Tasks.Where(t => t.Id == taskId).Select(t => t.ProjectId).FirstAsync();
            return Results.Ok(new SubmitResponse(result.RevisionNumber!.Value, await labeling.LeaseNextAsync(projectId, user.Id())));
        }).AddEndpointFilter(ConflictAs409);

        api.MapGet("/tasks/{taskId:int}/revisions", async (int taskId, ClaimsPrincipal user, ProjectAccess access, IDbContextFactory<WorkbenchDb> dbFactory) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId);
            if (task is null || !await access.CanOpenAsync(user.Id(), user.IsLead(), task.ProjectId)) return NotFound("task");
            var revisions = await db.Revisions.AsNoTracking().Where(r => r.TaskId == taskId).OrderBy(r => r.Number).ToListAsync();
            return Results.Ok(revisions.Select(r => new RevisionView(r.Number, r.SubmittedBy, r.SubmittedAt,
                r.Regions.Select(RegionDto.From).ToList())));
        });

        api.MapGet("/images/{sha256}", async (string sha256, ClaimsPrincipal user, ProjectAccess access, BlobStore blobs, IDbContextFactory<WorkbenchDb> dbFactory, HttpContext http) =>
        {
            sha256 = sha256.ToLowerInvariant();
            if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower) ||
                !await access.CanSeeImageAsync(user.Id(), user.IsLead(), sha256)) return NotFound("image");
            await using var db = await dbFactory.CreateDbContextAsync();
            var image = await db.Images.AsNoTracking().FirstAsync(i => i.Sha256 == sha256);
            // Served only as the image type it was decoded as, never sniffed: an upload cannot become a page.
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'";
            http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
            return Results.Stream(blobs.OpenRead(sha256), image.ContentType);
        });
        return app;
    }

    static async Task<IResult> ImportImages(int projectId, HttpRequest request, ClaimsPrincipal user, ProjectAccess access, ImportService import, CancellationToken ct)
    {
        if (!await access.CanOpenAsync(user.Id(), user.IsLead(), projectId, ct)) return NotFound("project");
        var (upload, error, status) = await MultipartUpload.ReadAsync(request, import.Options, ct);
        if (upload is null) return Results.Problem(error, statusCode: status);
        await using (upload)
        {
            if (upload.Files.Count == 0) return Results.Problem("The request holds no files.", statusCode: 400);
            return ImportAnswers.Answer(request.HttpContext.Response, await import.ImportUploadAsync(projectId, upload, ct), Results.Ok);
        }
    }

    static async Task<IResult> SaveDraft(int taskId, HttpRequest request, ClaimsPrincipal user, LabelingService labeling, TaskWriteGate gate)
    {
        var (body, malformed) = await JsonBody.ReadAsync<DraftEdits>(request, "{\"upserts\": [...], \"deletes\": [...]}");
        if (body is null) return malformed!;
        using var _ = await gate.EnterAsync(taskId);
        // The task's own holder saving (nearly every save) needs only the regions it edits: a few reads, no lease write.
        var existing = await labeling.RegionsToEditAsync(taskId, user.Id(), (body.Upserts ?? []).OfType<RegionDto>().Select(u => u.Id).ToList());
        if (existing is null)
        {
            // Anything else (a task returned to them, someone else's, a missing one) is answered as opening it would.
            var (session, _) = await labeling.OpenAsync(taskId, user.Id());
            if (session is null) return NotFound("task");
            existing = session.Regions.ToDictionary(r => r.Id);
        }
        var upserts = new List<RegionData>();
        foreach (var dto in body.Upserts ?? [])
        {
            if (dto is null) return Results.Problem("Each upsert must be a region object, not null.", statusCode: 400);
            var (region, problem) = dto.ToRegion(existing.GetValueOrDefault(dto.Id), user.Id());
            if (region is null) return Results.Problem(problem, statusCode: 400);
            upserts.Add(region);
        }
        var saved = await labeling.SaveDraftAsync(taskId, user.Id(), upserts, body.Deletes ?? []);
        return saved.Ok ? Results.NoContent() : Results.Problem(saved.Error, statusCode: saved.LeaseLost || saved.Conflict ? 409 : 400);
    }

    /// <summary>
    /// A write that lost a race with another node's write on the same task (the gate serialises only this
    /// process) is the client's to retry: 409 with the reason, not a 500.
    /// </summary>
    static async ValueTask<object?> ConflictAs409(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try { return await next(context); }
        catch (DbUpdateException)
        {
            return Results.Problem("The task was changed by another request at the same moment; reload it and try again.", statusCode: 409);
        }
    }

    static IResult NotFound(string what) => Results.Problem($"No such {what}, or it is not yours.", statusCode: 404);
}
