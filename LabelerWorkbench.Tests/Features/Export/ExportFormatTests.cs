using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using LabelerWorkbench.Features.Editor.Document;
using LabelerWorkbench.Features.Export;
using LabelerWorkbench.Features.Export.Formats;
using static LabelerWorkbench.Tests.Features.Export.MemoryExportSource;

namespace LabelerWorkbench.Tests.Features.Export;

/// <summary>Each format is written and read back; the values that matter are checked against numbers worked out by hand.</summary>
public class ExportFormatTests
{
    // Image 1 (200 × 100): a box 10,20 → 60,70 of class 7 ("Hello, world"), and a right triangle of class 9 with no text.
    // Image 2 (400 × 300), a hostile name: a five-point polygon of class 7, and a region with no class.
    static readonly RegionData HelloBox = Box(10, 20, 50, 50, 7, "Hello, world");
    static readonly RegionData Triangle = Polygon(9, "", (100, 10), (180, 10), (100, 90));
    static readonly RegionData Pentagon = Polygon(7, "line\r\nbreak", (50, 50), (150, 40), (160, 100), (100, 130), (40, 100));
    static readonly RegionData NoClass = Box(1, 1, 5, 5, null, "stray");

    static MemoryExportSource Source() => new(TwoClasses, 2, i => i == 0
        ? Item(1, "receipt.png", 200, 100, HelloBox, Triangle)
        : Item(2, "../../etc/evil<1>.png", 400, 300, Pentagon, NoClass));

    static async Task<byte[]> WriteAsync(ExportFormat format, IExportSource source)
    {
        using var output = new MemoryStream();
        await Exporter.WriterFor(format).WriteAsync(source, output, new SyncProgress<int>(_ => { }), default);
        return output.ToArray();
    }

