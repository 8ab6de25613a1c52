using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace LabelerWorkbench.Features.Export.Formats;

/// <summary>
/// YOLO's <c>data.yaml</c>, written through YamlDotNet's emitter rather than by hand: every class name is a
/// double-quoted scalar whose line breaks (U+2028 too), quotes and non-printable characters the emitter escapes,
/// so no name can end its line and start a key of its own (Ultralytics treats some keys as commands).
/// The project's name is left out: the file needs only the classes.
/// </summary>
public static class YoloDataYaml
{
    public static string Write(LabelSchema schema)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var yaml = new Emitter(text);
        yaml.Emit(new StreamStart());
        yaml.Emit(new DocumentStart());
        yaml.Emit(new MappingStart());
        Pair(yaml, "path", ".");
        Pair(yaml, "train", "images");
        Pair(yaml, "val", "images");
        Pair(yaml, "nc", schema.Classes.Count.ToString(CultureInfo.InvariantCulture));
        yaml.Emit(Plain("names"));
        yaml.Emit(new MappingStart());
        for (var i = 0; i < schema.Classes.Count; i++)
        {
            yaml.Emit(Plain(i.ToString(CultureInfo.InvariantCulture)));
            // The emitter refuses a lone surrogate; it cannot be written in UTF-8 anyway.
            yaml.Emit(new Scalar(null, null, SafeText.WellFormed(schema.Classes[i].Name), ScalarStyle.DoubleQuoted, false, true));
        }
        yaml.Emit(new MappingEnd());
        yaml.Emit(new MappingEnd());
        yaml.Emit(new DocumentEnd(isImplicit: true));
        yaml.Emit(new StreamEnd());
        return text.ToString();
    }

    /// <summary>A fixed key and value of ours, plain.</summary>
    static void Pair(IEmitter yaml, string key, string value)
    {
        yaml.Emit(Plain(key));
        yaml.Emit(Plain(value));
    }

    static Scalar Plain(string value) => new(null, null, value, ScalarStyle.Plain, true, false);
}
