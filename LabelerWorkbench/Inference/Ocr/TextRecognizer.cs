using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SkiaSharp;

namespace LabelerWorkbench.Inference.Ocr;

/// <summary>
/// PP-OCR CTC text recognition: crops resized to height 48 keeping their aspect ratio, sorted by aspect
/// ratio and batched; each batch is as wide as its widest crop (at least 320), padded with zeros on the right.
/// </summary>
public sealed class TextRecognizer(InferenceSession session, CtcDecoder decoder, int batchSize = 6)
{
    public const int Height = 48, MinWidth = 320;
    static readonly float[] Mean = [0.5f, 0.5f, 0.5f], Std = [0.5f, 0.5f, 0.5f];
    readonly string inputName = session.InputMetadata.Keys.First();

    public IReadOnlyList<RecognizedText> Recognize(IReadOnlyList<SKBitmap> crops)
    {
        var results = new RecognizedText[crops.Count];
        var order = Enumerable.Range(0, crops.Count).OrderBy(i => (double)crops[i].Width / crops[i].Height).ToArray();
        for (int start = 0; start < order.Length; start += batchSize)
        {
            var batch = order.Skip(start).Take(batchSize).ToArray();
            var maxRatio = Math.Max((double)MinWidth / Height, batch.Max(i => (double)crops[i].Width / crops[i].Height));
            var width = (int)Math.Ceiling(Height * maxRatio);
            var input = new DenseTensor<float>([batch.Length, 3, Height, width]);
            var span = input.Buffer.Span;
            var perImage = 3 * Height * width;
            for (int b = 0; b < batch.Length; b++)
            {
                var crop = crops[batch[b]];
                var w = Math.Clamp((int)Math.Ceiling(Height * (double)crop.Width / crop.Height), 1, width);
                using var resized = ImageTensors.Resize(crop, w, Height);
                ImageTensors.WriteBgr(resized, span, b * perImage, width, Height, Mean, Std);
            }
            using var outputs = session.Run([NamedOnnxValue.CreateFromTensor(inputName, input)]);
            var probs = outputs.First().AsTensor<float>();
            int steps = probs.Dimensions[1], classes = probs.Dimensions[2];
            var all = probs is DenseTensor<float> dense ? dense.Buffer.Span : probs.ToArray();
            for (int b = 0; b < batch.Length; b++)
                results[batch[b]] = decoder.Decode(all.Slice(b * steps * classes, steps * classes), steps, classes);
        }
        return results;
    }
}
