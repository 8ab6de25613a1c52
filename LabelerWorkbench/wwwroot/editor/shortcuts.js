// Every keyboard shortcut and mouse gesture of the editor, in one table: the keyboard module dispatches from it and
// the "?" overlay lists it, so the two never drift. `combos` are what keyCombo() makes of a keydown; rows without
// `run` are mouse gestures, listed only. No DOM here, so Node's test runner covers the table.
import { Commands, Tools } from "./commands.js";

const send = (c, name, value) => c.dotnet.invokeMethodAsync("OnCommand", value === undefined ? { name } : { name, value });
const tool = (c, t) => { c.setTool(t); send(c, Commands.Tool, t); };

export const SHORTCUTS = Object.freeze([
    { keys: "V / B / P", combos: ["v", "b", "p"], what: "select tool, box tool, polygon tool",
      run: (c, e, combo) => tool(c, { v: Tools.Select, b: Tools.Box, p: Tools.Polygon }[combo]) },
    { keys: "Enter", combos: ["Enter"], what: "finish the polygon being drawn (or click its first vertex); then the select tool",
      run: (c, e) => { if (!c.drawing) return false; e.preventDefault(); c.finishPolygon(); } },
    { keys: "Esc", combos: ["Escape"], what: "cancel drawing or splitting, else deselect",
      run: c => { if (c.drawing) c.cancelDrawing(); else if (c.splitting) c.setSplitting(false); else c.setSelection(null, true); } },
    { keys: "Del / Backspace", combos: ["Delete", "Backspace"], what: "delete the selected vertex or region; while drawing, the last vertex",
      run: (c, e) => { e.preventDefault(); c.deleteSelected(); } },
    { keys: "Ctrl+Z", combos: ["Ctrl+z"], what: "undo (every kind of edit, including class and text)",
      run: (c, e) => { e.preventDefault(); send(c, Commands.Undo); } },
    { keys: "Ctrl+Shift+Z / Ctrl+Y", combos: ["Ctrl+Shift+z", "Ctrl+y"], what: "redo",
      run: (c, e) => { e.preventDefault(); send(c, Commands.Redo); } },
    { keys: "H", combos: ["h"], what: "hide or show the selected region", run: c => { if (!c.selectedId) return false; send(c, Commands.Hide); } },
    { keys: "L", combos: ["l"], what: "lock or unlock the selected region (a locked one cannot be selected or moved on the image)",
      run: c => { if (!c.selectedId) return false; send(c, Commands.Lock); } },
    { keys: "T", combos: ["t"], what: "show or hide class names on the shapes", run: c => send(c, Commands.Labels) },
    { keys: "S, then click", combos: ["s"], what: "split the selected text line where you click (also Alt+click on it)",
      run: c => { if (!c.selectedId) return false; c.setSplitting(true); } },
    { keys: "Shift+click, then M", combos: ["m"], what: "select several text lines, then merge them (text joined in reading order)",
      run: c => { if (c.multi.size < 2) return false; c.mergeSelected(); } },
    { keys: "F / + / −", combos: ["f", "+", "=", "-"], what: "fit to screen, zoom in, zoom out",
      run: (c, e, combo) => combo === "f" ? c.fit() : c.zoomBy(combo === "-" ? 1 / 1.25 : 1.25) },
    { keys: "?", combos: ["?"], what: "this list of shortcuts", run: c => send(c, Commands.Help) },
    { keys: "Wheel", what: "zoom at the pointer" },
    { keys: "Space+drag, middle drag, drag on empty image", what: "pan" },
    { keys: "Drag a region / a handle", what: "move it / resize a box or move a vertex" },
    { keys: "Drag an edge's dot", what: "insert a vertex" },
    { keys: "Alt+click a vertex", what: "delete the vertex (a polygon keeps at least three)" },
]);

/** A keydown as a combo name: "Ctrl+z", "Ctrl+Shift+z", "Enter", "h", "?"; Shift counts only with Ctrl or a named key. */
export function keyCombo({ key, ctrlKey, metaKey, altKey, shiftKey }) {
    const name = key.length === 1 ? key.toLowerCase() : key;
    const ctrl = ctrlKey || metaKey;
    return (ctrl ? "Ctrl+" : "") + (altKey ? "Alt+" : "") + (shiftKey && (ctrl || key.length > 1) ? "Shift+" : "") + name;
}

/** The table row a combo runs, if any. */
export function shortcutFor(combo) {
    return SHORTCUTS.find(s => s.run && s.combos.includes(combo)) ?? null;
}

/** Keys a project's class hotkey may take over: the letters added after class hotkeys existed. */
export function yieldsToClass(combo) { return ["h", "l", "t", "s", "m"].includes(combo); }

/** The rows the "?" overlay shows: the table plus the project's class hotkeys (and which letters they take over). */
export function shortcutRows(classes) {
    const taken = new Map(classes.filter(c => c.hotkey && yieldsToClass(c.hotkey)).map(c => [c.hotkey, c.name]));
    const rows = SHORTCUTS.map(s => {
        const lost = (s.combos ?? []).find(k => taken.has(k));
        return { keys: s.keys, what: lost ? `${s.what} (in this project ${lost.toUpperCase()} picks the class ${taken.get(lost)})` : s.what };
    });
    const classRows = classes.filter(cls => cls.hotkey).map(cls =>
        ({ keys: cls.hotkey.toUpperCase(), what: `class ${cls.name}: relabels the selected region, else the class for new ones` }));
    rows.splice(1, 0, ...classRows);
    return rows;
}
