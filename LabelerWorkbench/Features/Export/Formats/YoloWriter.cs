using System.Globalization;
using System.Text;

namespace LabelerWorkbench.Features.Export.Formats;

/// <summary>
/// YOLO detection layout in a zip: <c>images/NAME</c>, <c>labels/STEM.txt</c> with one
/// "class cx cy w h" line per region (box centre and size divided by the image size, six decimals),
/// and <c>data.yaml</c> naming the classes by index. Polygons are exported as their bounding boxes.
/// </summary>
public sealed class YoloWriter : IExportWriter
{
    public Task WriteAsync(IExportSource source, Stream output, IProgress<int> progress, CancellationToken ct)
    {
        var classes = ClassNumbers.For(source.Schema);
        return ZipExport.WritePerImageAsync(source, output, progress, "images", (item, name) =>
        {
            var lines = new StringBuilder();
            foreach (var region in item.Regions)
            {
                if (region.ClassId is not { } id || !classes.TryGetValue(id, out var index)) continue;
                lines.AppendLine(Line(index, region.Bounds, item.Width, item.Height));
            }
            return ($"labels/{ExportNames.Stem(name)}.txt", lines.ToString());
        }, ct, zip => zip.AddTextAsync("data.yaml", DataYaml(source), ct));
    }

    public static string Line(int classIndex, Box box, int width, int height)
    {
        static string F(double v) => Math.Clamp(v, 0, 1).ToString("0.######", CultureInfo.InvariantCulture);
        return $"{classIndex} {F((box.X + box.Width / 2) / width)} {F((box.Y + box.Height / 2) / height)} {F(box.Width / width)} {F(box.Height / height)}";
    }

    static string DataYaml(IExportSource source)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("# Exported by LabelerWorkbench: " + YamlString(source.ProjectName));
        yaml.AppendLine("path: .");
        yaml.AppendLine("train: images");
        yaml.AppendLine("val: images");
        yaml.AppendLine($"nc: {source.Schema.Classes.Count}");
        yaml.AppendLine("names:");
        for (var i = 0; i < source.Schema.Classes.Count; i++)
            yaml.AppendLine($"  {i}: {YamlString(source.Schema.Classes[i].Name)}");
        return yaml.ToString();
    }

    /// <summary>A double-quoted YAML scalar: whatever a class is called, it cannot break the file.</summary>
    public static string YamlString(string s)
    {
        var b = new StringBuilder("\"");
        foreach (var c in s)
            b.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return b.Append('"').ToString();
    }
}
