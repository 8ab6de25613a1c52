// The editor's view state kept per task in localStorage (here a Map standing in for it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadView, saveView } from "../../LabelerWorkbench/wwwroot/editor/viewStore.js";

const memory = () => { const m = new Map(); return { getItem: k => m.get(k) ?? null, setItem: (k, v) => m.set(k, v), m }; };
const id = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

test("what is saved for a task comes back for that task only", () => {
    const storage = memory();
    saveView("annotate:7", { hidden: [id], locked: [], hiddenClasses: [3], lockedClasses: [1], showLabels: true }, storage);
    assert.deepEqual(loadView("annotate:7", storage), { hidden: [id], locked: [], hiddenClasses: [3], lockedClasses: [1], showLabels: true });
    assert.equal(loadView("annotate:8", storage), null);
});

test("no key keeps nothing", () => {
    const storage = memory();
    saveView(null, { hidden: [id] }, storage);
    assert.equal(storage.m.size, 0);
    assert.equal(loadView(null, storage), null);
});

test("a hand-edited or broken value is read as far as it is well formed", () => {
    const storage = memory();
    storage.setItem("lw-editor-view:t", JSON.stringify({ hidden: [id, "<img>", 5], hiddenClasses: ["1", 2.5, 4], showLabels: "yes" }));
    assert.deepEqual(loadView("t", storage), { hidden: [id], locked: [], hiddenClasses: [4], lockedClasses: [], showLabels: false });
    storage.setItem("lw-editor-view:t", "{not json");
    assert.equal(loadView("t", storage), null);
});

test("storage that refuses (private mode, full) loses the view, never throws", () => {
    const refusing = { getItem() { throw new Error("denied"); }, setItem() { throw new Error("full"); } };
    assert.equal(loadView("t", refusing), null);
    assert.doesNotThrow(() => saveView("t", { hidden: [] }, refusing));
});
