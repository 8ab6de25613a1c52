using LabelerWorkbench.Features.Projects.Import;
using LabelerWorkbench.Tests.Infrastructure;

namespace LabelerWorkbench.Tests.Features.Projects;

public class ImageInspectorTests
{
    [Fact]
    public void ValidPng_GivesSizeTypeAndContentHash()
    {
        var bytes = TestImages.Png(64, 48, 1);
        var (facts, error) = ImageInspector.Inspect(bytes, 100_000_000);
        Assert.Null(error);
        Assert.Equal((64, 48, "image/png"), (facts!.Width, facts.Height, facts.ContentType));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), facts.Sha256);
    }

    [Fact]
    public void TruncatedPng_IsRefusedAsCorrupt()
    {
        var (facts, error) = ImageInspector.Inspect(TestImages.TruncatedPng(), 100_000_000);
        Assert.Null(facts);
        Assert.Contains("truncated or corrupt", error);
    }

    [Fact]
    public void NonImage_AndEmptyFile_AreRefusedWithAReason()
    {
        Assert.Contains("Not an image", ImageInspector.Inspect(TestImages.NotAnImage(), 100_000_000).Error);
        Assert.Contains("empty", ImageInspector.Inspect([], 100_000_000).Error);
        // A short text file named .png is not an image; a PNG cut inside its header is a truncated one.
        Assert.Contains("Not an image", ImageInspector.Inspect("just some text\n"u8.ToArray(), 100_000_000).Error);
        Assert.Contains("truncated", ImageInspector.Inspect(TestImages.Png(20, 10, 1)[..20], 100_000_000).Error);
    }

    [Fact]
    public void ImageOverThePixelLimit_IsRefusedBeforeDecoding()
    {
        var (facts, error) = ImageInspector.Inspect(TestImages.Png(200, 100, 2), maxPixels: 10_000);
        Assert.Null(facts);
        Assert.Contains("200×100", error);
        Assert.Contains("over the limit", error);
    }
}
