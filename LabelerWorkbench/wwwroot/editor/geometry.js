// Pure geometry of the editor's gestures, in image coordinates; no DOM, so Node's test runner covers it.

export const BOX_HANDLES = Object.freeze(["nw", "n", "ne", "e", "se", "s", "sw", "w"]);

/** Coordinates to 1/100 pixel: what .NET stores. */
export function round(v) { return Math.round(v * 100) / 100; }

export function clone(r) { return { ...r, points: r.points.map(p => [p[0], p[1]]) }; }

/** A box as its top-left and bottom-right corners, whichever way it was drawn. */
export function normaliseBox([[x1, y1], [x2, y2]]) {
    return [[Math.min(x1, x2), Math.min(y1, y2)], [Math.max(x1, x2), Math.max(y1, y2)]];
}

/** Where each of a box's eight resize handles sits. */
export function boxHandles([[x1, y1], [x2, y2]]) {
    return { nw: [x1, y1], n: [(x1 + x2) / 2, y1], ne: [x2, y1], e: [x2, (y1 + y2) / 2],
             se: [x2, y2], s: [(x1 + x2) / 2, y2], sw: [x1, y2], w: [x1, (y1 + y2) / 2] };
}

/** Drags one handle of a box to (px, py): a corner moves two sides, an edge one. */
export function resizeBox(points, handle, [px, py]) {
    let [[x1, y1], [x2, y2]] = points;
    if (handle.includes("n")) y1 = py;
    if (handle.includes("s")) y2 = py;
    if (handle.includes("w")) x1 = px;
    if (handle.includes("e")) x2 = px;
    return [[x1, y1], [x2, y2]];
}

/** Moves points by (dx, dy) but keeps the whole shape inside the w × h image. */
export function translateWithin(points, dx, dy, w, h) {
    const xs = points.map(p => p[0]), ys = points.map(p => p[1]);
    dx = Math.min(Math.max(dx, -Math.min(...xs)), w - Math.max(...xs));
    dy = Math.min(Math.max(dy, -Math.min(...ys)), h - Math.max(...ys));
    return points.map(([x, y]) => [round(x + dx), round(y + dy)]);
}

/**
 * Whether a click at screen point `at` (relative to the canvas) closes a polygon being drawn: it has three
 * vertices or more and the click is within `radius` screen pixels of the first one, under the view {s, tx, ty}.
 */
export function closesPolygon(points, [sx, sy], view, radius) {
    if (points.length < 3) return false;
    const [fx, fy] = points[0];
    return Math.hypot(sx - (fx * view.s + view.tx), sy - (fy * view.s + view.ty)) <= radius;
}

/** The view {s, tx, ty} after zooming by `factor` about screen point (px, py), the scale kept within [min, max]. */
export function zoomAbout(view, px, py, factor, min = 0.02, max = 50) {
    const s = Math.min(Math.max(view.s * factor, min), max);
    return { s, tx: px - (px - view.tx) * s / view.s, ty: py - (py - view.ty) * s / view.s };
}

/** Zoom factor for one wheel event: about 1.15× per mouse notch, never more than 1.2× per event, smooth for touchpads. */
export function wheelFactor(deltaY, deltaMode) {
    const px = deltaMode === 1 ? deltaY * 33 : deltaMode === 2 ? deltaY * 800 : deltaY;   // lines and pages as pixels
    const factor = Math.exp(-px * 0.0014);
    return Math.min(Math.max(factor, 1 / 1.2), 1.2);
}

/** Whether a region's bounds [x1, y1, x2, y2] meet the visible image rectangle (with a margin). */
export function intersectsView([x1, y1, x2, y2], [vx1, vy1, vx2, vy2]) {
    return x2 >= vx1 && x1 <= vx2 && y2 >= vy1 && y1 <= vy2;
}

/** Whether two versions of a region draw the same (everything but the transcription, which is not drawn). */
export function drawnAlike(a, b) {
    return a.kind === b.kind && a.classId === b.classId && a.pending === b.pending && a.source === b.source
        && a.confidence === b.confidence && a.points.length === b.points.length
        && a.points.every((p, i) => p[0] === b.points[i][0] && p[1] === b.points[i][1]);
}
