using System.Globalization;
using System.Text;
using System.Xml;

namespace LabelerWorkbench.Features.Export.Formats;

/// <summary>
/// Pascal VOC in a zip: <c>JPEGImages/NAME</c> (the image as imported, whatever its type) and
/// <c>Annotations/STEM.xml</c> with an <c>object</c> per region: class name and the integer pixel
/// <c>bndbox</c>; the transcription, when there is one, rides along as an extra element.
/// </summary>
public sealed class VocWriter : IExportWriter
{
    public Task WriteAsync(IExportSource source, Stream output, IProgress<int> progress, CancellationToken ct) =>
        ZipExport.WritePerImageAsync(source, output, progress, "JPEGImages",
            (item, name) => ($"Annotations/{ExportNames.Stem(name)}.xml", Xml(source, item, name)), ct);

    static string Xml(IExportSource source, ExportItem item, string name)
    {
        var text = new StringBuilder();
        // XmlWriter escapes markup; Clean replaces what XML cannot hold at all, so hostile text stays text.
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, CheckCharacters = false }))
        {
            xml.WriteStartElement("annotation");
            xml.WriteElementString("folder", "JPEGImages");
            xml.WriteElementString("filename", Clean(name));
            xml.WriteStartElement("source");
            xml.WriteElementString("database", Clean(source.ProjectName));
            xml.WriteEndElement();
            xml.WriteStartElement("size");
            xml.WriteElementString("width", item.Width.ToString(CultureInfo.InvariantCulture));
            xml.WriteElementString("height", item.Height.ToString(CultureInfo.InvariantCulture));
            xml.WriteElementString("depth", "3");
            xml.WriteEndElement();
            xml.WriteElementString("segmented", "0");
            foreach (var region in item.Regions)
            {
                if (source.Schema.Find(region.ClassId) is not { } cls) continue;
                var box = region.Bounds;
                xml.WriteStartElement("object");
                xml.WriteElementString("name", Clean(cls.Name));
                xml.WriteElementString("pose", "Unspecified");
                xml.WriteElementString("truncated", "0");
                xml.WriteElementString("difficult", "0");
                xml.WriteStartElement("bndbox");
                // VOC counts pixels from 1; a box's edges are rounded outward so it never shrinks.
                xml.WriteElementString("xmin", Pixel(Math.Floor(box.X) + 1, item.Width));
                xml.WriteElementString("ymin", Pixel(Math.Floor(box.Y) + 1, item.Height));
                xml.WriteElementString("xmax", Pixel(Math.Ceiling(box.Right), item.Width));
                xml.WriteElementString("ymax", Pixel(Math.Ceiling(box.Bottom), item.Height));
                xml.WriteEndElement();
                if (region.Transcription.Length > 0) xml.WriteElementString("transcription", Clean(region.Transcription));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + text;
    }

    static string Pixel(double v, int max) => ((int)Math.Clamp(v, 1, max)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Characters XML 1.0 forbids (U+0001, U+FFFE, lone surrogates …) would make the file unreadable.</summary>
    static string Clean(string s) => SafeText.ForXml(s);
}
