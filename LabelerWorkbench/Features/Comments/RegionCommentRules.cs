using LabelerWorkbench.Domain.Text;

namespace LabelerWorkbench.Features.Comments;

/// <summary>What a comment may be: some text, not a wall of it; invisible format characters are dropped.</summary>
public static class RegionCommentRules
{
    public const int MaxLength = 2_000;

    public static string? Check(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "Write something first."
        : text.Length > MaxLength ? $"A comment may be at most {MaxLength:N0} characters."
        : null;

    public static string Clean(string text) => SafeText.WithoutHiddenFormat(text).Trim();
}
