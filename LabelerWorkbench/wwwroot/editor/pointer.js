// Pointer gestures with the select tool (select, move, resize a box, drag or insert a vertex, pan) and the
// dispatch to the box and polygon tools. .NET hears of an edit once, when the gesture ends.
import { clone, normaliseBox, resizeBox, translateWithin } from "./geometry.js";
import { Tools } from "./commands.js";
import { finishBox, previewBox } from "./boxTool.js";

export function onPointerDown(c, e) {
    c.svg.focus({ preventScroll: true });
    const start = { x: e.clientX, y: e.clientY };
    if (e.button === 1 || (e.button === 0 && c.spaceDown)) {
        c.beginDrag(e, { type: "pan", start, view: { ...c.view } });
        return;
    }
    if (e.button !== 0) return;
    const p = c.toImage(e);
    const t = e.target;

    if (c.splitting) {
        // "S, then click": the click says where the selected line is cut.
        c.setSplitting(false);
        if (c.selectedId) c.splitAt(c.selectedId, p);
        return;
    }
    if (c.tool === Tools.Polygon) {
        c.addPolygonPoint(p, e);
        return;
    }
    if (c.tool === Tools.Box) {
        c.beginDrag(e, { type: "box", from: p, to: p, start });
        return;
    }
    // Select tool: handles first, then regions, then the empty image (pans).
    const region = c.regions.get(c.selectedId);
    if (t.dataset.vertex !== undefined && region) {
        const index = +t.dataset.vertex;
        if (e.altKey) { c.deleteVertex(index); return; }
        c.selectedVertex = index;
        c.beginDrag(e, { type: "vertex", index, original: clone(region), start });
        c.renderHandles();
    } else if (t.dataset.mid !== undefined && region) {
        const index = +t.dataset.mid + 1;
        const edited = clone(region);
        edited.points.splice(index, 0, p);
        c.regions.set(edited.id, edited);
        c.selectedVertex = index;
        c.beginDrag(e, { type: "vertex", index, original: region, start, moved: true });
        c.renderRegion(edited);
        c.renderHandles();
    } else if (t.dataset.handle && region) {
        c.beginDrag(e, { type: "resize", handle: t.dataset.handle, original: clone(region), start });
    } else if (t.dataset.id && e.altKey) {
        c.splitAt(t.dataset.id, p);
    } else if (t.dataset.id && e.shiftKey) {
        c.toggleMulti(t.dataset.id);
    } else if (t.dataset.id) {
        c.setSelection(t.dataset.id, true);
        c.beginDrag(e, { type: "move", from: p, original: clone(c.regions.get(t.dataset.id)), start });
    } else {
        c.setSelection(null, true);
        c.beginDrag(e, { type: "pan", start, view: { ...c.view } });
    }
}

export function beginDrag(c, e, drag) {
    c.drag = drag;
    c.svg.setPointerCapture(e.pointerId);
    c.updateCursor();
}

export function onPointerMove(c, e) {
    const d = c.drag;
    if (!d) {
        if (c.drawing) c.renderDrawing(c.toImage(e));
        return;
    }
    const moved = Math.hypot(e.clientX - d.start.x, e.clientY - d.start.y);
    if (moved > 2) d.moved = true;
    const p = c.toImage(e);
    if (d.type === "pan") {
        c.setView(c.view.s, d.view.tx + e.clientX - d.start.x, d.view.ty + e.clientY - d.start.y);
        if (d.moved) c.atFit = false;
    } else if (d.type === "box") {
        previewBox(c, d, p);
    } else if (d.moved) {
        const r = clone(d.original);
        if (d.type === "vertex") {
            r.points = c.regions.get(r.id).points.slice();
            r.points[d.index] = p;
        } else if (d.type === "move") {
            const raw = c.toImage(e, false);
            const dx = raw[0] - d.from[0], dy = raw[1] - d.from[1];
            r.points = translateWithin(d.original.points, dx, dy, c.width, c.height);
        } else if (d.type === "resize") {
            r.points = resizeBox(d.original.points, d.handle, p);
        }
        c.regions.set(r.id, r);
        c.renderRegion(r);
        c.renderHandles();
    }
}

export function onPointerUp(c, e) {
    const d = c.drag;
    if (!d) return;
    c.drag = null;
    c.svg.releasePointerCapture?.(e.pointerId);
    c.updateCursor();
    if (d.type === "box") {
        finishBox(c, d);
    } else if (d.type !== "pan" && d.moved) {
        const r = c.regions.get(d.original.id);
        if (r.kind === "box") r.points = normaliseBox(r.points);
        c.commit(r);
    }
}
