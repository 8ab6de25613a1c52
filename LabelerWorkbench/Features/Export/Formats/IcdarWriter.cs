using System.Globalization;
using System.Text;
using LabelerWorkbench.Features.Projects;
using LabelerWorkbench.Inference.Ocr;

namespace LabelerWorkbench.Features.Export.Formats;

/// <summary>
/// ICDAR 2015 text localisation in a zip: <c>images/NAME</c> and <c>gt/gt_STEM.txt</c>, one line per region,
/// "x1,y1,x2,y2,x3,y3,x4,y4,transcription", corners clockwise from the top-left in whole pixels. A polygon of
/// more than four points is given as its smallest enclosing rectangle; an empty transcription is "###"
/// (ICDAR's "do not care"). Everything after the eighth comma is the text, so commas in it need no escape.
/// </summary>
public sealed class IcdarWriter : IExportWriter
{
    public Task WriteAsync(IExportSource source, Stream output, IProgress<int> progress, CancellationToken ct) =>
        ZipExport.WritePerImageAsync(source, output, progress, "images", (item, name) =>
        {
            var lines = new StringBuilder();
            foreach (var region in item.Regions) lines.AppendLine(Line(region.Kind, region.Outline, region.Transcription));
            return ($"gt/gt_{ExportNames.Stem(name)}.txt", lines.ToString());
        }, ct);

    public static string Line(GeometryKind kind, IReadOnlyList<Point2> outline, string transcription)
    {
        var quad = kind == GeometryKind.Polygon && outline.Count != 4 ? OcrMath.MinAreaRect(outline).Corners : Clockwise(outline);
        var coords = string.Join(",", quad.SelectMany(p => new[] { p.X, p.Y }).Select(v => Math.Round(v).ToString(CultureInfo.InvariantCulture)));
        var text = transcription.Length == 0 ? "###" : SafeText.OneLine(transcription);
        return coords + "," + text;
    }

    /// <summary>Four points clockwise on screen (y down), starting from the one nearest the top-left.</summary>
    static Point2[] Clockwise(IReadOnlyList<Point2> quad)
    {
        var points = quad.ToArray();
        if (PolygonMath.SignedArea(points) < 0) Array.Reverse(points);
        var start = Array.IndexOf(points, points.MinBy(p => p.X + p.Y));
        return [.. points[start..], .. points[..start]];
    }
}
