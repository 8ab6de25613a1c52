using LabelerWorkbench.Components.Shared;

namespace LabelerWorkbench.Tests.Components;

public class ReaderClockTests
{
    static readonly DateTime Utc = new(2026, 7, 1, 12, 5, 0, DateTimeKind.Utc);

    [Fact]
    public void Format_UsesTheReadersCultureAndZone_AndNamesTheOffset()
    {
        var berlin = ReaderClock.From("de-DE", "Europe/Berlin");
        Assert.Equal("01.07.2026 14:05 UTC+02:00", berlin.Format(Utc));
        Assert.Equal("01.07.2026", berlin.Format(Utc, "d"));
        var newYork = ReaderClock.From("en-US", "America/New_York");
        // ICU puts a narrow no-break space before AM.
        Assert.Equal("7/1/2026 8:05\u202FAM UTC−04:00", newYork.Format(Utc));
    }

    [Fact]
    public void WhatTheBrowserSendsThatCannotBeRead_FallsBackToUtc()
    {
        var clock = ReaderClock.From("not a culture <script>", "Mars/Olympus_Mons");
        Assert.Equal(TimeZoneInfo.Utc, clock.Zone);
        Assert.EndsWith(" UTC", clock.Format(Utc));
    }
}
