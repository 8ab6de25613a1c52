// Splitting one text line in two and merging several into one: geometry and text, pure (Node's test runner covers it).
import { round } from "./geometry.js";

const asPolygon = r => r.kind === "box"
    ? [[r.points[0][0], r.points[0][1]], [r.points[1][0], r.points[0][1]], [r.points[1][0], r.points[1][1]], [r.points[0][0], r.points[1][1]]]
    : r.points;

/**
 * The direction a line of points reads in, as a unit vector pointing right (x ≥ 0): the principal axis of the points.
 * A box reads horizontally.
 */
export function lineDirection(points) {
    const n = points.length;
    const mx = points.reduce((s, p) => s + p[0], 0) / n, my = points.reduce((s, p) => s + p[1], 0) / n;
    let sxx = 0, syy = 0, sxy = 0;
    for (const [x, y] of points) { sxx += (x - mx) ** 2; syy += (y - my) ** 2; sxy += (x - mx) * (y - my); }
    const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
    let d = [Math.cos(angle), Math.sin(angle)];
    if (d[0] < 0 || (d[0] === 0 && d[1] < 0)) d = [-d[0], -d[1]];
    return d;
}

/** The part of a polygon on the side of the cut where (p − at)·dir has `sign` (Sutherland–Hodgman against one line). */
export function clipHalf(points, at, dir, sign) {
    const side = p => sign * ((p[0] - at[0]) * dir[0] + (p[1] - at[1]) * dir[1]);
    const out = [];
    for (let i = 0; i < points.length; i++) {
        const a = points[i], b = points[(i + 1) % points.length];
        const sa = side(a), sb = side(b);
        if (sa >= 0) out.push(a);
        if ((sa >= 0) !== (sb >= 0)) {
            const t = sa / (sa - sb);
            out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
        }
    }
    return out.map(([x, y]) => [round(x), round(y)]);
}

/**
 * Where to cut a text so that the first part is about `fraction` of it: the word boundary nearest the character at
 * that fraction, or that character when the text has no space. Returns [before, after], trimmed.
 */
export function splitText(text, fraction) {
    const t = text ?? "";
    const at = Math.round(Math.min(Math.max(fraction, 0), 1) * t.length);
    let best = -1;
    for (let i = 0; i < t.length; i++)
        if (t[i] === " " && (best < 0 || Math.abs(i - at) < Math.abs(best - at))) best = i;
    const cut = best >= 0 ? best : at;
    return [t.slice(0, cut).trim(), t.slice(cut).trim()];
}

/**
 * Splits a region at image point `at`, across the direction its line reads in. Returns the two parts (left first)
 * with the text divided in proportion, or null when the cut misses the region (a part would be empty).
 * The first part keeps the region's id; the second needs `newId`.
 */
export function splitRegion(r, at, newId) {
    const pts = asPolygon(r);
    const dir = r.kind === "box" ? [1, 0] : lineDirection(pts);
    const proj = pts.map(p => p[0] * dir[0] + p[1] * dir[1]);
    const lo = Math.min(...proj), hi = Math.max(...proj), cut = at[0] * dir[0] + at[1] * dir[1];
    const margin = (hi - lo) * 0.02;
    if (hi - lo <= 0 || cut <= lo + margin || cut >= hi - margin) return null;
    const [textA, textB] = splitText(r.transcription ?? "", (cut - lo) / (hi - lo));
    let a, b;
    if (r.kind === "box") {
        const [[x1, y1], [x2, y2]] = r.points, x = round(at[0]);
        a = [[x1, y1], [x, y2]];
        b = [[x, y1], [x2, y2]];
    } else {
        a = clipHalf(pts, at, dir, -1);
        b = clipHalf(pts, at, dir, 1);
        if (a.length < 3 || b.length < 3) return null;
    }
    return [{ ...r, points: a, transcription: textA }, { ...r, id: newId, points: b, transcription: textB, source: "labeler", confidence: null, pending: false }];
}

/** Convex hull (Andrew's monotone chain), counter-clockwise on screen from the leftmost point. */
export function convexHull(points) {
    const p = points.map(q => [q[0], q[1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    if (p.length < 3) return p;
    const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    const lower = [], upper = [];
    for (const q of p) { while (lower.length >= 2 && cross(lower.at(-2), lower.at(-1), q) <= 0) lower.pop(); lower.push(q); }
    for (const q of p.reverse()) { while (upper.length >= 2 && cross(upper.at(-2), upper.at(-1), q) <= 0) upper.pop(); upper.push(q); }
    return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/**
 * Merges regions into the first in reading order: boxes into their bounding box, anything with a polygon into the
 * convex hull of all vertices; texts joined with one space in reading order (along the lines' common direction).
 */
export function mergeRegions(regions) {
    const all = regions.flatMap(asPolygon);
    const dir = regions.every(r => r.kind === "box") ? [1, 0] : lineDirection(all);
    const centre = r => { const q = asPolygon(r); return q.reduce((s, p) => s + p[0] * dir[0] + p[1] * dir[1], 0) / q.length; };
    const ordered = regions.slice().sort((a, b) => centre(a) - centre(b));
    const text = ordered.map(r => (r.transcription ?? "").trim()).filter(t => t).join(" ");
    let points, kind;
    if (regions.every(r => r.kind === "box")) {
        const xs = all.map(p => p[0]), ys = all.map(p => p[1]);
        kind = "box";
        points = [[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]];
    } else {
        kind = "polygon";
        points = convexHull(all).map(([x, y]) => [round(x), round(y)]);
    }
    return { merged: { ...ordered[0], kind, points, transcription: text, pending: false }, removed: ordered.slice(1).map(r => r.id) };
}
