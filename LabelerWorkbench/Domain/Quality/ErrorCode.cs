namespace LabelerWorkbench.Domain.Quality;

/// <summary>The error taxonomy (see ARCHITECTURE.md). Gold scoring and reviewers use the same codes.</summary>
public enum ErrorCode
{
    MissedRegion = 0,
    ExtraRegion = 1,
    WrongLabel = 2,
    LooseGeometry = 3,
    TightGeometry = 4,
    TranscriptionError = 5,
    AcceptedBadSuggestion = 6,
}

public static class ErrorCodes
{
    public static IReadOnlyList<ErrorCode> All { get; } = Enum.GetValues<ErrorCode>();

    /// <summary>The snake_case name used in files, exports, the API and the training folder names.</summary>
    public static string Name(this ErrorCode code) => code switch
    {
        ErrorCode.MissedRegion => "missed_region",
        ErrorCode.ExtraRegion => "extra_region",
        ErrorCode.WrongLabel => "wrong_label",
        ErrorCode.LooseGeometry => "loose_geometry",
        ErrorCode.TightGeometry => "tight_geometry",
        ErrorCode.TranscriptionError => "transcription_error",
        ErrorCode.AcceptedBadSuggestion => "accepted_bad_suggestion",
        _ => throw new ArgumentOutOfRangeException(nameof(code)),
    };

    public static string Title(this ErrorCode code) => code switch
    {
        ErrorCode.MissedRegion => "Missed region",
        ErrorCode.ExtraRegion => "Extra region",
        ErrorCode.WrongLabel => "Wrong label",
        ErrorCode.LooseGeometry => "Loose geometry",
        ErrorCode.TightGeometry => "Tight geometry",
        ErrorCode.TranscriptionError => "Transcription error",
        ErrorCode.AcceptedBadSuggestion => "Accepted a bad suggestion",
        _ => throw new ArgumentOutOfRangeException(nameof(code)),
    };

    public static bool TryParse(string? name, out ErrorCode code)
    {
        foreach (var c in All)
        {
            if (string.Equals(c.Name(), name, StringComparison.OrdinalIgnoreCase)) { code = c; return true; }
        }
        code = default;
        return false;
    }
}

/// <summary>How often one error type occurred out of how many chances it had to occur.</summary>
public readonly record struct ErrorTally(ErrorCode Code, int Errors, int Opportunities)
{
    public double Rate => Opportunities == 0 ? 0 : (double)Errors / Opportunities;
    public ErrorTally Add(int errors, int opportunities) => this with { Errors = Errors + errors, Opportunities = Opportunities + opportunities };
}