    static Dictionary<string, string> Entries(byte[] zipBytes)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e => new StreamReader(e.Open()).ReadToEnd());
    }

    [Fact]
    public async Task Coco_HasCategoriesFromTheSchema_AndHandComputedBoxesAreasAndPolygons()
    {
        using var doc = JsonDocument.Parse(await WriteAsync(ExportFormat.Coco, Source()));
        var root = doc.RootElement;
        var categories = root.GetProperty("categories").EnumerateArray().Select(c => (c.GetProperty("id").GetInt32(), c.GetProperty("name").GetString())).ToList();
        Assert.Equal([(1, "Text line"), (2, "Price \"€\" <b>")], categories);
        var images = root.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(["receipt.png", "evil_1_.png"], images.Select(i => i.GetProperty("file_name").GetString()));
        Assert.Equal(200, images[0].GetProperty("width").GetInt32());

        var annotations = root.GetProperty("annotations").EnumerateArray().ToList();
        Assert.Equal(3, annotations.Count); // the region with no class has no category
        var box = annotations[0];
        Assert.Equal(1, box.GetProperty("image_id").GetInt32());
        Assert.Equal(1, box.GetProperty("category_id").GetInt32());
        Assert.Equal([10d, 20, 50, 50], box.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(2500, box.GetProperty("area").GetDouble());
        Assert.Equal(0, box.GetProperty("iscrowd").GetInt32());
        Assert.Equal([10d, 20, 60, 20, 60, 70, 10, 70], box.GetProperty("segmentation")[0].EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("Hello, world", box.GetProperty("attributes").GetProperty("transcription").GetString());

        var triangle = annotations[1];
        Assert.Equal(2, triangle.GetProperty("category_id").GetInt32());
        Assert.Equal(3200, triangle.GetProperty("area").GetDouble()); // 80 × 80 / 2
        Assert.Equal([100d, 10, 80, 80], triangle.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()));
        // Shoelace by hand: (50,50) (150,40) (160,100) (100,130) (40,100): (-5500 + 8600 + 10800 + 4800 - 3000) / 2 = 7,850.
        Assert.Equal(7850, annotations[2].GetProperty("area").GetDouble());
        Assert.Equal(2, annotations[2].GetProperty("image_id").GetInt32());
    }

    [Fact]
    public async Task Yolo_NormalisesBoxCentresAndSizes_AndNamesClassesByIndexInDataYaml()
    {
        var entries = Entries(await WriteAsync(ExportFormat.Yolo, Source()));
        Assert.Contains("images/receipt.png", entries.Keys);
        Assert.Contains("images/evil_1_.png", entries.Keys);
        // Box 10,20 50×50 in 200×100: centre (35/200, 45/100), size (50/200, 50/100).
        // Triangle's bounds 100,10 80×80: centre (140/200, 50/100), size (80/200, 80/100).
        Assert.Equal(["0 0.175 0.45 0.25 0.5", "1 0.7 0.5 0.4 0.8"], Lines(entries["labels/receipt.txt"]));
        var yaml = entries["data.yaml"];
        Assert.Contains("nc: 2", yaml);
        Assert.Contains("  0: \"Text line\"", yaml);
        Assert.Contains("  1: \"Price \\\"€\\\" <b>\"", yaml);

        // Read back: every exported box, denormalised, is the region's bounds.
        var pentagon = Lines(entries["labels/evil_1_.txt"]).Single().Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var b = Pentagon.Bounds;
        Assert.Equal(0, pentagon[0]);
        Assert.Equal(b.X + b.Width / 2, pentagon[1] * 400, 3);
        Assert.Equal(b.Y + b.Height / 2, pentagon[2] * 300, 3);
        Assert.Equal(b.Width, pentagon[3] * 400, 3);
        Assert.Equal(b.Height, pentagon[4] * 300, 3);
    }

    [Fact]
    public async Task Voc_WritesOneXmlPerImage_WithOneBasedPixelBoxes_AndEscapedText()
    {
        var entries = Entries(await WriteAsync(ExportFormat.Voc, Source()));
        var xml = XDocument.Parse(entries["Annotations/receipt.xml"]);
        Assert.Equal("receipt.png", xml.Root!.Element("filename")!.Value);
        Assert.Equal("200", xml.Root.Element("size")!.Element("width")!.Value);
        var objects = xml.Root.Elements("object").ToList();
        Assert.Equal(["Text line", "Price \"€\" <b>"], objects.Select(o => o.Element("name")!.Value));
        var box = objects[0].Element("bndbox")!;
        Assert.Equal(["11", "21", "60", "70"], new[] { "xmin", "ymin", "xmax", "ymax" }.Select(n => box.Element(n)!.Value));
        Assert.Equal("Hello, world", objects[0].Element("transcription")!.Value);
        Assert.Null(objects[1].Element("transcription"));
        Assert.Contains("JPEGImages/receipt.png", entries.Keys);
        Assert.Single(XDocument.Parse(entries["Annotations/evil_1_.xml"]).Root!.Elements("object"));
    }

    [Fact]
    public async Task Icdar_WritesFourCornersClockwise_TextAfterTheEighthComma_AndHashesForNoText()
    {
        var entries = Entries(await WriteAsync(ExportFormat.Icdar, Source()));
        var lines = Lines(entries["gt/gt_receipt.txt"]);
        Assert.Equal("10,20,60,20,60,70,10,70,Hello, world", lines[0]);
        Assert.Equal("Hello, world", Parse(lines[0]).Text);
        var triangle = Parse(lines[1]);
        Assert.Equal("###", triangle.Text);
        var second = Lines(entries["gt/gt_evil_1_.txt"]);
        var pentagon = Parse(second[0]);
        Assert.Equal("line break", pentagon.Text);
        Assert.Equal(4, pentagon.Corners.Length);
        // The smallest rectangle around the pentagon holds all its vertices (to within the whole-pixel rounding).
        var rectangle = pentagon.Corners.Select(c => new Point2(c.X, c.Y)).ToList();
        foreach (var p in Pentagon.Points)
            Assert.True(PolygonMath.Contains(rectangle, p) || PolygonMath.NearestEdge(rectangle, p).Distance < 1, $"{p} inside");
        Assert.Equal("stray", Parse(second[1]).Text);
    }

    [Fact]
    public async Task Jsonl_KeepsEveryRegionWithProvenance_AndTheRevisionHistory()
    {
        var text = System.Text.Encoding.UTF8.GetString(await WriteAsync(ExportFormat.Jsonl, Source()));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal(1, root.GetProperty("task_id").GetInt32());
        var regions = root.GetProperty("regions").EnumerateArray().ToList();
        Assert.Equal([HelloBox.Id, Triangle.Id], regions.Select(r => r.GetProperty("id").GetGuid()));
        var box = regions[0];
        Assert.Equal("box", box.GetProperty("kind").GetString());
        Assert.Equal("Text line", box.GetProperty("class").GetString());
        Assert.Equal([[10d, 20], [60, 70]], box.GetProperty("points").EnumerateArray().Select(p => p.EnumerateArray().Select(v => v.GetDouble()).ToArray()));
        Assert.Equal("Hello, world", box.GetProperty("transcription").GetString());
        var provenance = box.GetProperty("provenance");
        Assert.Equal("model", provenance.GetProperty("source").GetString());
        Assert.Equal("pp-ocrv4", provenance.GetProperty("model_name").GetString());
        Assert.Equal(0.93, provenance.GetProperty("confidence").GetDouble());
        Assert.Equal("labeler", regions[1].GetProperty("provenance").GetProperty("source").GetString());
        var revisions = root.GetProperty("revisions").EnumerateArray().ToList();
        Assert.Equal([1, 2], revisions.Select(r => r.GetProperty("number").GetInt32()));
        Assert.Single(revisions[0].GetProperty("regions").EnumerateArray());
        Assert.Equal("reviewer-1", revisions[1].GetProperty("submitted_by").GetString());

        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("line\r\nbreak", second.RootElement.GetProperty("regions")[0].GetProperty("transcription").GetString());
        Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("regions")[1].GetProperty("class").ValueKind);
    }

    [Theory]
    [InlineData(ExportFormat.Coco)]
    [InlineData(ExportFormat.Jsonl)]
    [InlineData(ExportFormat.Yolo)]
    public async Task HundredThousandRegions_AreWrittenAsTheyAreRead_NotHeldUntilTheEnd(ExportFormat format)
    {
        // 1,000 images × 100 regions. The output must already hold most of the file when the last item is read.
        var regions = Enumerable.Range(0, 100).Select(i => Box(i * 10 % 900, i * 7 % 600, 20, 10, 7, "word " + i)).ToArray();
        var source = new MemoryExportSource(TwoClasses, 1000, i => Item(i + 1, $"page-{i}.png", 1000, 700, regions));
        await using var output = new CountingStream();
        long writtenBeforeLastItem = 0;
        source.OnYield = i => { if (i == 999) writtenBeforeLastItem = output.Length; };
        await Exporter.WriterFor(format).WriteAsync(source, output, new SyncProgress<int>(_ => { }), default);
        Assert.True(output.Length > 500_000, $"{output.Length} bytes for 100,000 regions");
        Assert.True(writtenBeforeLastItem > output.Length * 0.8, // a zip ends with its directory of entries
             $"{writtenBeforeLastItem} of {output.Length} bytes written before the last item was read");
    }

    [Fact]
    public async Task AFailedExport_LeavesNoFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "lw-tests", Guid.NewGuid().ToString("N"), "out.json");
        var source = new MemoryExportSource(TwoClasses, 10, i => i < 5 ? Item(i + 1, "a.png", 10, 10) : throw new IOException("disk gone"));
        await Assert.ThrowsAsync<IOException>(() => Exporter.WriteFileAsync(source, ExportFormat.Coco, path, null, default));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    static ((double X, double Y)[] Corners, string Text) Parse(string line)
    {
        var parts = line.Split(',', 9);
        var numbers = parts[..8].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return (Enumerable.Range(0, 4).Select(i => (numbers[2 * i], numbers[2 * i + 1])).ToArray(), parts[8]);
    }

    /// <summary>Counts what is written and keeps none of it (a zip writer needs to seek, so it is seekable).</summary>
    sealed class CountingStream : Stream
    {
        long length, position;
        public override bool CanRead => false;
        public override bool CanSeek => true;
        public override bool CanWrite => true;
        public override long Length => length;
        public override long Position { get => position; set => position = value; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };
        public override void SetLength(long value) => length = value;
        public override void Write(byte[] buffer, int offset, int count)
        {
            position += count;
            length = Math.Max(length, position);
        }
    }
}
