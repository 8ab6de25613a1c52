using LabelerWorkbench.Features.Projects.Import;

namespace LabelerWorkbench.Api;

/// <summary>How an import's per-file results become an HTTP answer, the same for the cookie API and /api/v1.</summary>
static class ImportAnswers
{
    /// <summary>Seconds a client is asked to wait before sending a busy file again.</summary>
    const int RetryAfterSeconds = 5;

    /// <summary>
    /// Every file turned away as busy: 503 with Retry-After, so a client retries rather than gives up. Some busy:
    /// the per-file results (200) with Retry-After, the busy ones marked "busy". Otherwise the results.
    /// </summary>
    public static IResult Answer(HttpResponse response, IReadOnlyList<ImportFileResult> results, Func<object, IResult> ok)
    {
        if (results.Any(r => r.Outcome == ImportOutcome.Busy))
            response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (results.Count > 0 && results.All(r => r.Outcome == ImportOutcome.Busy))
            return Results.Problem($"The server is busy decoding other large images; send the files again in {RetryAfterSeconds} seconds.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy, retry");
        return ok(results);
    }
}
