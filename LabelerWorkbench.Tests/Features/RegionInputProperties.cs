using System.Net;
using System.Net.Http.Json;
using CsCheck;
using LabelerWorkbench.Api;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Tests.Infrastructure;

namespace LabelerWorkbench.Tests.Features;

/// <summary>
/// Random region payloads, hostile numbers and strings included, against the rules every edit passes and against the
/// draft API itself: nothing throws, nothing answers 500, and whatever is accepted is a valid region.
/// </summary>
public class RegionInputProperties(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    private const int Width = 640, Height = 480;

    private static Gen<T> Pick<T>(params T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static readonly LabelSchema Schema = new([
        new LabelClassInfo(1, "Box only", "#f00", "1", AllowBox: true, AllowPolygon: false, RequiresTranscription: false),
        new LabelClassInfo(2, "Text", "#0f0", "2", AllowBox: true, AllowPolygon: true, RequiresTranscription: true),
    ]);

    private static readonly Gen<double> Coordinate = Gen.OneOf(
        Gen.Double[-10, Width + 10], Gen.Int[0, Width].Select(i => (double)i),
        Pick(double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.Epsilon, 1e308, -0.0));

    private static readonly Gen<double[]?> Pair = Gen.Frequency(
        (20, Gen.Select(Coordinate, Coordinate, (x, y) => (double[]?)[x, y])),
        (1, Gen.Const((double[]?)null)),
        (1, Coordinate.Array[0, 3].Select(a => (double[]?)a)));

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String, Gen.Char.Array[0, 40].Select(c => new string(c)),
        Pick("", "\u202Egnp.exe", "<script>alert(1)</script>", "\0\uFFFE\uD800", new string('x', 10_001), "a\u2028b"));

    private static readonly Gen<RegionDto> Dto = Gen.Select(
        Gen.Frequency((10, Gen.Guid), (1, Gen.Const(Guid.Empty))),
        Pick("box", "polygon", "circle", "", "BOX"),
        Gen.Frequency((6, Gen.Int[1, 2].Select(i => (int?)i)), (1, Gen.Const((int?)null)), (1, Gen.Int.Select(i => (int?)i))),
        Pair.Array[0, 8],
        Gen.Frequency((5, Text.Select(t => (string?)t)), (1, Gen.Const((string?)null))),
        (id, kind, cls, points, text) => new RegionDto(id, kind, cls, points!, text));

    [Fact]
    public void AnyPayload_IsReadAndCheckedWithoutThrowing_AndWhatPassesIsAValidRegion()
    {
        Dto.Sample(dto =>
        {
            var (region, error) = dto.ToRegion(null, "labeler");
            if (region is null) { Assert.False(string.IsNullOrEmpty(error)); return; }
            if (RegionRules.CheckEdit(region, Width, Height, Schema) is not null) return;
            Assert.NotEqual(Guid.Empty, region.Id);
            Assert.All(region.Points, p => Assert.True(p.IsFinite && p.X >= -2 && p.Y >= -2 && p.X <= Width + 2 && p.Y <= Height + 2));
            Assert.True(region.Transcription.Length <= RegionRules.MaxTranscriptionLength);
            if (region.Kind == GeometryKind.Box)
            {
                Assert.Equal(2, region.Points.Count);
                Assert.True(region.Points[0].X <= region.Points[1].X && region.Points[0].Y <= region.Points[1].Y, "a box is stored top-left first");
            }
            else Assert.InRange(region.Points.Count, 3, RegionRules.MaxPolygonVertices);
            if (region.ClassId is { } c) Assert.True(Schema.Find(c)!.Allows(region.Kind));
        }, iter: 5_000);
    }

    private static readonly System.Text.Json.JsonSerializerOptions NamedFloats = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    [Fact]
    public async Task RandomDraftBodies_NeverBreakTheServer_AndTheStoredDraftStaysValid()
    {
        var labeler = await app.SignInAsync(DemoSeeder.Users[1]);
        var taskId = (await (await labeler.PostAsync($"/api/projects/{app.DemoProjectId()}/lease", null)).Content.ReadFromJsonAsync<LeaseResponse>())!.TaskId;
        var bodies = Gen.OneOf(
            // NaN and infinities go out as "NaN" and "Infinity" strings, a client's way of sending them.
            Dto.Array[0, 4].Select(d => System.Text.Json.JsonSerializer.Serialize(new { upserts = d, deletes = Array.Empty<Guid>() }, NamedFloats)),
            Gen.String.Select(s => s),
            Pick("null", "[]", "{}", "{\"upserts\":null}", "{\"upserts\":[{}]}", "{\"upserts\":[null]}", "{\"upserts\":[{\"points\":[[1e999,0]]}]}", "{\"deletes\":[\"x\"]}"));
        var statuses = new List<HttpStatusCode>();
        foreach (var body in bodies.Array[60].Single())
        {
            var response = await labeler.PutAsync($"/api/tasks/{taskId}/draft", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {body[..Math.Min(200, body.Length)]}");
            statuses.Add(response.StatusCode);
        }
        Assert.Contains(HttpStatusCode.BadRequest, statuses);

        // The draft that remains is one the rules accept, region by region.
        var draft = await labeler.GetFromJsonAsync<List<RegionDto>>($"/api/tasks/{taskId}/draft");
        var schema = await app.Get<LabelerWorkbench.Features.Projects.ProjectAccess>().SchemaAsync(app.DemoProjectId());
        await using var db = app.Db();
        var image = db.Tasks.Where(t => t.Id == taskId).Select(t => t.Image!).Single();
        Assert.All(draft!, d => Assert.Null(RegionRules.CheckEdit(d.ToRegion(null, "x").Region!, image.Width, image.Height, schema)));
    }
}
