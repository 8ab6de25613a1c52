// The region editor's canvas: one SVG with the image and every region, driven by pointer and keyboard.
// .NET owns the document (undo, saving, validation); this module sends it committed edits only, never mouse
// moves, and renders whatever .NET sends back. Each concern is a module of wwwroot/editor/: render, pointer (select,
// move, resize), boxTool, polygon, viewport (zoom, pan), keyboard, with the pure geometry in geometry.js.
import * as render from "../../../editor/render.js";
import * as viewport from "../../../editor/viewport.js";
import * as pointer from "../../../editor/pointer.js";
import * as polygon from "../../../editor/polygon.js";
import * as keyboard from "../../../editor/keyboard.js";
import { Tools } from "../../../editor/commands.js";
import { el } from "../../../editor/dom.js";

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
        this.tool = Tools.Select;
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
        this.setTool(init.tool ?? Tools.Select);
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
        if (this.drawing && tool !== Tools.Polygon) this.cancelDrawing();
        this.tool = tool;
        this.updateCursor();
    }

    setActiveClass(id) { this.activeClassId = id; }

    select(id, reveal) {
        this.setSelection(id, false);
        if (reveal && id && this.regions.has(id)) this.reveal(this.regions.get(id));
    }

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

    // Each concern lives in its own module; these entry points keep one object for .NET and the gestures.
    renderRegion(r) { return render.renderRegion(this, r); }
    renderLabel(r) { return render.renderLabel(this, r); }
    renderHandles() { return render.renderHandles(this); }
    renderDrawing(cursor) { return render.renderDrawing(this, cursor); }
    setView(s, tx, ty) { return render.setView(this, s, tx, ty); }
    updateCursor() { return render.updateCursor(this); }
    fit() { return viewport.fit(this); }
    zoomBy(factor) { return viewport.zoomBy(this, factor); }
    toImage(e, clamp = true) { return viewport.toImage(this, e, clamp); }
    onWheel(e) { return viewport.onWheel(this, e); }
    zoomAt(px, py, factor) { return viewport.zoomAt(this, px, py, factor); }
    reveal(r) { return viewport.reveal(this, r); }
    onPointerDown(e) { return pointer.onPointerDown(this, e); }
    beginDrag(e, drag) { return pointer.beginDrag(this, e, drag); }
    onPointerMove(e) { return pointer.onPointerMove(this, e); }
    onPointerUp(e) { return pointer.onPointerUp(this, e); }
    addPolygonPoint(p, e) { return polygon.addPolygonPoint(this, p, e); }
    finishPolygon() { return polygon.finishPolygon(this); }
    cancelDrawing() { return polygon.cancelDrawing(this); }
    deleteVertex(index) { return polygon.deleteVertex(this, index); }
    onKeyDown(e) { return keyboard.onKeyDown(this, e); }
}
