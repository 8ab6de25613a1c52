// Pointer geometry for the annotate page: drawing, editing, zoom and pan in one SVG.
// .NET owns the document (undo, saving, validation); this module sends it committed edits only,
// never mouse moves, and renders whatever .NET sends back.

const SVG = "http://www.w3.org/2000/svg";
const HANDLE_PX = 5;        // handle radius on screen
const CLOSE_PX = 9;         // how near the first vertex a click closes the polygon
const MIN_BOX_PX = 4;       // smaller drags are clicks, not boxes
const BOX_HANDLES = ["nw", "n", "ne", "e", "se", "s", "sw", "w"];

export function create(host, dotnet, init) {
    return new AnnotationCanvas(host, dotnet, init);
}

class AnnotationCanvas {
    constructor(host, dotnet, init) {
        this.host = host;
        this.dotnet = dotnet;
        this.width = init.width;
        this.height = init.height;
        this.classes = new Map(init.classes.map(c => [c.id, c]));
        this.regions = new Map();
        this.elements = new Map();
        this.view = { s: 1, tx: 0, ty: 0 };
        this.tool = "select";
        this.activeClassId = init.activeClassId ?? null;
        this.selectedId = null;
        this.selectedVertex = null;
        this.drawing = null;   // { kind: "polygon", points } while a polygon is being drawn
        this.drag = null;      // the gesture under way
        this.spaceDown = false;

        this.svg = el("svg", { class: "lw-canvas", tabindex: "0", "data-testid": "canvas" });
        this.viewport = el("g");
        this.image = el("image", { href: init.imageUrl, width: this.width, height: this.height, preserveAspectRatio: "none" });
        this.regionLayer = el("g", { class: "lw-regions" });
        this.labelLayer = el("g", { class: "lw-labels" });   // model confidences; font size follows zoom
        this.labels = new Map();
        this.lowConfidence = init.lowConfidence ?? 0.8;
        this.overlay = el("g", { class: "lw-overlay" });
        this.viewport.append(this.image, this.regionLayer, this.labelLayer, this.overlay);
        this.svg.append(this.viewport);
        host.append(this.svg);

        this.listen(this.svg, "pointerdown", e => this.onPointerDown(e));
        this.listen(this.svg, "pointermove", e => this.onPointerMove(e));
        this.listen(this.svg, "pointerup", e => this.onPointerUp(e));
        this.listen(this.svg, "wheel", e => this.onWheel(e), { passive: false });
        this.listen(this.svg, "contextmenu", e => e.preventDefault());
        this.listen(window, "keydown", e => this.onKeyDown(e));
        this.listen(window, "keyup", e => { if (e.key === " ") { this.spaceDown = false; this.updateCursor(); } });
        this.resizeObserver = new ResizeObserver(() => { if (!this.fitted) this.fit(); });
        this.resizeObserver.observe(host);

        this.applyChanges(init.regions, []);
        this.setTool(init.tool ?? "select");
        this.fit();
    }

    listen(target, type, handler, options) {
        target.addEventListener(type, handler, options);
        (this.unlisten ??= []).push(() => target.removeEventListener(type, handler, options));
    }

    dispose() {
        this.unlisten?.forEach(f => f());
        this.resizeObserver.disconnect();
        this.svg.remove();
    }

    // ---- called from .NET -------------------------------------------------------------

    applyChanges(upserts, deletes) {
        for (const id of deletes) {
            this.regions.delete(id);
            this.elements.get(id)?.remove();
            this.elements.delete(id);
            this.labels.get(id)?.remove();
            this.labels.delete(id);
            if (this.selectedId === id) this.selectedId = null;
        }
        for (const r of upserts) {
            this.regions.set(r.id, r);
            this.renderRegion(r);
        }
        this.renderHandles();
    }

    setTool(tool) {
        if (this.drawing && tool !== "polygon") this.cancelDrawing();
        this.tool = tool;
        this.updateCursor();
    }

    setActiveClass(id) { this.activeClassId = id; }

    select(id, reveal) {
        this.setSelection(id, false);
        if (reveal && id && this.regions.has(id)) this.reveal(this.regions.get(id));
    }

    fit() {
        const w = this.host.clientWidth, h = this.host.clientHeight;
        if (!w || !h) return;
        const s = Math.min(w / this.width, h / this.height) * 0.98;
        this.fitted = true;
        this.setView(s, (w - this.width * s) / 2, (h - this.height * s) / 2);
    }

