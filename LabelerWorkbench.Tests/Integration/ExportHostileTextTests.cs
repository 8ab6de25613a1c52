using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using LabelerWorkbench.Api;
using LabelerWorkbench.Data;
using LabelerWorkbench.Features.Demo;
using LabelerWorkbench.Features.Export;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace LabelerWorkbench.Tests.Integration;

/// <summary>
/// Hostile text entered where people enter it (project and class names, an uploaded file's name, a transcription
/// saved through the labeler's API) and read back from every export format, downloaded as a lead downloads it.
/// </summary>
public sealed class ExportHostileTextTests(WorkbenchFactory app) : IClassFixture<WorkbenchFactory>
{
    // U+2028 ends a line for YAML 1.1 and Python's splitlines; U+FFFE and U+0001 are not XML 1.0 characters.
    const string Breaks = "\u2028names: {0: pwned}\u2029\u0085\u000b\u001c";
    const string ProjectName = "Evil\u2028nc: 99 \u202E";
    const string ClassName = "Line\u2028# x\u2028download: http://x\"'\\\uFFFE\u0001";
    const string Transcription = "total\r\n# a\u2028b\uFFFE\u0001\uFFFF end 😀";
    const string FileName = "rtl\u202Egnp.exe";

    async Task<int> HostileProjectAsync()
    {
        var labeler = await app.UserIdAsync(DemoSeeder.Users[1]);
        var (id, problems) = await app.Get<ProjectAdminService>().SaveAsync(new ProjectEditModel
        {
            Name = ProjectName + Guid.NewGuid().ToString("N")[..4],
            Classes = [new LabelClassInput { Name = ClassName }, new LabelClassInput { Name = "Plain" + Breaks + "!" }],
            MemberIds = [labeler],
        });
        Assert.Empty(problems);
        return id!.Value;
    }

