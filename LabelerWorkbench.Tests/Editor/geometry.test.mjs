// The canvas's pure geometry, under Node's test runner (run by the README's test command).
import { test } from "node:test";
import assert from "node:assert/strict";
import { boxHandles, clone, closesPolygon, normaliseBox, resizeBox, round, translateWithin, zoomAbout }
    from "../../LabelerWorkbench/wwwroot/editor/geometry.js";

test("a box drawn in any direction is stored top-left to bottom-right", () => {
    assert.deepEqual(normaliseBox([[50, 40], [10, 20]]), [[10, 20], [50, 40]]);
    assert.deepEqual(normaliseBox([[10, 40], [50, 20]]), [[10, 20], [50, 40]]);
});

test("a corner handle moves two sides, an edge handle one", () => {
    const box = [[10, 10], [110, 60]];
    assert.deepEqual(resizeBox(box, "se", [200, 90]), [[10, 10], [200, 90]]);
    assert.deepEqual(resizeBox(box, "nw", [0, 5]), [[0, 5], [110, 60]]);
    assert.deepEqual(resizeBox(box, "e", [150, 999]), [[10, 10], [150, 60]]);
    assert.deepEqual(resizeBox(box, "n", [999, 0]), [[10, 0], [110, 60]]);
});

test("the eight handles sit on the corners and edge midpoints", () => {
    const h = boxHandles([[0, 0], [100, 50]]);
    assert.deepEqual(h.nw, [0, 0]);
    assert.deepEqual(h.s, [50, 50]);
    assert.deepEqual(h.e, [100, 25]);
    assert.equal(Object.keys(h).length, 8);
});

test("moving a shape keeps all of it inside the image", () => {
    const pts = [[10, 10], [30, 10], [20, 40]];
    assert.deepEqual(translateWithin(pts, -50, 5, 100, 100), [[0, 15], [20, 15], [10, 45]]);
    assert.deepEqual(translateWithin(pts, 500, 500, 100, 100), [[80, 70], [100, 70], [90, 100]]);
    assert.deepEqual(translateWithin(pts, 1.234, 0, 100, 100), [[11.23, 10], [31.23, 10], [21.23, 40]]);
});

test("coordinates are kept to 1/100 pixel and clones do not share points", () => {
    assert.equal(round(1.23456), 1.23);
    const r = { id: "a", points: [[1, 2]] };
    const c = clone(r);
    c.points[0][0] = 9;
    assert.equal(r.points[0][0], 1);
});

test("a click near the first vertex closes a polygon of three or more, on screen", () => {
    const view = { s: 2, tx: 10, ty: 20 };
    const pts = [[5, 5], [50, 5], [50, 50]];
    assert.equal(closesPolygon(pts, [20 + 5, 30 + 2], view, 9), true);   // first vertex on screen at (20, 30)
    assert.equal(closesPolygon(pts, [40, 30], view, 9), false);
    assert.equal(closesPolygon(pts.slice(0, 2), [20, 30], view, 9), false);
});

test("zooming keeps the image point under the pointer still, within the scale limits", () => {
    const view = { s: 1, tx: 0, ty: 0 };
    const z = zoomAbout(view, 100, 50, 2);
    assert.equal(z.s, 2);
    // Image point (100, 50) was at screen (100, 50) and still is.
    assert.equal(100 * z.s + z.tx, 100);
    assert.equal(50 * z.s + z.ty, 50);
    assert.equal(zoomAbout(view, 0, 0, 1e9).s, 50);
    assert.equal(zoomAbout(view, 0, 0, 1e-9).s, 0.02);
});

test("a region draws alike after a transcription edit, not after a move, a class or a settled suggestion", async () => {
    const { drawnAlike } = await import("../../LabelerWorkbench/wwwroot/editor/geometry.js");
    const r = { id: "a", kind: "box", classId: 1, points: [[1, 2], [3, 4]], transcription: "x", source: "model", confidence: 0.5, pending: true };
    assert.equal(drawnAlike(r, { ...r, transcription: "xy", points: [[1, 2], [3, 4]] }), true);
    assert.equal(drawnAlike(r, { ...r, points: [[1, 2], [3, 5]] }), false);
    assert.equal(drawnAlike(r, { ...r, classId: 2 }), false);
    assert.equal(drawnAlike(r, { ...r, pending: false }), false);
    assert.equal(drawnAlike(r, { ...r, kind: "polygon", points: [[1, 2], [3, 4]] }), false);
});
