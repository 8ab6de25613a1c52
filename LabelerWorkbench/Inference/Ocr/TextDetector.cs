using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SkiaSharp;

namespace LabelerWorkbench.Inference.Ocr;

/// <summary>PP-OCR DB text detection on one image.</summary>
public sealed class TextDetector(InferenceSession session, DbOptions? options = null, int sideLimit = 960)
{
    readonly string inputName = session.InputMetadata.Keys.First();

    public List<DetectedText> Detect(SKBitmap image) => Detect(image, out _);

    /// <summary>Detects text and says where the time went (resize and normalise, the network, DB post-processing).</summary>
    public List<DetectedText> Detect(SKBitmap image, out DetectionTimings timings)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (w, h) = OcrMath.DetectionSize(image.Width, image.Height, sideLimit);
        using var resized = ImageTensors.Resize(image, w, h);
        var input = new DenseTensor<float>([1, 3, h, w]);
        ImageTensors.WriteBgr(resized, input.Buffer.Span, 0, w, h, ImageTensors.DetMean, ImageTensors.DetStd);
        var pre = clock.Elapsed.TotalMilliseconds;
        using var outputs = session.Run([NamedOnnxValue.CreateFromTensor(inputName, input)]);
        var infer = clock.Elapsed.TotalMilliseconds - pre;
        var map = outputs.First().AsTensor<float>();
        var dims = map.Dimensions;
        int mapH = dims[^2], mapW = dims[^1];
        var probability = map is DenseTensor<float> dense ? dense.Buffer.Span : map.ToArray();
        var found = DbPostProcess.Process(probability, mapW, mapH, image.Width, image.Height, options);
        timings = new DetectionTimings(pre, infer, clock.Elapsed.TotalMilliseconds - pre - infer);
        return found;
    }
}

public sealed record DetectionTimings(double PreprocessMs, double InferenceMs, double PostprocessMs);