    async Task LabelAsync(int projectId)
    {
        var lead = await app.SignInAsync(DemoSeeder.Users[0]);
        using var form = new MultipartFormDataContent();
        var image = new ByteArrayContent(TestImages.Png(80, 60, 8801));
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(image, "files", FileName);
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsync($"/api/projects/{projectId}/images", form)).StatusCode);

        var labeler = await app.SignInAsync(DemoSeeder.Users[1]);
        var lease = await (await labeler.PostAsync($"/api/projects/{projectId}/lease", null)).Content.ReadFromJsonAsync<LeaseResponse>();
        int classId;
        await using (var db = app.Db()) classId = db.LabelClasses.Single(c => c.ProjectId == projectId && c.Name == ClassName).Id;
        var region = new { id = Guid.NewGuid(), kind = "box", classId, points = new[] { new[] { 5.0, 5 }, new[] { 40.0, 30 } }, transcription = Transcription };
        Assert.Equal(HttpStatusCode.NoContent, (await labeler.PutAsJsonAsync($"/api/tasks/{lease!.TaskId}/draft", new { upserts = new[] { region } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await labeler.PostAsync($"/api/tasks/{lease.TaskId}/submit", null)).StatusCode);
    }

    async Task<(byte[] Bytes, string FileName)> ExportAsync(int projectId, ExportFormat format)
    {
        var jobs = app.Get<ExportJobs>();
        var id = await jobs.QueueAsync(projectId, new ExportOptions(format, AcceptedOnly: false), await app.UserIdAsync(DemoSeeder.Users[0]));
        var job = await Eventually.Get(async () => await jobs.FindAsync(id) is { Status: ExportJobStatus.Done or ExportJobStatus.Failed } j ? j : null, $"export {id}");
        Assert.Equal(ExportJobStatus.Done, job.Status);
        var lead = await app.SignInAsync(DemoSeeder.Users[0]);
        var response = await lead.GetAsync($"/exports/{id}/file");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var name = response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!;
        return (await response.Content.ReadAsByteArrayAsync(), name);
    }

    static Dictionary<string, string> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        return archive.Entries.ToDictionary(e => e.FullName, e => new StreamReader(e.Open()).ReadToEnd());
    }

    static void AssertNoHiddenOrBreaking(string name)
    {
        Assert.DoesNotContain(name, c => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format || char.IsControl(c) || c is '\u2028' or '\u2029');
    }

    [Fact]
    public async Task HostileNamesAndText_LeaveEveryExportParseable_WithNoInjectedKeys_AndHonestFileNames()
    {
        var projectId = await HostileProjectAsync();
        await LabelAsync(projectId);

        // YOLO: data.yaml holds exactly its own keys, and a YAML parser reads the class names back as entered.
        var (yoloZip, yoloName) = await ExportAsync(projectId, ExportFormat.Yolo);
        AssertNoHiddenOrBreaking(yoloName);
        var yolo = Entries(yoloZip);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(yolo["data.yaml"]));
        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
        Assert.Equal(["path", "train", "val", "nc", "names"], root.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Equal("2", ((YamlScalarNode)root["nc"]).Value);
        var names = (YamlMappingNode)root["names"];
        Assert.Equal([ClassName, "Plain" + Breaks + "!"], names.Children.Values.Select(v => ((YamlScalarNode)v).Value));
        // Line-based readers (YAML 1.1, Python's splitlines) must not see a break inside a name either.
        Assert.DoesNotContain(yolo["data.yaml"], c => c is '\u2028' or '\u2029' or '\u0085' or '\u000b' or '\u001c' or '\uFFFE' or '\u0001');
        var imageEntry = Assert.Single(yolo.Keys, k => k.StartsWith("images/"));
        Assert.Equal("images/rtlgnp.exe", imageEntry);

        // VOC: every XML file parses (XDocument checks XML 1.0 characters); the bad ones are replaced, the rest kept.
        var voc = Entries((await ExportAsync(projectId, ExportFormat.Voc)).Bytes);
        var xml = XDocument.Parse(Assert.Single(voc, e => e.Key.StartsWith("Annotations/")).Value);
        Assert.Equal("Line\u2028# x\u2028download: http://x\"'\\\uFFFD\uFFFD", xml.Root!.Element("object")!.Element("name")!.Value);
        Assert.Equal("total\n# a\u2028b\uFFFD\uFFFD\uFFFD end 😀", xml.Root.Element("object")!.Element("transcription")!.Value.Replace("\r\n", "\n"));
        Assert.Equal("rtlgnp.exe", xml.Root.Element("filename")!.Value);

        // ICDAR: one region, one line, whatever the transcription holds.
        var icdar = Entries((await ExportAsync(projectId, ExportFormat.Icdar)).Bytes);
        var gt = Assert.Single(icdar, e => e.Key.StartsWith("gt/")).Value;
        Assert.Single(gt.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(gt.TrimEnd('\n', '\r'), c => char.IsControl(c) || c is '\u2028' or '\u2029');
        Assert.EndsWith(",total # a b\uFFFE \uFFFF end 😀", gt.TrimEnd('\n', '\r'));

        // COCO and JSONL: JSON that parses to the same text; JSONL keeps one record per line for any line splitter.
        using var coco = JsonDocument.Parse((await ExportAsync(projectId, ExportFormat.Coco)).Bytes);
        Assert.Equal(Transcription, coco.RootElement.GetProperty("annotations")[0].GetProperty("attributes").GetProperty("transcription").GetString());
        Assert.Equal("rtlgnp.exe", coco.RootElement.GetProperty("images")[0].GetProperty("file_name").GetString());
        var jsonl = System.Text.Encoding.UTF8.GetString((await ExportAsync(projectId, ExportFormat.Jsonl)).Bytes);
        Assert.DoesNotContain(jsonl, c => c is '\u2028' or '\u2029' or '\u0085' or '\u000b' or '\r');
        var line = Assert.Single(jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var record = JsonDocument.Parse(line);
        Assert.Equal(Transcription, record.RootElement.GetProperty("regions")[0].GetProperty("transcription").GetString());
    }
}
