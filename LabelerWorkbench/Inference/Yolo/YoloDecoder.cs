
namespace LabelerWorkbench.Inference.Yolo;

public sealed record DetectedBox(Box Box, int ClassIndex, double Score);

/// <summary>How the image was letterboxed into the square model input: scale, then padding on each side.</summary>
public sealed record Letterbox(double Scale, double PadX, double PadY)
{
    public static Letterbox For(int imageWidth, int imageHeight, int inputSize)
    {
        var scale = Math.Min((double)inputSize / imageWidth, (double)inputSize / imageHeight);
        return new(scale, (inputSize - imageWidth * scale) / 2, (inputSize - imageHeight * scale) / 2);
    }
}

/// <summary>
/// Decodes the YOLOv8 detection output layout <c>[1, 4 + classes, anchors]</c> (centre x, centre y, width,
/// height in input pixels, then one score per class) and keeps the best boxes by class-wise non-maximum suppression.
/// </summary>
public static class YoloDecoder
{
    public static List<DetectedBox> Decode(ReadOnlySpan<float> output, int classes, int anchors, Letterbox letterbox,
        int imageWidth, int imageHeight, double scoreThreshold = 0.25, double iouThreshold = 0.45)
    {
        if (output.Length != (4 + classes) * anchors)
            throw new ArgumentException($"Expected {(4 + classes) * anchors} values for {classes} classes × {anchors} anchors, got {output.Length}.");
        var candidates = new List<DetectedBox>();
        for (int a = 0; a < anchors; a++)
        {
            int best = 0;
            float bestScore = float.MinValue;
            for (int c = 0; c < classes; c++)
            {
                var s = output[(4 + c) * anchors + a];
                if (s > bestScore) (best, bestScore) = (c, s);
            }
            if (bestScore < scoreThreshold) continue;
            double cx = output[a], cy = output[anchors + a], w = output[2 * anchors + a], h = output[3 * anchors + a];
            double x1 = (cx - w / 2 - letterbox.PadX) / letterbox.Scale, y1 = (cy - h / 2 - letterbox.PadY) / letterbox.Scale;
            double x2 = (cx + w / 2 - letterbox.PadX) / letterbox.Scale, y2 = (cy + h / 2 - letterbox.PadY) / letterbox.Scale;
            x1 = Math.Clamp(x1, 0, imageWidth); x2 = Math.Clamp(x2, 0, imageWidth);
            y1 = Math.Clamp(y1, 0, imageHeight); y2 = Math.Clamp(y2, 0, imageHeight);
            if (x2 - x1 < 1 || y2 - y1 < 1) continue;
            candidates.Add(new DetectedBox(new Box(x1, y1, x2 - x1, y2 - y1), best, bestScore));
        }
        return NonMaximumSuppression(candidates, iouThreshold);
    }

    /// <summary>Greedy NMS per class: the highest score wins, boxes of the same class overlapping it by more than the threshold go.</summary>
    public static List<DetectedBox> NonMaximumSuppression(IEnumerable<DetectedBox> boxes, double iouThreshold)
    {
        var kept = new List<DetectedBox>();
        foreach (var group in boxes.GroupBy(b => b.ClassIndex))
        {
            var remaining = group.OrderByDescending(b => b.Score).ToList();
            while (remaining.Count > 0)
            {
                var top = remaining[0];
                kept.Add(top);
                remaining = remaining.Skip(1).Where(b => Box.IoU(b.Box, top.Box) <= iouThreshold).ToList();
            }
        }
        return kept.OrderByDescending(b => b.Score).ToList();
    }
}
