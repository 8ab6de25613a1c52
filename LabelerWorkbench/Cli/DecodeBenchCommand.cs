using System.Diagnostics;
using System.IO.Compression;
using System.Buffers.Binary;
using LabelerWorkbench.Features.Projects.Import;
using Microsoft.Extensions.Options;

namespace LabelerWorkbench.Cli;

/// <summary>
/// <c>bench-decode [--uploads N] [--megapixels M] [--budget-mp B] [--wait-ms W]</c>: N uploads of one M-megapixel
/// PNG checked at once through the import's own admission (header, pixel budget, row-by-row decode), as N
/// concurrent uploads would be; reports how many were accepted and turned away as busy, the time, and the most
/// memory the process held (peak resident set, VmHWM).
/// </summary>
public static class DecodeBenchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var uploads = CliArgs.IntOption(args, "--uploads", 30, 1, 1000);
        var megapixels = CliArgs.IntOption(args, "--megapixels", 100, 1, 100);
        var budgetMp = CliArgs.IntOption(args, "--budget-mp", 200, 1, 100_000);
        var waitMs = CliArgs.IntOption(args, "--wait-ms", 2_000, 0, 600_000);
        var side = (int)Math.Sqrt(megapixels * 1_000_000.0);
        var png = FlatPng(side, side);
        var options = new ImportOptions { MaxPixels = 100_000_000, DecodePixelBudget = budgetMp * 1_000_000L, DecodeWaitMs = waitMs };
        var budget = new DecodeBudget(Options.Create(options));
        GC.Collect();
        var before = PeakResidentMiB();
        Console.WriteLine(FormattableString.Invariant(
            $"{uploads} concurrent uploads of a {side}×{side} PNG ({png.Length / 1024.0:F0} KiB); budget {budgetMp} MP, wait {waitMs} ms; {Environment.ProcessorCount} cores"));

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, uploads).Select(_ => Task.Run(async () =>
        {
            using var data = SkiaSharp.SKData.CreateCopy(png);
            return await ImageAdmission.CheckAsync(data, options.MaxPixels, budget, default);
        })));
        var seconds = clock.Elapsed.TotalSeconds;

        var accepted = results.Count(r => r.Facts is not null);
        var busy = results.Count(r => r.Busy);
        var refused = results.Length - accepted - busy;
        Console.WriteLine(FormattableString.Invariant(
            $"accepted {accepted}, busy {busy}, refused {refused}; {seconds:F1} s; peak pixels in flight {budget.PeakPixels / 1e6:F0} MP; peak resident {PeakResidentMiB():F0} MiB (before: {before:F0} MiB)"));
        foreach (var error in results.Where(r => r.Facts is null && !r.Busy).Select(r => r.Error).Distinct()) Console.WriteLine($"refused: {error}");
        return refused == 0 ? 0 : 1;
    }

    /// <summary>The process's peak resident set in MiB, from /proc (Linux); the peak working set elsewhere.</summary>
    static double PeakResidentMiB()
    {
        if (File.Exists("/proc/self/status"))
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1048576.0;
    }

    /// <summary>
    /// A grey RGB PNG written row by row (a 100 MP image compresses to about 100 KB, like the issue's), so making it
    /// does not itself take the memory the benchmark measures.
    /// </summary>
    static byte[] FlatPng(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; header[9] = 2; // 8 bits, RGB; compression, filter, interlace 0
        Chunk(png, "IHDR", header);
        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + width * 3];
            Array.Fill(row, (byte)128, 1, width * 3);
            for (var y = 0; y < height; y++) zlib.Write(row);
        }
        Chunk(png, "IDAT", pixels.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
