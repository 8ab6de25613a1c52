using LabelerWorkbench.Inference.Yolo;

namespace LabelerWorkbench.Tests.Inference;

public class YoloDecoderTests
{
    /// <summary>Builds a [4 + classes, anchors] output, row-major as ONNX Runtime hands it over.</summary>
    private static float[] Output(int classes, params (float Cx, float Cy, float W, float H, int Class, float Score)[] anchors)
    {
        var n = anchors.Length;
        var data = new float[(4 + classes) * n];
        for (int a = 0; a < n; a++)
        {
            var (cx, cy, w, h, cls, score) = anchors[a];
            data[a] = cx; data[n + a] = cy; data[2 * n + a] = w; data[3 * n + a] = h;
            for (int c = 0; c < classes; c++) data[(4 + c) * n + a] = c == cls ? score : 0.01f;
        }
        return data;
    }

    [Fact]
    public void Decode_UndoesTheLetterbox_AndKeepsConfidentBoxes()
    {
        // A 1280×640 image in a 640 input: scale 0.5, padded 160 px above and below.
        var letterbox = Letterbox.For(1280, 640, 640);
        Assert.Equal((0.5, 0, 160), (letterbox.Scale, letterbox.PadX, letterbox.PadY));
        var output = Output(3, (100, 260, 40, 20, 2, 0.9f), (300, 300, 10, 10, 0, 0.1f));
        var boxes = YoloDecoder.Decode(output, 3, 2, letterbox, 1280, 640);
        var box = Assert.Single(boxes);
        Assert.Equal(2, box.ClassIndex);
        Assert.Equal(0.9, box.Score, 5);
        // Input box x 80..120, y 250..270 → image x 160..240, y (250−160)/0.5 = 180 .. 220.
        Assert.Equal(new Box(160, 180, 80, 40), box.Box);
    }

    [Fact]
    public void Nms_DropsOverlapsOfTheSameClass_ButNotOfOthers()
    {
        var output = Output(2,
            (100, 100, 50, 50, 0, 0.9f),
            (105, 100, 50, 50, 0, 0.8f),   // IoU with the first ≈ 0.82: suppressed
            (105, 100, 50, 50, 1, 0.7f),   // same place, other class: kept
            (400, 400, 50, 50, 0, 0.6f));  // far away: kept
        var boxes = YoloDecoder.Decode(output, 2, 4, new Letterbox(1, 0, 0), 640, 640);
        Assert.Equal([0.9, 0.7, 0.6], boxes.Select(b => Math.Round(b.Score, 2)));
        Assert.Equal([0, 1, 0], boxes.Select(b => b.ClassIndex));
    }

    [Fact]
    public void Decode_ClipsToTheImage_AndRefusesAMismatchedTensor()
    {
        var boxes = YoloDecoder.Decode(Output(1, (5, 5, 40, 40, 0, 0.95f)), 1, 1, new Letterbox(1, 0, 0), 100, 100);
        Assert.Equal(new Box(0, 0, 25, 25), Assert.Single(boxes).Box);
        Assert.Throws<ArgumentException>(() => YoloDecoder.Decode(new float[10], 2, 3, new Letterbox(1, 0, 0), 100, 100));
    }
}
