// Keyboard shortcuts on the canvas (not while typing in a field), dispatched from the one table in shortcuts.js;
// class hotkeys come from the project's schema.
import { Commands } from "./commands.js";
import { isTyping } from "./dom.js";
import { keyCombo, shortcutFor, yieldsToClass } from "./shortcuts.js";

export function onKeyDown(c, e) {
    if (!c.host.isConnected || isTyping(e.target)) return;
    // A dialog or menu open over the editor owns the keyboard.
    const dialog = document.querySelector(".mud-dialog-container");
    if (dialog) {
        // Opened from the keyboard, a dialog may not have the focus yet: Esc still closes it.
        if (e.key === "Escape" && !dialog.contains(e.target)) dialog.querySelector(".mud-button-close")?.click();
        return;
    }
    // So does an open menu, or a panel that handles its own keys (the image adjustments).
    if (document.querySelector(".mud-popover-open .mud-list, .mud-popover-open [data-owns-keys]")) return;
    if (e.key === " " && !e.ctrlKey && !e.altKey) { e.preventDefault(); c.spaceDown = true; c.updateCursor(); return; }
    const combo = keyCombo(e);
    // A project's class hotkey wins over the editor's newer letters (H, L, T, S, M), not over the tools and F.
    const cls = classFor(c, combo);
    const row = shortcutFor(combo);
    if (row && !(cls && yieldsToClass(combo))) { row.run(c, e, combo); return; }
    if (cls) c.dotnet.invokeMethodAsync("OnCommand", { name: Commands.Class, value: String(cls.id) });
}

function classFor(c, combo) {
    for (const cls of c.classes.values()) if (cls.hotkey && cls.hotkey === combo) return cls;
    return null;
}
