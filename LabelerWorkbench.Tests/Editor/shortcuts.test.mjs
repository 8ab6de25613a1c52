// The one shortcut table: every key combo runs one row, and the "?" overlay lists every row.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SHORTCUTS, keyCombo, shortcutFor, shortcutRows } from "../../LabelerWorkbench/wwwroot/editor/shortcuts.js";

test("no key combo is claimed by two rows, and every row says what it does", () => {
    const combos = SHORTCUTS.flatMap(s => s.combos ?? []);
    assert.equal(new Set(combos).size, combos.length);
    for (const s of SHORTCUTS) assert.ok(s.keys && s.what, JSON.stringify(s));
});

test("keydowns are named the way the table names them", () => {
    assert.equal(keyCombo({ key: "Z", ctrlKey: true, shiftKey: true }), "Ctrl+Shift+z");
    assert.equal(keyCombo({ key: "z", ctrlKey: true }), "Ctrl+z");
    assert.equal(keyCombo({ key: "?", shiftKey: true }), "?");
    assert.equal(keyCombo({ key: "H", shiftKey: true }), "h");
    assert.equal(shortcutFor("h").keys, "H");
    assert.equal(shortcutFor("Ctrl+y").what, "redo");
    assert.equal(shortcutFor("x"), null);
});

test("the overlay lists every row and the project's class hotkeys", () => {
    const rows = shortcutRows([{ hotkey: "1", name: "Text line" }, { hotkey: null, name: "Other" }]);
    assert.equal(rows.length, SHORTCUTS.length + 1);
    assert.ok(rows.some(r => r.keys === "1" && r.what.includes("Text line")));
    for (const s of SHORTCUTS) assert.ok(rows.some(r => r.keys === s.keys));
});

test("a class hotkey on one of the newer letters is named in the overlay's row for that letter", () => {
    const rows = shortcutRows([{ hotkey: "h", name: "Heading" }]);
    assert.match(rows.find(r => r.keys === "H").what, /Heading/);
    assert.doesNotMatch(rows.find(r => r.keys === "V / B / P").what, /Heading/);
});
