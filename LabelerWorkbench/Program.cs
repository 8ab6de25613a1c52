using LabelerWorkbench.Features.Consensus;
using LabelerWorkbench.Api;
using LabelerWorkbench.Features.Export.ApiKeys;
using LabelerWorkbench.Cli;
using LabelerWorkbench.Components;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Account;
using LabelerWorkbench.Features.Dashboard;
using LabelerWorkbench.Features.DataManager;
using LabelerWorkbench.Features.Review;
using LabelerWorkbench.Features.Comments;
using LabelerWorkbench.Live;
using LabelerWorkbench.Features.Annotate;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Export;
using LabelerWorkbench.Features.Export.Webhooks;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Features.Quality;
using LabelerWorkbench.Hosting;
using LabelerWorkbench.Cluster;
using LabelerWorkbench.Inference;
using MudBlazor.Services;

if (CommandLine.TryRun(args) is { } exitCode) return exitCode;

var builder = WebApplication.CreateBuilder(args);
// Package assets (MudBlazor, blazor.web.js) are served from the build output in every environment, so
// `dotnet run` works in Production too; a published app has them in wwwroot and this does nothing.
builder.WebHost.UseStaticWebAssets();

builder.AddWorkbenchData();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddCluster(builder.Configuration);
builder.Services.AddAccount();
builder.Services.AddApiKeys();
builder.Services.AddProjects();
builder.Services.AddAnnotate();
builder.Services.AddQuality();
builder.Services.AddInference();
builder.Services.AddDemo();
builder.Services.AddExport();
builder.Services.AddReview();
builder.Services.AddComments();
builder.Services.AddDashboard();
builder.Services.AddDataManager();
builder.Services.AddConsensus();
builder.Services.AddLive(builder.Configuration);
builder.Services.AddWebhooks(builder.Configuration);
// Snackbars at the bottom: at the top right they cover the annotate toolbar's Submit button.
builder.Services.AddMudServices(c => c.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
builder.Services.AddRazorComponents().AddInteractiveServerComponents()
    // Room for one large polygon per message; edits are still sent one at a time, never mouse moves.
    .AddHubOptions(o => o.MaximumReceiveMessageSize = 256 * 1024);
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();

var app = builder.Build();

await DataServices.MigrateAsync(app.Services);
await DemoSeeder.SeedAsync(app.Services);

app.UseWorkbenchErrors();
app.UseSecurityHeaders();
app.UseSameOriginWrites();
// A page address with no page gets the app's own 404 page (in its layout) rather than the browser's bare one. It is
// the outer of the two status-code handlers, so an API status gets its problem-details body first and is left alone.
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
// Bare error statuses from the API (415, 405 …) get a problem-details body like every other refusal.
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
app.UseAntiforgery();
app.MapStaticAssets();
app.MapHealth();
app.MapAccountEndpoints();
app.MapWorkbenchApi();
app.MapThumbnails();
app.MapPublicApi();
app.MapOpenApi();
app.MapTrainingFiles();
app.MapExportFiles();
// The whole policy (framing included) comes from UseSecurityHeaders, so Blazor does not add a second header.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

await app.RunAsync();
return 0;

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
