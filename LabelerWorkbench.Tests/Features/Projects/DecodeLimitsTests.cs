using LabelerWorkbench.Features.Projects.Import;
using LabelerWorkbench.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace LabelerWorkbench.Tests.Features.Projects;

public class DecodeLimitsTests
{
    static DecodeBudget Budget(long capacity, int waitMs) =>
        new(Options.Create(new ImportOptions { DecodePixelBudget = capacity, MaxPixels = 1, DecodeWaitMs = waitMs }));

    [Fact]
    public void ATruncatedProgressiveJpeg_IsRefused_AndTheWholeOneAccepted()
    {
        var whole = TestImages.ProgressiveJpeg();
        var (facts, error) = ImageInspector.Inspect(whole, 100_000_000);
        Assert.Null(error);
        Assert.Equal((96, 64, "image/jpeg"), (facts!.Width, facts.Height, facts.ContentType));
        // Cut after its first scans: every pixel still decodes, at low quality.
        Assert.Contains("truncated", ImageInspector.Inspect(whole[..(whole.Length * 2 / 3)], 100_000_000).Error);
    }

    [Fact]
    public void TheJpegEndMarker_IsLookedForAfterTheFirstScan_NotInAThumbnail()
    {
        using var bitmap = new SKBitmap(40, 30);
        var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        Assert.True(JpegEnd.IsPresent(jpeg));
        Assert.False(JpegEnd.IsPresent(jpeg[..^2]));
        // An APP1 segment holding FF D9 (as an EXIF thumbnail does) before the scan does not count as the end.
        byte[] app1 = [0xFF, 0xE1, 0x00, 0x06, 0xFF, 0xD9, 0x00, 0x00];
        byte[] withThumbnail = [.. jpeg[..2], .. app1, .. jpeg[2..^2]];
        Assert.False(JpegEnd.IsPresent(withThumbnail));
    }

    [Fact]
    public async Task TheBudget_NeverHoldsMoreThanItsPixels_AndAWaiterGetsInWhenRoomIsMade()
    {
        var budget = Budget(100, waitMs: 5_000);
        var first = await budget.TryReserveAsync(60);
        Assert.NotNull(first);
        Assert.NotNull(await budget.TryReserveAsync(40));
        var waiting = budget.TryReserveAsync(50);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        first!.Dispose();
        Assert.NotNull(await waiting);
        Assert.Equal(100, budget.PeakPixels);
    }

    [Fact]
    public async Task WorkOverTheBudget_IsTurnedAway_WhenNoRoomIsMadeInTime()
    {
        var budget = Budget(100, waitMs: 100);
        using var held = await budget.TryReserveAsync(100);
        Assert.Null(await budget.TryReserveAsync(1));
    }

    [Fact]
    public async Task ManyConcurrentReservations_StayWithinTheBudget()
    {
        var budget = Budget(1_000, waitMs: 10_000);
        var inFlight = 0L;
        var worst = 0L;
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            var pixels = 100 + i * 10;
            using var lease = await budget.TryReserveAsync(pixels);
            Assert.NotNull(lease);
            var now = Interlocked.Add(ref inFlight, pixels);
            InterlockedMax(ref worst, now);
            await Task.Delay(5);
            Interlocked.Add(ref inFlight, -pixels);
        })));
        Assert.InRange(worst, 1, 1_000);
    }

    static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while ((seen = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
