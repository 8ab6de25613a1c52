using System.Security.Claims;
using System.Text.Json;
using LabelerWorkbench.Features.Export.ApiKeys;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Export;
using LabelerWorkbench.Features.Export.Webhooks;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Features.Projects.Import;
using Microsoft.EntityFrameworkCore;

namespace LabelerWorkbench.Api;

public sealed record ClassRequest(string? Name, string? Color, string? Hotkey, bool? AllowBox, bool? AllowPolygon, bool? RequiresTranscription);
public sealed record CreateProjectRequest(string? Name, string? Instructions, List<ClassRequest>? Classes);
public sealed record ServerPathRequest(string? Path, string? CallbackUrl);
public sealed record ProjectCreated(int Id, string Name);
public sealed record TaskView(int Id, string FileName, string Status, DateTime CreatedAt, DateTime? SubmittedAt, string? CallbackUrl);
public sealed record TaskPage(IReadOnlyList<TaskView> Tasks, int? NextAfter);
public sealed record QualityEventView(long Id, int CheckId, string SubjectId, string Kind, string Code, int Errors, int Opportunities, DateTime At);
public sealed record QualityEventPage(IReadOnlyList<QualityEventView> Events, long? NextAfter);

/// <summary>
/// The integration API, <c>/api/v1</c>, for scripts and pipelines: API keys only (no cookies), snake_case JSON,
/// problem details for every refusal. A key sees only its own project: any other project id is "not found".
/// Requests are checked whole before anything is written.
/// </summary>
public static class PublicApi
{
    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser())
            .DisableAntiforgery()
            .WithTags("API v1")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(404);

        v1.MapPost("/projects", CreateProject).WithSummary("Create a project with its label schema (needs a key that is not scoped to a project)")
            .Accepts<CreateProjectRequest>("application/json").Produces<ProjectCreated>(201).ProducesProblem(403);

        var project = v1.MapGroup("/projects/{projectId:int}").AddEndpointFilter(async (context, next) =>
        {
            var projectId = (int)context.HttpContext.GetRouteValue("projectId").ToInt();
            return context.HttpContext.User.KeyProject() == projectId ? await next(context) : NotFound("project");
        });
        project.MapPost("/tasks", AddTasks)
            .WithSummary("Add tasks: upload images (multipart/form-data, fields 'files' and optional 'callback_url') or name a server path (JSON)")
            .Accepts<ServerPathRequest>("application/json", "multipart/form-data").Produces<IReadOnlyList<ImportFileResult>>();
        project.MapGet("/tasks", ListTasks).WithSummary("List tasks and their status, oldest first, a page at a time").Produces<TaskPage>();
        project.MapGet("/tasks/{taskId:int}", GetTask).WithSummary("One task and its status").Produces<TaskView>();
        project.MapGet("/tasks/{taskId:int}/result", GetResult)
            .WithSummary("A completed task's accepted regions (the same body as the task.completed webhook)").Produces<TaskResult>().ProducesProblem(409);
        project.MapGet("/quality-events", ListQualityEvents).WithSummary("Quality events (errors and opportunities per check and error type)").Produces<QualityEventPage>();
        return app;
    }

    static int ToInt(this object? value) => int.TryParse(value?.ToString(), out var v) ? v : -1;

    static IResult Json(object value, int status = 200) => Results.Json(value, ExportJson.Options, statusCode: status);

    static IResult NotFound(string what) => Results.Problem($"No such {what} for this API key.", statusCode: 404);

    static IResult BadRequest(string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail, statusCode: 400, title: "The request is not valid", extensions: extensions);

    /// <summary>Reads a JSON body, or says precisely why it cannot.</summary>
    static async Task<(T? Body, IResult? Error)> ReadJsonAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType()) return (null, BadRequest("Send the body as application/json."));
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, ExportJson.Options, ct);
            return body is null ? (null, BadRequest("The body is empty or null.")) : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, BadRequest($"The body is not valid JSON for this request: {ex.Message}"));
        }
    }

    static async Task<IResult> CreateProject(HttpRequest request, ClaimsPrincipal user, ProjectAdminService projects, CancellationToken ct)
    {
        if (user.KeyProject() is not null)
            return Results.Problem("This key belongs to one project; creating projects needs a key made for that.", statusCode: 403);
        var (body, error) = await ReadJsonAsync<CreateProjectRequest>(request, ct);
        if (body is null) return error!;
        var model = new ProjectEditModel
        {
            Name = body.Name ?? "",
            Instructions = body.Instructions ?? "",
            Classes = (body.Classes ?? []).Select(c => new LabelClassInput
            {
                Name = c.Name ?? "", Color = c.Color ?? "#1e88e5", Hotkey = c.Hotkey,
                AllowBox = c.AllowBox ?? true, AllowPolygon = c.AllowPolygon ?? true, RequiresTranscription = c.RequiresTranscription ?? false,
            }).ToList(),
        };
        var (id, problems) = await projects.SaveAsync(model, ct);
        if (id is null) return BadRequest(string.Join(" ", problems), new Dictionary<string, object?> { ["problems"] = problems });
        return Json(new ProjectCreated(id.Value, model.Name.Trim()), 201);
    }

    static async Task<IResult> AddTasks(int projectId, HttpRequest request, ImportService import, WebhookUrlPolicy urls, IDbContextFactory<WorkbenchDb> dbFactory, CancellationToken ct)
    {
        var origin = new Uri($"{request.Scheme}://{request.Host}");
        if (request.HasFormContentType)
        {
            var (upload, refusal, status) = await MultipartUpload.ReadAsync(request, import.Options, ct);
            if (upload is null) return Results.Problem(refusal, statusCode: status, title: "The request is not valid");
            await using (upload)
            {
                var callback = upload.Fields.GetValueOrDefault("callback_url") is { Length: > 0 } c ? c : null;
                if (callback is not null && urls.Check(callback, origin) is { } refused) return BadRequest(refused);
                if (upload.Files.Count == 0) return BadRequest("The form holds no files (field 'files').");
                if (callback is not null) await EnsureSecretAsync(dbFactory, projectId, ct);
                return ImportAnswers.Answer(request.HttpContext.Response, await import.ImportUploadAsync(projectId, upload, ct, callback), r => Json(r));
            }
        }
        var (body, error) = await ReadJsonAsync<ServerPathRequest>(request, ct);
        if (body is null) return error!;
        if (string.IsNullOrWhiteSpace(body.Path)) return BadRequest("Give 'path': an image file or a folder on the server (under Import:AllowedFolders).");
        if (body.CallbackUrl is not null && urls.Check(body.CallbackUrl, origin) is { } refusedUrl) return BadRequest(refusedUrl);
        // A folder's images, or one image, only under the allowed import folders with every link resolved.
        var (files, pathError) = import.ListFolder(body.Path);
        if (pathError is not null) return BadRequest(pathError);
        if (body.CallbackUrl is not null) await EnsureSecretAsync(dbFactory, projectId, ct);
        var results = new List<ImportFileResult>();
        foreach (var file in files)
            results.Add(await import.ImportServerFileAsync(projectId, file, ct, body.CallbackUrl));
        return ImportAnswers.Answer(request.HttpContext.Response, results, r => Json(r));
    }

    static async Task EnsureSecretAsync(IDbContextFactory<WorkbenchDb> dbFactory, int projectId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await WebhookService.EnsureSecretAsync(db, projectId, ct);
        await db.SaveChangesAsync(ct);
    }

    static async Task<IResult> ListTasks(int projectId, string? status, int? after, int? limit, IDbContextFactory<WorkbenchDb> dbFactory, CancellationToken ct)
    {
        LabelTaskStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<LabelTaskStatus>(status.Replace("_", ""), ignoreCase: true, out var s) || !Enum.IsDefined(s))
                return BadRequest($"Unknown status '{status}'. Use one of: {string.Join(", ", Enum.GetNames<LabelTaskStatus>().Select(StatusName))}.");
            wanted = s;
        }
        var take = Math.Clamp(limit ?? 100, 1, 1000);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Tasks.AsNoTracking().Where(t => t.ProjectId == projectId && t.GoldSourceTaskId == null && t.ReplicaOfTaskId == null && t.Id > (after ?? 0));
        if (wanted is { } w) query = query.Where(t => t.Status == w);
        var tasks = await query.OrderBy(t => t.Id).Take(take + 1).ToListAsync(ct);
        var page = tasks.Take(take).Select(View).ToList();
        return Json(new TaskPage(page, tasks.Count > take ? page[^1].Id : null));
    }

    static async Task<IResult> GetTask(int projectId, int taskId, IDbContextFactory<WorkbenchDb> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId && t.ProjectId == projectId && t.GoldSourceTaskId == null && t.ReplicaOfTaskId == null, ct);
        return task is null ? NotFound("task") : Json(View(task));
    }

    static async Task<IResult> GetResult(int projectId, int taskId, IDbContextFactory<WorkbenchDb> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.Tasks.AsNoTracking().Include(t => t.Image)
            .FirstOrDefaultAsync(t => t.Id == taskId && t.ProjectId == projectId && t.GoldSourceTaskId == null && t.ReplicaOfTaskId == null, ct);
        if (task is null) return NotFound("task");
        if (task.Status != LabelTaskStatus.Accepted)
            return Results.Problem($"The task is {StatusName(task.Status.ToString())}; a result exists once it is accepted.", statusCode: 409);
        var revision = await db.Revisions.AsNoTracking().Where(r => r.TaskId == taskId).OrderByDescending(r => r.Number).FirstAsync(ct);
        var classes = await db.LabelClasses.AsNoTracking().Where(c => c.ProjectId == projectId).ToListAsync(ct);
        var schema = new LabelSchema(classes.Select(c => c.ToInfo()).ToList());
        return Json(new TaskResult(TaskResult.CompletedEvent, projectId, task.Id, task.FileName, task.ImageSha256, task.Image!.Width, task.Image.Height,
            "accepted", revision.Number, revision.SubmittedAt, RegionRecord.From(revision.Regions, schema),
            (await ConsensusRecord.ForTasksAsync(db, [taskId], schema, withReplicas: false, ct)).GetValueOrDefault(taskId)));
    }

    static async Task<IResult> ListQualityEvents(int projectId, long? after, int? limit, IDbContextFactory<WorkbenchDb> dbFactory, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? 500, 1, 5000);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.QualityEvents.AsNoTracking().Where(e => e.ProjectId == projectId && e.Id > (after ?? 0))
            .OrderBy(e => e.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).Select(e => new QualityEventView(e.Id, e.CheckId, e.SubjectId, StatusName(e.Kind.ToString()),
            ErrorCodes.Name(e.Code), e.Errors, e.Opportunities, e.At)).ToList();
        return Json(new QualityEventPage(page, rows.Count > take ? page[^1].Id : null));
    }

    static TaskView View(LabelTask t) => new(t.Id, t.FileName, StatusName(t.Status.ToString()), t.CreatedAt, t.SubmittedAt, t.CallbackUrl);

    /// <summary>"InReview" → "in_review".</summary>
    static string StatusName(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
