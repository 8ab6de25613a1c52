// The reader's language and IANA time zone, for formatting stored UTC times on the server.
export function reader() {
    return [navigator.language || '', Intl.DateTimeFormat().resolvedOptions().timeZone || ''];
}
