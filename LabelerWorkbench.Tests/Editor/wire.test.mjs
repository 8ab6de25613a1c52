// The packed first-draw payload (PackedRegions in .NET) read back into region objects.
import { test } from "node:test";
import assert from "node:assert/strict";
import { unpackRegions } from "../../LabelerWorkbench/wwwroot/editor/wire.js";

test("packed regions come back as the objects the editor draws, in order", () => {
    const packed = {
        ids: ["a", "b"], kinds: "bp", classIds: [1, null],
        points: [[10, 20, 50, 40], [0, 0, 5.5, 0, 5, 5]], texts: ["hello", ""],
        sourceNames: ["labeler", "model"], sources: [0, 1], confidences: [null, 0.42], pending: [1],
    };
    assert.deepEqual(unpackRegions(packed), [
        { id: "a", kind: "box", classId: 1, points: [[10, 20], [50, 40]], transcription: "hello", source: "labeler", confidence: null, pending: false },
        { id: "b", kind: "polygon", classId: null, points: [[0, 0], [5.5, 0], [5, 5]], transcription: "", source: "model", confidence: 0.42, pending: true },
    ]);
});

test("an empty task unpacks to no regions", () => {
    assert.deepEqual(unpackRegions({ ids: [], kinds: "", classIds: [], points: [], texts: [], sourceNames: [], sources: [], confidences: [], pending: [] }), []);
});
