// Zoom and pan: fit the image, zoom about a point, bring a region into view, screen to image coordinates.
import { round, wheelFactor, zoomAbout } from "./geometry.js";

export function fit(c) {
    const w = c.host.clientWidth, h = c.host.clientHeight;
    if (!w || !h) return;
    const s = Math.min(w / c.width, h / c.height) * 0.98;
    c.atFit = true;   // while nobody zooms or pans, a resized stage (a banner shown or closed) fits again
    c.setView(s, (w - c.width * s) / 2, (h - c.height * s) / 2);
}

export function zoomBy(c, factor) {
    c.zoomAt(c.host.clientWidth / 2, c.host.clientHeight / 2, factor);
}

// Screen positions are taken from the host, never the SVG: while the wheel turns, the SVG itself is scaled by CSS.
export function toImage(c, e, clamp = true) {
    const rect = c.host.getBoundingClientRect();
    let x = (e.clientX - rect.left - c.view.tx) / c.view.s;
    let y = (e.clientY - rect.top - c.view.ty) / c.view.s;
    if (clamp) {
        x = Math.min(Math.max(x, 0), c.width);
        y = Math.min(Math.max(y, 0), c.height);
    }
    return [round(x), round(y)];
}

export function onWheel(c, e) {
    e.preventDefault();
    const rect = c.host.getBoundingClientRect();
    c.wheeling = true;   // drawn by the compositor until the wheel rests (render.js)
    c.zoomAt(e.clientX - rect.left, e.clientY - rect.top, wheelFactor(e.deltaY, e.deltaMode));
}

export function zoomAt(c, px, py, factor) {
    // Keep the image point under the pointer where it is.
    const { s, tx, ty } = zoomAbout(c.view, px, py, factor);
    c.setView(s, tx, ty);
    c.atFit = false;
}

export function reveal(c, r) {
    const xs = r.points.map(p => p[0]), ys = r.points.map(p => p[1]);
    const cx = (Math.min(...xs) + Math.max(...xs)) / 2, cy = (Math.min(...ys) + Math.max(...ys)) / 2;
    const sx = cx * c.view.s + c.view.tx, sy = cy * c.view.s + c.view.ty;
    const w = c.host.clientWidth, h = c.host.clientHeight;
    if (sx < 0 || sy < 0 || sx > w || sy > h)
        c.setView(c.view.s, w / 2 - cx * c.view.s, h / 2 - cy * c.view.s);
}
