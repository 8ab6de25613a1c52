using System.Globalization;

namespace LabelerWorkbench.Components.Shared;

/// <summary>
/// The reader's time zone and language, as their browser reports them, so every page shows a time one way: in the
/// reader's own zone and format. Until the browser has answered (and on static pages) it is UTC in the server's
/// culture, marked as UTC.
/// </summary>
public sealed record UserClock(TimeZoneInfo Zone, CultureInfo Culture, bool FromBrowser)
{
    public static readonly UserClock Default = new(TimeZoneInfo.Utc, CultureInfo.CurrentCulture, false);

    /// <summary>From the browser's IANA zone and language tag; anything unknown falls back to UTC or the server's culture.</summary>
    public static UserClock FromBrowserSettings(string? zoneId, string? language)
    {
        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrWhiteSpace(zoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found)) zone = found;
        var culture = CultureInfo.CurrentCulture;
        try
        {
            if (!string.IsNullOrWhiteSpace(language) && language.Length <= 35) culture = CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException) { }
        return new(zone, culture, true);
    }

    /// <summary>A stored UTC time in the reader's zone: "g" date and short time, "d" date, "T" time.</summary>
    public string Format(DateTime utc, string style = "g")
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
        var text = local.ToString(style, Culture);
        return style == "d" || FromBrowser ? text : text + " UTC";
    }
}
