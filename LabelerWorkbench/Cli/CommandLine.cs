using LabelerWorkbench.Features.Demo;

namespace LabelerWorkbench.Cli;

/// <summary>Commands that run without the web server: <c>dotnet run --project LabelerWorkbench -- COMMAND …</c>.</summary>
public static class CommandLine
{
    /// <returns>An exit code when <paramref name="args"/> named a command, otherwise null (start the server).</returns>
    public static int? TryRun(string[] args)
    {
        try { return Dispatch(args); }
        catch (OcrUnavailableException ex)
        {
            Console.Error.WriteLine($"{args[0]}: {ex.Message}");
            return 1;
        }
        catch (CliUsageException ex)
        {
            Console.Error.WriteLine($"{args[0]}: {ex.Message}");
            Console.Error.WriteLine();
            Console.Error.WriteLine(args[0] != "simulate" ? HelpText
                : args.Contains("--consensus") ? "Usage: " + ConsensusSimulateCommand.Usage : "Usage: " + SimulateCommand.Usage);
            return 2;
        }
    }

    static int? Dispatch(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "generate-samples":
                var folder = args.Length > 1 ? args[1] : Path.Combine("assets", "samples");
                SampleImages.WriteAll(folder, Path.Combine(AppContext.BaseDirectory, "assets"));
                Console.WriteLine($"Wrote {SampleImages.Scenes.Count} sample images to {Path.GetFullPath(folder)}");
                return 0;
            case "generate-training":
                var root = args.Length > 1 ? args[1] : Path.Combine("assets", "training");
                TrainingContent.WriteAll(root, Path.Combine(AppContext.BaseDirectory, "assets"));
                Console.WriteLine($"Wrote the training modules' images and practice tasks to {Path.GetFullPath(root)}");
                return 0;
            case "preannotate":
                CliArgs.Check(args[1..], ["--images", "--out", .. OcrCliOptions.Names]);
                return PreannotateCommand.Run(args[1..]);
            case "simulate" when args.Contains("--consensus"):
                return ConsensusSimulateCommand.Run(args[1..]);
            case "simulate":
                return SimulateCommand.Run(args[1..]);
            case "export":
                CliArgs.Check(args[1..], ["--project", "--format", "--out", "--from", "--to", "--DataDirectory", "--ConnectionStrings:Default"], ["--all"]);
                return ExportCommand.RunAsync(args[1..]).GetAwaiter().GetResult();
            case "bench-export":
                CliArgs.Check(args[1..], ["--regions", "--per-image"]);
                return Bench.ExportBench.RunAsync(args[1..]).GetAwaiter().GetResult();
            case "bench-decode":
                CliArgs.Check(args[1..], ["--uploads", "--megapixels", "--budget-mp", "--wait-ms"]);
                return DecodeBenchCommand.RunAsync(args[1..]).GetAwaiter().GetResult();
            case "bench-load":
                // The options are read (strictly) before anything starts.
                return Bench.LoadBenchCommand.Run(args[1..]);
            case "bench-text":
                CliArgs.Check(args[1..], ["--pages", "--seed", "--fonts", .. OcrCliOptions.Names], ["--dense"]);
                return Bench.TextBench.Run(args[1..]);
            case "bench":
                CliArgs.Check(args[1..], ["--images", "--runs", "--node", .. OcrCliOptions.Names]);
                return Bench.BenchCommand.Run(args[1..]);
            case "bench-dense":
                CliArgs.Check(args[1..], ["--size", "--words", "--pages", "--seed", "--fonts", "--show-errors", .. OcrCliOptions.Names]);
                return Bench.DenseBench.Run(args[1..]);
            case "calibrate-ocr":
                CliArgs.Check(args[1..], ["--pages", "--seed", "--fonts", "--out", .. OcrCliOptions.Names]);
                return Bench.CalibrateCommand.Run(args[1..]);
            case "help" or "--help" or "-h":
                Console.WriteLine(HelpText);
                return 0;
            default:
                return null;
        }
    }

    const string HelpText = """
                    Usage: dotnet run --project LabelerWorkbench [-- COMMAND]
                      (no command)               start the web app (see README for settings)
                      generate-samples [FOLDER]  render the demo images (default assets/samples)
                      generate-training [FOLDER] render the training modules' images and practice (default assets/training)
                      preannotate --images DIR --out FILE.jsonl [OCR]
                                                 run the default OCR models over DIR, one JSON line per image
                      bench [--images DIR] [--runs N] [--node FILE.json] [OCR]
                                                 time the OCR pipeline stage by stage (and compare with ocr-node)
                      bench-dense [--size WxH] [--words N] [--pages N] [--seed S] [--fonts DIR] [--show-errors N] [OCR]
                                                 OCR on generated dense pages: phrase recall, CER and time per megapixel
                      export --project NAME --format coco|yolo|voc|icdar|jsonl --out PATH [--all] [--from DATE] [--to DATE]
                                                 export a project from the configured database (accepted tasks unless --all)
                      bench-export [--regions N] [--per-image M]
                                                 time every export format on N synthetic regions
                      bench-decode [--uploads N] [--megapixels M] [--budget-mp B] [--wait-ms W]
                                                 N concurrent uploads of an M-megapixel PNG through the decode budget: peak memory
                      bench-load [--labelers N] [--seconds S] [--setup sqlite|postgres|postgres-2nodes] [--save-every-ms MS]
                                 [--saves-per-task K] [--warmup-seconds W] [--pool-size P] [--json FILE]
                                                 N simulated labelers (lease, save, submit) against app nodes it starts:
                                                 saves/s, save latency, errors, node memory per labeler (default 200, 60 s, sqlite;
                                                 --pool-size: PostgreSQL connections per node, default 10)
                      bench-text [--pages N] [--seed S] [--fonts DIR] [--dense] [OCR]
                                                 OCR on rendered English pages: recall and CER (with and without spaces) by crop margin
                      calibrate-ocr [--pages N] [--seed S] [--fonts DIR] [--out FILE] [OCR]
                                                 fit the OCR line confidence on rendered text and print its reliability table
                      simulate [--labelers N] [--tasks M] [--seed S] [--drift-after H] [--slide] [--improve-after K] [--rule new|old|forgetting]
                                                 run the scorer and the quality monitor over simulated labelers
                      simulate --consensus K [--pages N] [--lines L] [--char-error P] [--word-error P] [--miss P] [--extra P] [--jitter PX] [--seed S]
                                                 K simulated labelers per page through the consensus merger: CER and region precision/recall
                    OCR settings (the detection model's manifest gives the defaults):
                      [--max-side PX] [--tile-overlap PX] [--split-gap INK_HEIGHTS] [--threads N] [--spinning on|off]
                    """;
}