    zoomBy(factor) {
        this.zoomAt(this.host.clientWidth / 2, this.host.clientHeight / 2, factor);
    }

    // ---- rendering --------------------------------------------------------------------

    renderRegion(r) {
        let node = this.elements.get(r.id);
        const tag = r.kind === "box" ? "rect" : "polygon";
        if (!node || node.tagName !== tag) {
            node?.remove();
            node = el(tag, { "data-id": r.id, "vector-effect": "non-scaling-stroke" });
            this.regionLayer.append(node);
            this.elements.set(r.id, node);
        }
        if (r.kind === "box") {
            const [[x1, y1], [x2, y2]] = r.points;
            attrs(node, { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) });
        } else {
            node.setAttribute("points", r.points.map(p => p.join(",")).join(" "));
        }
        const color = this.classes.get(r.classId)?.color ?? "#9e9e9e";
        const selected = r.id === this.selectedId;
        const model = r.source === "model";
        attrs(node, {
            class: "lw-region" + (model ? " lw-model" : "") + (r.pending ? " lw-pending" : "") + (selected ? " lw-selected" : ""),
            stroke: color, fill: color,
            "fill-opacity": selected ? 0.3 : r.pending ? 0.05 : 0.12,
            "stroke-width": selected ? 3 : 2,
            // Model regions are dashed, more finely while nobody has accepted them yet.
            "stroke-dasharray": r.pending ? "3 3" : model ? "8 4" : "",
        });
        this.renderLabel(r);
    }

    renderLabel(r) {
        let label = this.labels.get(r.id);
        if (r.source !== "model" || r.confidence == null) { label?.remove(); this.labels.delete(r.id); return; }
        if (!label) {
            label = el("text", { "data-label": r.id });
            this.labelLayer.append(label);
            this.labels.set(r.id, label);
        }
        const x = Math.min(...r.points.map(p => p[0])), y = Math.min(...r.points.map(p => p[1]));
        attrs(label, { x, y, class: r.confidence < this.lowConfidence ? "lw-lowconf" : "" });
        label.textContent = Math.round(r.confidence * 100) + "%";
    }

    renderHandles() {
        this.overlay.replaceChildren();
        const r = this.regions.get(this.selectedId);
        const size = HANDLE_PX / this.view.s;
        if (r?.kind === "box") {
            const [[x1, y1], [x2, y2]] = r.points;
            const pos = { nw: [x1, y1], n: [(x1 + x2) / 2, y1], ne: [x2, y1], e: [x2, (y1 + y2) / 2],
                          se: [x2, y2], s: [(x1 + x2) / 2, y2], sw: [x1, y2], w: [x1, (y1 + y2) / 2] };
            for (const name of BOX_HANDLES)
                this.overlay.append(el("rect", { class: "lw-handle", "data-handle": name,
                    x: pos[name][0] - size, y: pos[name][1] - size, width: size * 2, height: size * 2 }));
        } else if (r?.kind === "polygon") {
            r.points.forEach((p, i) => {
                const q = r.points[(i + 1) % r.points.length];
                this.overlay.append(el("circle", { class: "lw-midpoint", "data-mid": i,
                    cx: (p[0] + q[0]) / 2, cy: (p[1] + q[1]) / 2, r: size * 0.7 }));
            });
            r.points.forEach((p, i) => this.overlay.append(el("circle", {
                class: "lw-handle" + (i === this.selectedVertex ? " lw-vertex-selected" : ""),
                "data-vertex": i, cx: p[0], cy: p[1], r: size })));
        }
        if (this.drawing) this.renderDrawing();
    }

    renderDrawing(cursor) {
        this.overlay.querySelector(".lw-drawing")?.remove();
        const g = el("g", { class: "lw-drawing" });
        const pts = this.drawing.points.concat(cursor ? [cursor] : []);
        g.append(el("polyline", { points: pts.map(p => p.join(",")).join(" "), "vector-effect": "non-scaling-stroke" }));
        const size = HANDLE_PX / this.view.s;
        this.drawing.points.forEach((p, i) => g.append(el("circle", { cx: p[0], cy: p[1], r: i === 0 ? size * 1.4 : size * 0.8,
            class: i === 0 ? "lw-first-vertex" : "" })));
        this.overlay.append(g);
    }

    setView(s, tx, ty) {
        this.view = { s, tx, ty };
        this.viewport.setAttribute("transform", `matrix(${s},0,0,${s},${tx},${ty})`);
        this.labelLayer.setAttribute("font-size", 11 / s);
        this.renderHandles();
    }

    updateCursor() {
        this.svg.style.cursor = this.spaceDown || this.drag?.type === "pan" ? "grabbing"
            : this.tool === "select" ? "default" : "crosshair";
    }

    // ---- pointer gestures -------------------------------------------------------------

    toImage(e, clamp = true) {
        const rect = this.svg.getBoundingClientRect();
        let x = (e.clientX - rect.left - this.view.tx) / this.view.s;
        let y = (e.clientY - rect.top - this.view.ty) / this.view.s;
        if (clamp) {
            x = Math.min(Math.max(x, 0), this.width);
            y = Math.min(Math.max(y, 0), this.height);
        }
        return [round(x), round(y)];
    }

    onPointerDown(e) {
        this.svg.focus({ preventScroll: true });
        const start = { x: e.clientX, y: e.clientY };
        if (e.button === 1 || (e.button === 0 && this.spaceDown)) {
            this.beginDrag(e, { type: "pan", start, view: { ...this.view } });
            return;
        }
        if (e.button !== 0) return;
        const p = this.toImage(e);
        const t = e.target;

        if (this.tool === "polygon") {
            this.addPolygonPoint(p, e);
            return;
        }
        if (this.tool === "box") {
            this.beginDrag(e, { type: "box", from: p, to: p, start });
            return;
        }
        // Select tool: handles first, then regions, then the empty image (pans).
        const region = this.regions.get(this.selectedId);
        if (t.dataset.vertex !== undefined && region) {
            const index = +t.dataset.vertex;
            if (e.altKey) { this.deleteVertex(index); return; }
            this.selectedVertex = index;
            this.beginDrag(e, { type: "vertex", index, original: clone(region), start });
            this.renderHandles();
        } else if (t.dataset.mid !== undefined && region) {
            const index = +t.dataset.mid + 1;
            const edited = clone(region);
            edited.points.splice(index, 0, p);
            this.regions.set(edited.id, edited);
            this.selectedVertex = index;
            this.beginDrag(e, { type: "vertex", index, original: region, start, moved: true });
            this.renderRegion(edited);
            this.renderHandles();
        } else if (t.dataset.handle && region) {
            this.beginDrag(e, { type: "resize", handle: t.dataset.handle, original: clone(region), start });
        } else if (t.dataset.id) {
            this.setSelection(t.dataset.id, true);
            this.beginDrag(e, { type: "move", from: p, original: clone(this.regions.get(t.dataset.id)), start });
        } else {
            this.setSelection(null, true);
            this.beginDrag(e, { type: "pan", start, view: { ...this.view } });
        }
    }

    beginDrag(e, drag) {
        this.drag = drag;
        this.svg.setPointerCapture(e.pointerId);
        this.updateCursor();
    }

    onPointerMove(e) {
        const d = this.drag;
        if (!d) {
            if (this.drawing) this.renderDrawing(this.toImage(e));
            return;
        }
        const moved = Math.hypot(e.clientX - d.start.x, e.clientY - d.start.y);
        if (moved > 2) d.moved = true;
        const p = this.toImage(e);
        if (d.type === "pan") {
            this.setView(this.view.s, d.view.tx + e.clientX - d.start.x, d.view.ty + e.clientY - d.start.y);
        } else if (d.type === "box") {
            d.to = p;
            this.overlay.querySelector(".lw-box-preview")?.remove();
            this.overlay.append(el("rect", { class: "lw-box-preview", "vector-effect": "non-scaling-stroke",
                x: Math.min(d.from[0], p[0]), y: Math.min(d.from[1], p[1]),
                width: Math.abs(p[0] - d.from[0]), height: Math.abs(p[1] - d.from[1]) }));
        } else if (d.moved) {
            const r = clone(d.original);
            if (d.type === "vertex") {
                r.points = this.regions.get(r.id).points.slice();
                r.points[d.index] = p;
            } else if (d.type === "move") {
                const raw = this.toImage(e, false);
                const dx = raw[0] - d.from[0], dy = raw[1] - d.from[1];
                r.points = translateWithin(d.original.points, dx, dy, this.width, this.height);
            } else if (d.type === "resize") {
                r.points = resizeBox(d.original.points, d.handle, p);
            }
            this.regions.set(r.id, r);
            this.renderRegion(r);
            this.renderHandles();
        }
    }

    onPointerUp(e) {
        const d = this.drag;
        if (!d) return;
        this.drag = null;
        this.svg.releasePointerCapture?.(e.pointerId);
        this.updateCursor();
        if (d.type === "box") {
            this.overlay.querySelector(".lw-box-preview")?.remove();
            const [x1, y1] = d.from, [x2, y2] = d.to;
            if (Math.abs(x2 - x1) * this.view.s < MIN_BOX_PX || Math.abs(y2 - y1) * this.view.s < MIN_BOX_PX) return;
            const r = { id: crypto.randomUUID(), kind: "box", classId: this.activeClassId, transcription: "", source: "labeler",
                        points: [[Math.min(x1, x2), Math.min(y1, y2)], [Math.max(x1, x2), Math.max(y1, y2)]] };
            this.commitNew(r);
        } else if (d.type !== "pan" && d.moved) {
            const r = this.regions.get(d.original.id);
            if (r.kind === "box") r.points = normaliseBox(r.points);
            this.commit(r);
        }
    }

    onWheel(e) {
        e.preventDefault();
        const rect = this.svg.getBoundingClientRect();
        const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
        this.zoomAt(e.clientX - rect.left, e.clientY - rect.top, factor);
    }

    zoomAt(px, py, factor) {
        const { s, tx, ty } = this.view;
        const ns = Math.min(Math.max(s * factor, 0.02), 50);
        // Keep the image point under the pointer where it is.
        this.setView(ns, px - (px - tx) * ns / s, py - (py - ty) * ns / s);
        this.fitted = true;
    }

    reveal(r) {
        const xs = r.points.map(p => p[0]), ys = r.points.map(p => p[1]);
        const cx = (Math.min(...xs) + Math.max(...xs)) / 2, cy = (Math.min(...ys) + Math.max(...ys)) / 2;
        const sx = cx * this.view.s + this.view.tx, sy = cy * this.view.s + this.view.ty;
        const w = this.host.clientWidth, h = this.host.clientHeight;
        if (sx < 0 || sy < 0 || sx > w || sy > h)
            this.setView(this.view.s, w / 2 - cx * this.view.s, h / 2 - cy * this.view.s);
    }

    // ---- polygons ---------------------------------------------------------------------

    addPolygonPoint(p, e) {
        if (!this.drawing) {
            this.drawing = { points: [p] };
            this.renderDrawing();
            return;
        }
        const first = this.drawing.points[0];
        const rect = this.svg.getBoundingClientRect();
        const fx = first[0] * this.view.s + this.view.tx + rect.left, fy = first[1] * this.view.s + this.view.ty + rect.top;
        if (this.drawing.points.length >= 3 && Math.hypot(e.clientX - fx, e.clientY - fy) <= CLOSE_PX) {
            this.finishPolygon();
            return;
        }
        this.drawing.points.push(p);
        this.renderDrawing();
    }

    finishPolygon() {
        const d = this.drawing;
        if (!d || d.points.length < 3) return;
        this.drawing = null;
        this.commitNew({ id: crypto.randomUUID(), kind: "polygon", classId: this.activeClassId, transcription: "",
                         source: "labeler", points: d.points });
    }

    cancelDrawing() {
        this.drawing = null;
        this.renderHandles();
    }

    deleteVertex(index) {
        const r = this.regions.get(this.selectedId);
        if (!r || r.kind !== "polygon" || r.points.length <= 3) return;
        const edited = clone(r);
        edited.points.splice(index, 1);
        this.selectedVertex = null;
        this.regions.set(edited.id, edited);
        this.renderRegion(edited);
        this.renderHandles();
        this.commit(edited);
    }

    // ---- keyboard ---------------------------------------------------------------------

    onKeyDown(e) {
        if (!this.host.isConnected || isTyping(e.target)) return;
        const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
        const ctrl = e.ctrlKey || e.metaKey;
        if (ctrl && key === "z") { e.preventDefault(); this.dotnet.invokeMethodAsync("OnCommand", e.shiftKey ? "redo" : "undo"); return; }
        if (ctrl && key === "y") { e.preventDefault(); this.dotnet.invokeMethodAsync("OnCommand", "redo"); return; }
        if (ctrl || e.altKey) return;
        switch (key) {
            case " ": e.preventDefault(); this.spaceDown = true; this.updateCursor(); return;
            case "v": case "b": case "p": {
                const tool = { v: "select", b: "box", p: "polygon" }[key];
                this.setTool(tool);
                this.dotnet.invokeMethodAsync("OnCommand", "tool:" + tool);
                return;
            }
            case "f": this.fit(); return;
            case "+": case "=": this.zoomBy(1.25); return;
            case "-": this.zoomBy(0.8); return;
            case "Enter": if (this.drawing) { e.preventDefault(); this.finishPolygon(); } return;
            case "Escape":
                if (this.drawing) this.cancelDrawing(); else this.setSelection(null, true);
                return;
            case "Delete": case "Backspace":
                e.preventDefault();
                if (this.drawing) {
                    this.drawing.points.pop();
                    if (this.drawing.points.length === 0) this.drawing = null;
                    this.renderHandles();
                } else if (this.selectedVertex !== null) {
                    this.deleteVertex(this.selectedVertex);
                } else if (this.selectedId) {
                    this.dotnet.invokeMethodAsync("OnRemove", this.selectedId);
                }
                return;
        }
        for (const c of this.classes.values()) {
            if (c.hotkey && c.hotkey === key) { this.dotnet.invokeMethodAsync("OnCommand", "class:" + c.id); return; }
        }
    }

    // ---- talking to .NET --------------------------------------------------------------

    setSelection(id, notify) {
        const previous = this.selectedId;
        this.selectedId = id && this.regions.has(id) ? id : null;
        this.selectedVertex = null;
        for (const changed of [previous, this.selectedId]) {
            const r = changed && this.regions.get(changed);
            if (r) this.renderRegion(r);
        }
        if (this.selectedId) this.regionLayer.append(this.elements.get(this.selectedId)); // on top, easier to grab
        this.renderHandles();
        if (notify && previous !== this.selectedId) this.dotnet.invokeMethodAsync("OnSelected", this.selectedId);
    }

    commitNew(r) {
        this.regions.set(r.id, r);
        this.renderRegion(r);
        this.setSelection(r.id, false);
        this.commit(r);
    }

    commit(r) {
        // .NET answers with applyChanges; if it refuses the edit it sends the region back as it was.
        this.dotnet.invokeMethodAsync("OnCommit", { id: r.id, kind: r.kind, classId: r.classId, points: r.points,
                                                     transcription: r.transcription ?? "" });
    }
}

