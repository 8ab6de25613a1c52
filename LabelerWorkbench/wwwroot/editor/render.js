// Drawing the regions, their handles, the polygon being drawn and the view transform into the SVG.
import { BOX_HANDLES, boxHandles } from "./geometry.js";
import { attrs, el } from "./dom.js";

const HANDLE_PX = 5;        // handle radius on screen

export function renderRegion(c, r) {
    let node = c.elements.get(r.id);
    const tag = r.kind === "box" ? "rect" : "polygon";
    if (!node || node.tagName !== tag) {
        node?.remove();
        node = el(tag, { "data-id": r.id, "vector-effect": "non-scaling-stroke" });
        c.regionLayer.append(node);
        c.elements.set(r.id, node);
    }
    if (r.kind === "box") {
        const [[x1, y1], [x2, y2]] = r.points;
        attrs(node, { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) });
    } else {
        node.setAttribute("points", r.points.map(p => p.join(",")).join(" "));
    }
    const color = c.classes.get(r.classId)?.color ?? "#9e9e9e";
    const selected = r.id === c.selectedId;
    const model = r.source === "model";
    attrs(node, {
        class: "lw-region" + (model ? " lw-model" : "") + (r.pending ? " lw-pending" : "") + (selected ? " lw-selected" : ""),
        stroke: color, fill: color,
        "fill-opacity": selected ? 0.3 : r.pending ? 0.05 : 0.12,
        "stroke-width": selected ? 3 : 2,
        // Dashed means "still to review": a suggestion nobody has accepted yet. Accepted ones are drawn solid (their
        // confidence label still says they came from a model).
        "stroke-dasharray": r.pending ? "4 3" : "",
    });
    c.renderLabel(r);
}

export function renderLabel(c, r) {
    let label = c.labels.get(r.id);
    if (r.source !== "model" || r.confidence == null) { label?.remove(); c.labels.delete(r.id); return; }
    if (!label) {
        label = el("text", { "data-label": r.id });
        c.labelLayer.append(label);
        c.labels.set(r.id, label);
    }
    const x = Math.min(...r.points.map(p => p[0])), y = Math.min(...r.points.map(p => p[1]));
    attrs(label, { x, y, class: r.confidence < c.lowConfidence ? "lw-lowconf" : "" });
    label.textContent = Math.round(r.confidence * 100) + "%";
}

export function renderHandles(c) {
    c.overlay.replaceChildren();
    const r = c.regions.get(c.selectedId);
    const size = HANDLE_PX / c.view.s;
    if (r?.kind === "box") {
        const pos = boxHandles(r.points);
        for (const name of BOX_HANDLES)
            c.overlay.append(el("rect", { class: "lw-handle", "data-handle": name,
                x: pos[name][0] - size, y: pos[name][1] - size, width: size * 2, height: size * 2 }));
    } else if (r?.kind === "polygon") {
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

export function setView(c, s, tx, ty) {
    c.view = { s, tx, ty };
    c.viewport.setAttribute("transform", `matrix(${s},0,0,${s},${tx},${ty})`);
    c.labelLayer.setAttribute("font-size", 11 / s);
    c.renderHandles();
}

export function updateCursor(c) {
    c.svg.style.cursor = c.spaceDown || c.drag?.type === "pan" ? "grabbing"
        : c.tool === "select" ? "default" : "crosshair";
}
