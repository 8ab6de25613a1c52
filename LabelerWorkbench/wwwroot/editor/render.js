// Drawing the regions, their handles, the polygon being drawn and the view transform into the SVG.
// The view is one transform on a group; it is written once per animation frame, when shapes outside the view are
// culled, so a burst of wheel events costs one style recalculation, not one per event.
import { BOX_HANDLES, boxHandles, intersectsView } from "./geometry.js";
import { attrs, el } from "./dom.js";

const HANDLE_PX = 5;        // handle radius on screen

const boundsOf = r => {
    const xs = r.points.map(p => p[0]), ys = r.points.map(p => p[1]);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
};

/** Hidden by the labeler (the region or its class): not drawn, not clickable. */
export const isHidden = (c, r) => c.hidden.has(r.id) || c.hiddenClasses.has(r.classId);
/** Locked: drawn, but neither selectable on the image nor movable. */
export const isLocked = (c, r) => c.locked.has(r.id) || c.lockedClasses.has(r.classId);

export function renderRegion(c, r) {
    let node = c.elements.get(r.id);
    const tag = r.kind === "box" ? "rect" : "polygon";
    if (!node || node.tagName !== tag) {
        node?.remove();
        node = el(tag, { "data-id": r.id, "vector-effect": "non-scaling-stroke" });
        c.regionLayer.append(node);
        c.elements.set(r.id, node);
    }
    c.bounds.set(r.id, boundsOf(r));
    if (r.kind === "box") {
        const [[x1, y1], [x2, y2]] = r.points;
        attrs(node, { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) });
    } else {
        node.setAttribute("points", r.points.map(p => p.join(",")).join(" "));
    }
    const color = c.classes.get(r.classId)?.color ?? "#9e9e9e";
    const selected = r.id === c.selectedId || c.multi.has(r.id);
    const model = r.source === "model";
    const locked = isLocked(c, r);
    attrs(node, {
        class: "lw-region" + (model ? " lw-model" : "") + (r.pending ? " lw-pending" : "") + (selected ? " lw-selected" : "")
            + (c.multi.has(r.id) ? " lw-multi" : "") + (locked ? " lw-locked" : ""),
        stroke: color, fill: color,
        "fill-opacity": selected ? 0.3 : r.pending ? 0.05 : 0.12,
        "stroke-width": selected ? 3 : 2,
        // Dashed means "still to review": a suggestion nobody has accepted yet. Accepted ones are drawn solid (their
        // confidence label still says they came from a model).
        "stroke-dasharray": r.pending ? "4 3" : "",
        "data-hidden": isHidden(c, r) ? "true" : "",
    });
    showOrCull(c, r.id, node);
    c.renderLabel(r);
}

function showOrCull(c, id, node) {
    const shown = !c.hidden.has(id) && !c.hiddenClasses.has(c.regions.get(id)?.classId) && !c.culled.has(id);
    node.style.display = shown ? "" : "none";
    const label = c.labels.get(id);
    if (label) label.style.display = shown ? "" : "none";
}

export function renderLabel(c, r) {
    let label = c.labels.get(r.id);
    const confidence = r.source === "model" && r.confidence != null ? Math.round(r.confidence * 100) + "%" : "";
    const name = c.showLabels ? c.classes.get(r.classId)?.name ?? "no class" : "";
    const text = [name, confidence].filter(t => t).join(" ");
    if (!text) { label?.remove(); c.labels.delete(r.id); return; }
    if (!label) {
        label = el("text", { "data-label": r.id });
        c.labelLayer.append(label);
        c.labels.set(r.id, label);
    }
    const [x, y] = c.bounds.get(r.id) ?? boundsOf(r);
    attrs(label, { x, y, class: confidence && r.confidence < c.lowConfidence ? "lw-lowconf" : "" });
    label.textContent = text;
    label.style.display = c.elements.get(r.id)?.style.display ?? "";
}

export function renderHandles(c) {
    c.overlay.replaceChildren();
    const r = c.regions.get(c.selectedId);
    const size = HANDLE_PX / c.view.s;
    const editable = r && !isLocked(c, r) && !isHidden(c, r) && c.multi.size < 2;
    if (editable && r.kind === "box") {
        const pos = boxHandles(r.points);
        for (const name of BOX_HANDLES)
            c.overlay.append(el("rect", { class: "lw-handle", "data-handle": name,
                x: pos[name][0] - size, y: pos[name][1] - size, width: size * 2, height: size * 2 }));
    } else if (editable && r.kind === "polygon") {
        r.points.forEach((p, i) => {
            const q = r.points[(i + 1) % r.points.length];
            c.overlay.append(el("circle", { class: "lw-midpoint", "data-mid": i,
                cx: (p[0] + q[0]) / 2, cy: (p[1] + q[1]) / 2, r: size * 0.7 }));
        });
        r.points.forEach((p, i) => c.overlay.append(el("circle", {
            class: "lw-handle" + (i === c.selectedVertex ? " lw-vertex-selected" : ""),
            "data-vertex": i, cx: p[0], cy: p[1], r: size })));
    }
    if (c.drawing) c.renderDrawing();
}

