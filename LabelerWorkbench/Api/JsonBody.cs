using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace LabelerWorkbench.Api;

/// <summary>
/// Reads a JSON request body itself rather than by parameter binding, whose refusal is a bare 400: a client that
/// sent <c>"points": "abc"</c> or cut the body short is told where and what is wrong.
/// </summary>
public static class JsonBody
{
    /// <summary>What each field of the API's bodies holds, for the client that sent something else.</summary>
    static readonly Dictionary<string, string> Expected = new(StringComparer.OrdinalIgnoreCase)
    {
        ["points"] = "an array of [x, y] number pairs",
        ["id"] = "a GUID string",
        ["classId"] = "an integer or null",
        ["kind"] = "a string, \"box\" or \"polygon\"",
        ["transcription"] = "a string or null",
        ["source"] = "a string or null",
        ["upserts"] = "an array of region objects",
        ["deletes"] = "an array of region ids (GUID strings)",
    };

    /// <returns>The body, or null and a problem-details 400 that says what is wrong.</returns>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, string shape) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Results.Problem($"The body must be JSON (Content-Type: application/json), shaped {shape}.", statusCode: 400));
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted);
            return value is null
                ? (null, Results.Problem($"The body must be {shape}.", statusCode: 400))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Results.Problem(Describe(ex, shape), statusCode: 400, title: "The body is not a valid request",
                extensions: new Dictionary<string, object?> { ["path"] = ex.Path, ["line"] = ex.LineNumber + 1, ["bytePositionInLine"] = ex.BytePositionInLine + 1 }));
        }
    }

    static string Describe(JsonException ex, string shape)
    {
        var where = $"line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}";
        // A conversion failure carries the path of the value; a syntax error (cut short, a stray comma) only a position.
        if (ex.Path is { Length: > 1 } path && ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            var field = path.Split('.').Last();
            var bracket = field.IndexOf('[');
            if (bracket > 0) field = field[..bracket];
            return Expected.TryGetValue(field, out var expected)
                ? $"{path} ({where}) has a value of the wrong type: it must be {expected}."
                : $"{path} ({where}) has a value of the wrong type for a body shaped {shape}.";
        }
        return $"The body is not valid JSON at {where}{(ex.Path is { Length: > 1 } p ? $" ({p})" : "")}: {FirstSentence(ex.InnerException?.Message ?? ex.Message)}";
    }

    static string FirstSentence(string message)
    {
        if (message.Contains("Expected depth to be zero", StringComparison.Ordinal)) return "it ends before its objects and arrays are closed.";
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') + "." : message[..(end + 1)];
    }
}
