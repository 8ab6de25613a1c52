using System.Globalization;

namespace LabelerWorkbench.Components.Shared;

/// <summary>
/// The reader's culture and time zone, as their browser reports them. The server cannot know either: a page
/// that shows times wraps itself in <see cref="ReaderClockProvider"/>, and <see cref="When"/> reads this.
/// </summary>
public sealed record ReaderClock(CultureInfo Culture, TimeZoneInfo Zone)
{
    public static ReaderClock Server => new(CultureInfo.CurrentCulture, TimeZoneInfo.Utc);

    /// <summary>From the browser's language tag and IANA zone; what cannot be read falls back to the server's culture and UTC.</summary>
    public static ReaderClock From(string? language, string? zone)
    {
        var culture = CultureInfo.CurrentCulture;
        try { if (language is { Length: > 0 and < 40 }) culture = CultureInfo.GetCultureInfo(language); }
        catch (CultureNotFoundException) { }
        var tz = TimeZoneInfo.Utc;
        try { if (zone is { Length: > 0 and < 80 }) tz = TimeZoneInfo.FindSystemTimeZoneById(zone); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { }
        return new(culture, tz);
    }

    /// <summary>A stored UTC time in the reader's zone and culture; the zone is named unless only the date is shown.</summary>
    public string Format(DateTime utc, string style = "g")
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
        var text = local.ToString(style, Culture);
        return style == "d" ? text : $"{text} {(Zone == TimeZoneInfo.Utc ? "UTC" : ZoneLabel(local))}";
    }

    string ZoneLabel(DateTime local)
    {
        var offset = Zone.GetUtcOffset(local);
        return offset == TimeSpan.Zero ? "UTC" : $"UTC{(offset < TimeSpan.Zero ? "−" : "+")}{offset:hh\\:mm}";
    }
}