export function renderDrawing(c, cursor) {
    c.overlay.querySelector(".lw-drawing")?.remove();
    const g = el("g", { class: "lw-drawing" });
    const pts = c.drawing.points.concat(cursor ? [cursor] : []);
    g.append(el("polyline", { points: pts.map(p => p.join(",")).join(" "), "vector-effect": "non-scaling-stroke" }));
    const size = HANDLE_PX / c.view.s;
    c.drawing.points.forEach((p, i) => g.append(el("circle", { cx: p[0], cy: p[1], r: i === 0 ? size * 1.4 : size * 0.8,
        class: i === 0 ? "lw-first-vertex" : "" })));
    c.overlay.append(g);
}

const WHEEL_REST_MS = 150;  // after the last wheel event, the shapes are drawn afresh at the new scale

/**
 * Sets the view now (gestures read it at once) and draws it on the next animation frame. While the wheel turns, the
 * frame only scales the whole SVG as a picture on its own compositor layer (no shape is drawn again, so a step costs
 * about the same at 3,000 regions as at 3); once the wheel rests, the shapes are drawn crisp at the new scale.
 */
export function setView(c, s, tx, ty) {
    c.view = { s, tx, ty };
    const wheel = c.wheeling;
    c.wheeling = false;
    if (wheel && c.drawn) {
        clearTimeout(c.rest);
        c.rest = setTimeout(() => setView(c, c.view.s, c.view.tx, c.view.ty), WHEEL_REST_MS);
    }
    c.quick = wheel && !!c.drawn;
    c.frame ||= requestAnimationFrame(() => { c.frame = 0; if (c.quick) drawScaled(c); else drawView(c); });
}

const HELD_MS = 1e9;   // the two frames are the same, so the animation simply holds the matrix while the wheel turns

/**
 * The drawn SVG moved and scaled as a picture from the view it was drawn at to the current one. The transform is held
 * by a Web Animation rather than a style: Chromium then hands each new matrix to the compositor without re-layerising
 * the page's thousands of paint chunks, which a style change costs (about 20 ms a step at 3,000 regions, measured by
 * the editor benchmark, against about 10).
 */
function drawScaled(c) {
    const d = c.drawn, v = c.view, k = v.s / d.s;
    const frames = [0, 1].map(() => ({ transform: `matrix(${k},0,0,${k},${v.tx - k * d.tx},${v.ty - k * d.ty})` }));
    if (c.scaling) c.scaling.effect.setKeyframes(frames);
    else c.scaling = c.svg.animate(frames, { duration: HELD_MS, fill: "forwards" });
}

function drawView(c) {
    clearTimeout(c.rest);
    c.scaling?.cancel();
    c.scaling = null;
    c.drawn = { ...c.view };
    const { s, tx, ty } = c.view;
    c.viewport.setAttribute("transform", `matrix(${s},0,0,${s},${tx},${ty})`);
    if (c.labelScale !== s) { c.labelLayer.setAttribute("font-size", 11 / s); c.labelScale = s; }
    cull(c);
    c.renderHandles();
}

/** Takes shapes wholly outside the view out of the drawing (and puts back those that came in). */
export function cull(c) {
    const w = c.host.clientWidth, h = c.host.clientHeight, { s, tx, ty } = c.view;
    const margin = 20 / s;
    const rect = [-tx / s - margin, -ty / s - margin, (w - tx) / s + margin, (h - ty) / s + margin];
    for (const [id, b] of c.bounds) {
        const out = !intersectsView(b, rect);
        if (out === c.culled.has(id)) continue;
        if (out) c.culled.add(id); else c.culled.delete(id);
        showOrCull(c, id, c.elements.get(id));
    }
}

export function updateCursor(c) {
    c.svg.style.cursor = c.spaceDown || c.drag?.type === "pan" ? "grabbing"
        : c.tool === "select" && !c.splitting ? "default" : "crosshair";
}
