// Keyboard shortcuts on the canvas (not while typing in a field): tools, classes, undo/redo, zoom, drawing.
import { Commands, Tools } from "./commands.js";
import { isTyping } from "./dom.js";

export function onKeyDown(c, e) {
    if (!c.host.isConnected || isTyping(e.target)) return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const ctrl = e.ctrlKey || e.metaKey;
    if (ctrl && key === "z") { e.preventDefault(); c.dotnet.invokeMethodAsync("OnCommand", { name: e.shiftKey ? Commands.Redo : Commands.Undo }); return; }
    if (ctrl && key === "y") { e.preventDefault(); c.dotnet.invokeMethodAsync("OnCommand", { name: Commands.Redo }); return; }
    if (ctrl || e.altKey) return;
    switch (key) {
        case " ": e.preventDefault(); c.spaceDown = true; c.updateCursor(); return;
        case "v": case "b": case "p": {
            const tool = { v: Tools.Select, b: Tools.Box, p: Tools.Polygon }[key];
            c.setTool(tool);
            c.dotnet.invokeMethodAsync("OnCommand", { name: Commands.Tool, value: tool });
            return;
        }
        case "f": c.fit(); return;
        case "+": case "=": c.zoomBy(1.25); return;
        case "-": c.zoomBy(0.8); return;
        case "Enter": if (c.drawing) { e.preventDefault(); c.finishPolygon(); } return;
        case "Escape":
            if (c.drawing) c.cancelDrawing(); else c.setSelection(null, true);
            return;
        case "Delete": case "Backspace":
            e.preventDefault();
            if (c.drawing) {
                c.drawing.points.pop();
                if (c.drawing.points.length === 0) c.drawing = null;
                c.renderHandles();
            } else if (c.selectedVertex !== null) {
                c.deleteVertex(c.selectedVertex);
            } else if (c.selectedId) {
                c.dotnet.invokeMethodAsync("OnRemove", c.selectedId);
            }
            return;
    }
    for (const cls of c.classes.values()) {
        if (cls.hotkey && cls.hotkey === key) { c.dotnet.invokeMethodAsync("OnCommand", { name: Commands.Class, value: String(cls.id) }); return; }
    }
}
