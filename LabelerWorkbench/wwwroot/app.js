// Page-wide helpers called from .NET (kept in a file: the script policy allows no inline script).

// The reader's time zone (IANA id) and language, so times are shown as they read them.
window.lwBrowserClock = () => [Intl.DateTimeFormat().resolvedOptions().timeZone || '', navigator.language || ''];