// ---- helpers ------------------------------------------------------------------------------

function el(tag, attributes = {}) { return attrs(document.createElementNS(SVG, tag), attributes); }

function attrs(node, attributes) {
    for (const [k, v] of Object.entries(attributes)) {
        if (v === "" || v === null || v === undefined) node.removeAttribute(k); else node.setAttribute(k, v);
    }
    return node;
}

function round(v) { return Math.round(v * 100) / 100; }
function clone(r) { return { ...r, points: r.points.map(p => [p[0], p[1]]) }; }

function isTyping(target) {
    return target instanceof HTMLElement &&
        (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

function normaliseBox([[x1, y1], [x2, y2]]) {
    return [[Math.min(x1, x2), Math.min(y1, y2)], [Math.max(x1, x2), Math.max(y1, y2)]];
}

function resizeBox(points, handle, [px, py]) {
    let [[x1, y1], [x2, y2]] = points;
    if (handle.includes("n")) y1 = py;
    if (handle.includes("s")) y2 = py;
    if (handle.includes("w")) x1 = px;
    if (handle.includes("e")) x2 = px;
    return [[x1, y1], [x2, y2]];
}

/** Moves points by (dx, dy) but keeps the whole shape inside the image. */
function translateWithin(points, dx, dy, w, h) {
    const xs = points.map(p => p[0]), ys = points.map(p => p[1]);
    dx = Math.min(Math.max(dx, -Math.min(...xs)), w - Math.max(...xs));
    dy = Math.min(Math.max(dy, -Math.min(...ys)), h - Math.max(...ys));
    return points.map(([x, y]) => [round(x + dx), round(y + dy)]);
}
