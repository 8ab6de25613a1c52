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
        }, ct, zip => zip.AddTextAsync("data.yaml", YoloDataYaml.Write(source.Schema), ct));
    }

    public static string Line(int classIndex, Box box, int width, int height)
    {
        static string F(double v) => Math.Clamp(v, 0, 1).ToString("0.######", CultureInfo.InvariantCulture);
        return $"{classIndex} {F((box.X + box.Width / 2) / width)} {F((box.Y + box.Height / 2) / height)} {F(box.Width / width)} {F(box.Height / height)}";
    }
}
