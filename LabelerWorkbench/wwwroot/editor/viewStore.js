// Which regions and classes this browser hides or locks, and whether class names are drawn, kept per task in
// localStorage: a reload, or coming back to the task later, shows the image as the labeler left it. Never sent to
// the server (it is how one person looks at the work, not the work).
const PREFIX = "lw-editor-view:";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_IDS = 20000, MAX_CLASSES = 1000;

/** The view state kept under this key, or null when there is none or it cannot be read. */
export function loadView(key, storage = globalThis.localStorage) {
    if (!key) return null;
    try {
        const saved = JSON.parse(storage.getItem(PREFIX + key) ?? "null");
        return saved && typeof saved === "object" ? normaliseView(saved) : null;
    } catch {
        return null;   // storage refused (private mode) or an edited value: start as if nothing was kept
    }
}

export function saveView(key, state, storage = globalThis.localStorage) {
    if (!key) return;
    try { storage.setItem(PREFIX + key, JSON.stringify(normaliseView(state))); }
    catch { /* storage full or refused: the view is simply not kept */ }
}

/** Only well-formed ids and class numbers, within limits: the value may have been edited by hand. */
export function normaliseView(v) {
    const ids = a => Array.isArray(a) ? a.filter(x => typeof x === "string" && GUID.test(x)).slice(0, MAX_IDS) : [];
    const classes = a => Array.isArray(a) ? a.filter(Number.isInteger).slice(0, MAX_CLASSES) : [];
    return { hidden: ids(v.hidden), locked: ids(v.locked), hiddenClasses: classes(v.hiddenClasses),
             lockedClasses: classes(v.lockedClasses), showLabels: v.showLabels === true };
}
