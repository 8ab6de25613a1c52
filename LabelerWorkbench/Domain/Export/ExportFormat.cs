namespace LabelerWorkbench.Domain.Export;

public enum ExportFormat { Coco = 0, Yolo = 1, Voc = 2, Icdar = 3, Jsonl = 4 }

/// <summary>What to export: a format, accepted tasks only or every submitted one, and a window on when the work was last submitted.</summary>
public sealed record ExportOptions(ExportFormat Format, bool AcceptedOnly = true, DateTime? From = null, DateTime? To = null)
{
    /// <summary>The format's file: one JSON or JSONL file, or a zip holding a file per image and the images.</summary>
    public string FileExtension => Format switch
    {
        ExportFormat.Coco => ".json",
        ExportFormat.Jsonl => ".jsonl",
        _ => ".zip",
    };

    public static bool TryParseFormat(string? text, out ExportFormat format) =>
        Enum.TryParse(text, ignoreCase: true, out format) && Enum.IsDefined(format);
}
