using LabelerWorkbench.Inference.Ocr;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SkiaSharp;

namespace LabelerWorkbench.Inference.Yolo;

/// <summary>Runs a YOLOv8-layout ONNX detector: letterbox to the square input, RGB in [0, 1], decode, NMS.</summary>
public sealed class BoxDetector(InferenceSession session, int inputSize, int classCount)
{
    static readonly float[] Mean = [0, 0, 0], Std = [1, 1, 1];
    readonly string inputName = session.InputMetadata.Keys.First();

    public List<DetectedBox> Detect(SKBitmap image)
    {
        var letterbox = Letterbox.For(image.Width, image.Height, inputSize);
        using var square = new SKBitmap(new SKImageInfo(inputSize, inputSize, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(square))
        {
            canvas.Clear(new SKColor(114, 114, 114));
            var dest = SKRect.Create((float)letterbox.PadX, (float)letterbox.PadY, (float)(image.Width * letterbox.Scale), (float)(image.Height * letterbox.Scale));
            using var img = SKImage.FromBitmap(image);
            canvas.DrawImage(img, dest, new SKSamplingOptions(SKFilterMode.Linear));
        }
        var input = new DenseTensor<float>([1, 3, inputSize, inputSize]);
        // Ultralytics models take RGB, unlike PaddleOCR's BGR.
        ImageTensors.WriteBgr(square, input.Buffer.Span, 0, inputSize, inputSize, Mean, Std, rgb: true);
        using var outputs = session.Run([NamedOnnxValue.CreateFromTensor(inputName, input)]);
        var output = outputs.First().AsTensor<float>();
        var anchors = output.Dimensions[2];
        var values = output is DenseTensor<float> dense ? dense.Buffer.Span : output.ToArray();
        return YoloDecoder.Decode(values, classCount, anchors, letterbox, image.Width, image.Height);
    }
}
