namespace LabelerWorkbench.Features.Projects.Import;

/// <summary>
/// Whether a JPEG reaches its end-of-image marker (FF D9) after its first scan. Inside entropy-coded data a
/// 0xFF byte is always followed by 0x00 (stuffing) or a restart marker, so the first FF D9 after a scan starts
/// is the real end; an EXIF thumbnail's own end marker comes before the first scan and is skipped.
/// </summary>
public static class JpegEnd
{
    public static bool IsPresent(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8) return false;
        var i = 2;
        // The header segments, each with its length, up to the first start-of-scan (FF DA).
        while (i + 4 <= jpeg.Length)
        {
            if (jpeg[i] != 0xFF) return false;
            var marker = jpeg[i + 1];
            if (marker == 0xFF) { i++; continue; } // fill byte
            var length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (length < 2) return false;
            i += 2 + length;
            if (marker == 0xDA) break;
        }
        for (; i + 1 < jpeg.Length; i++)
            if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xD9) return true;
        return false;
    }
}
