// Split and merge of text lines, and the editor's zoom step and culling test, under Node's test runner.
import { test } from "node:test";
import assert from "node:assert/strict";
import { clipHalf, convexHull, lineDirection, mergeRegions, splitRegion, splitText } from "../../LabelerWorkbench/wwwroot/editor/lines.js";
import { intersectsView, wheelFactor } from "../../LabelerWorkbench/wwwroot/editor/geometry.js";

test("a text is split at the word boundary nearest the cut, else at the character there", () => {
    assert.deepEqual(splitText("Flat white 3.30", 0.7), ["Flat white", "3.30"]);
    assert.deepEqual(splitText("Flat white 3.30", 0.2), ["Flat", "white 3.30"]);
    assert.deepEqual(splitText("ABCDEFGH", 0.25), ["AB", "CDEFGH"]);
    assert.deepEqual(splitText("", 0.5), ["", ""]);
});

test("a box is cut at the clicked x, the text in proportion, the second half new", () => {
    const box = { id: "a", kind: "box", classId: 1, points: [[100, 10], [300, 40]], transcription: "Total 12.50", source: "model", confidence: 0.9 };
    const [left, right] = splitRegion(box, [230, 25], "b");
    assert.deepEqual(left.points, [[100, 10], [230, 40]]);
    assert.deepEqual(right.points, [[230, 10], [300, 40]]);
    assert.equal(left.id, "a");
    assert.equal(right.id, "b");
    assert.equal(right.classId, 1);
    assert.deepEqual([left.transcription, right.transcription], ["Total", "12.50"]);
    assert.equal(right.source, "labeler");
});

test("a cut at a line's very end, or outside it, splits nothing", () => {
    const box = { id: "a", kind: "box", points: [[100, 10], [300, 40]], transcription: "x" };
    assert.equal(splitRegion(box, [100.5, 25], "b"), null);
    assert.equal(splitRegion(box, [400, 25], "b"), null);
});

test("a slanted polygon line is cut across its own direction", () => {
    // A line rising at 45°: (0,100) → (100,0), 10 px thick.
    const poly = { id: "a", kind: "polygon", points: [[0, 100], [100, 0], [107, 7], [7, 107]], transcription: "one two" };
    const d = lineDirection(poly.points);
    assert.ok(Math.abs(d[0] - Math.SQRT1_2) < 0.01 && Math.abs(d[1] + Math.SQRT1_2) < 0.01, `direction ${d}`);
    const [a, b] = splitRegion(poly, [53, 53], "b");
    assert.equal(a.points.length, 4);
    assert.equal(b.points.length, 4);
    // Every vertex of the first part lies on the lower-left side of the cut, of the second on the upper-right.
    const side = p => (p[0] - 53) * d[0] + (p[1] - 53) * d[1];
    assert.ok(a.points.every(p => side(p) <= 0.01));
    assert.ok(b.points.every(p => side(p) >= -0.01));
    assert.deepEqual([a.transcription, b.transcription], ["one", "two"]);
});

test("clipping a square in half keeps half its corners and adds two on the cut", () => {
    const sq = [[0, 0], [10, 0], [10, 10], [0, 10]];
    assert.deepEqual(clipHalf(sq, [4, 0], [1, 0], -1), [[0, 0], [4, 0], [4, 10], [0, 10]]);
});

test("merged boxes become their bounding box, texts in reading order whatever the click order", () => {
    const a = { id: "a", kind: "box", classId: 1, points: [[200, 10], [260, 30]], transcription: "world" };
    const b = { id: "b", kind: "box", classId: 1, points: [[100, 12], [180, 32]], transcription: "Hello" };
    const { merged, removed } = mergeRegions([a, b]);
    assert.equal(merged.id, "b");
    assert.deepEqual(removed, ["a"]);
    assert.equal(merged.kind, "box");
    assert.deepEqual(merged.points, [[100, 10], [260, 32]]);
    assert.equal(merged.transcription, "Hello world");
});

test("merging with a polygon gives the convex hull of all vertices", () => {
    const a = { id: "a", kind: "polygon", points: [[0, 0], [10, 0], [10, 5], [0, 5]], transcription: "a" };
    const b = { id: "b", kind: "box", points: [[20, 1], [30, 6]], transcription: "" };
    const { merged } = mergeRegions([b, a]);
    assert.equal(merged.kind, "polygon");
    assert.equal(merged.transcription, "a");
    assert.deepEqual(convexHull(merged.points).length, merged.points.length);
    for (const p of [[0, 0], [30, 6], [0, 5], [30, 1]]) assert.ok(merged.points.some(q => q[0] === p[0] && q[1] === p[1]), `hull has ${p}`);
});

test("one wheel notch zooms 1.1–1.2×, bounded per event, either way", () => {
    for (const [dy, mode] of [[-100, 0], [-120, 0], [-3, 1], [-1, 2], [-1000, 0]]) {
        const f = wheelFactor(dy, mode);
        assert.ok(f >= 1.1 && f <= 1.2, `${dy}/${mode}: ${f}`);
        assert.ok(Math.abs(wheelFactor(-dy, mode) * f - 1) < 1e-9, "out undoes in");
    }
    const touchpad = wheelFactor(-4, 0);
    assert.ok(touchpad > 1 && touchpad < 1.01, `a touchpad's small delta is a small step: ${touchpad}`);
});

test("culling keeps shapes that touch the view and drops those wholly outside", () => {
    const view = [0, 0, 100, 100];
    assert.equal(intersectsView([90, 90, 120, 120], view), true);
    assert.equal(intersectsView([101, 0, 120, 10], view), false);
    assert.equal(intersectsView([-50, -50, -1, 10], view), false);
    assert.equal(intersectsView([-50, -50, 500, 500], view), true);
});
