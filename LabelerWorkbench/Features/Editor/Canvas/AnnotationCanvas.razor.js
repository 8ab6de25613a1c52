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
import { shortcutRows } from "../../../editor/shortcuts.js";
import { mergeRegions, splitRegion } from "../../../editor/lines.js";
import { el } from "../../../editor/dom.js";
import { drawnAlike } from "../../../editor/geometry.js";
import { unpackRegions } from "../../../editor/wire.js";
import { loadView, saveView } from "../../../editor/viewStore.js";

export function create(host, dotnet, init) {
    // Marks for the editor benchmark (and the browser's performance panel): module ready → regions on screen.
    performance.mark("lw-canvas-create");
    const canvas = new AnnotationCanvas(host, dotnet, init);
    requestAnimationFrame(() => setTimeout(() => performance.mark("lw-canvas-drawn")));
    return canvas;
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
        this.bounds = new Map();        // id → [x1, y1, x2, y2], for culling
        this.culled = new Set();        // ids outside the view, not drawn
        this.multi = new Set();         // Shift+click selection (to merge)
        this.splitting = false;         // "S" pressed: the next click cuts the selected line
        // View state of this browser, set by .NET: hidden and locked regions and classes, class names on shapes.
        this.hidden = new Set(); this.locked = new Set(); this.hiddenClasses = new Set(); this.lockedClasses = new Set();
        this.showLabels = false;
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

        this.listen(this.svg, "pointerdown", e => this.onPointerDown(e));
        this.listen(this.svg, "pointermove", e => this.onPointerMove(e));
        this.listen(this.svg, "pointerup", e => this.onPointerUp(e));
        this.listen(this.svg, "wheel", e => this.onWheel(e), { passive: false });
        this.listen(this.svg, "contextmenu", e => e.preventDefault());
        this.listen(window, "keydown", e => this.onKeyDown(e));
        this.listen(window, "keyup", e => { if (e.key === " ") { this.spaceDown = false; this.updateCursor(); } });
        // A banner shown or closed above the image changes the stage's height: fit again unless the labeler has zoomed.
        this.resizeObserver = new ResizeObserver(() => { if (this.atFit !== false) this.fit(); });
        this.resizeObserver.observe(host);

        // The view kept in this browser for the task, else the editor's: taken before the first draw, so a hidden
        // region never flashes on screen.
        this.viewKey = init.viewKey ?? null;
        this.savedView = loadView(this.viewKey);
        this.takeViewState(this.savedView ?? init.view);
        this.applyChanges(unpackRegions(init.regions), []);
        this.setTool(init.tool ?? Tools.Select);
        // Into the page only once every region is in the SVG: thousands of shapes built off the document cost no
        // style invalidation each.
        host.append(this.svg);
        this.fit();
        // Keys go to the editor from the start (and after a submit, to the next task's image, never a toolbar button).
        this.svg.focus({ preventScroll: true });
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
            this.bounds.delete(id);
            this.culled.delete(id);
            this.multi.delete(id);
            if (this.selectedId === id) this.selectedId = null;
        }
        let drawn = deletes.length > 0;
        for (const r of upserts) {
            const before = this.regions.get(r.id);
            this.regions.set(r.id, r);
            // A transcription typed in the list draws nothing: leave the SVG alone rather than repaint thousands of
            // shapes on every key.
            if (before && drawnAlike(before, r)) continue;
            this.renderRegion(r);
            drawn = true;
        }
        if (drawn) this.renderHandles();
    }

    setTool(tool) {
        if (this.drawing && tool !== Tools.Polygon) this.cancelDrawing();
        this.tool = tool;
        this.updateCursor();
    }

    setActiveClass(id) { this.activeClassId = id; }

    /** Hidden and locked ids and classes, and whether class names are drawn; re-renders every region and keeps it. */
    setViewState(state) {
        this.takeViewState(state);
        saveView(this.viewKey, state);
        for (const r of this.regions.values()) this.renderRegion(r);
        const selected = this.regions.get(this.selectedId);
        if (selected && render.isHidden(this, selected)) this.setSelection(null, true);
        else this.renderHandles();
    }

    takeViewState(state) {
        this.hidden = new Set(state?.hidden); this.locked = new Set(state?.locked);
        this.hiddenClasses = new Set(state?.hiddenClasses); this.lockedClasses = new Set(state?.lockedClasses);
        this.showLabels = !!state?.showLabels;
    }

    /** The view state this browser had kept for the task when the canvas started (null if none), for .NET's list. */
    restoredView() { return this.savedView; }

    /** Brightness, contrast and invert of the image only (regions keep their colours). */
    setImageFilter(css) { this.image.style.filter = css; }

    /** The rows of the "?" overlay, from the one shortcut table plus this project's class hotkeys. */
    shortcuts() { return shortcutRows([...this.classes.values()]); }

    setSplitting(on) {
        this.splitting = on && !!this.selectedId;
        this.updateCursor();
    }

    /** Shift+click: adds a region to the selection (or takes it out); the first one stays the one shown in the panel. */
    toggleMulti(id) {
        if (!this.multi.size && this.selectedId) this.multi.add(this.selectedId);
        const touched = new Set([...this.multi, id]);
        if (this.multi.has(id)) this.multi.delete(id); else this.multi.add(id);
        const primary = this.multi.has(this.selectedId) ? this.selectedId : ([...this.multi][0] ?? null);
        if (primary !== this.selectedId) this.setSelection(primary, true);
        for (const t of touched) { const r = this.regions.get(t); if (r) this.renderRegion(r); }
        this.renderHandles();
    }

    /** Cuts a line in two at image point p; one undoable step in .NET. */
    splitAt(id, p) {
        const r = this.regions.get(id);
        const parts = r && splitRegion(r, p, crypto.randomUUID());
        if (!parts) { this.dotnet.invokeMethodAsync("OnNotice", "Click inside the line, away from its ends, to split it there."); return; }
        this.replace(parts, []);
    }

    /** Joins the Shift+clicked lines into the first in reading order; one undoable step in .NET. */
    mergeSelected() {
        const { merged, removed } = mergeRegions([...this.multi].map(id => this.regions.get(id)).filter(r => r));
        this.multi.clear();
        this.replace([merged], removed);
    }

    replace(upserts, deletes) {
        const wire = r => ({ id: r.id, kind: r.kind, classId: r.classId, points: r.points, transcription: r.transcription ?? "" });
        this.dotnet.invokeMethodAsync("OnReplace", upserts.map(wire), deletes);
    }

    deleteSelected() {
        if (this.drawing) {
            this.drawing.points.pop();
            if (this.drawing.points.length === 0) this.drawing = null;
            this.renderHandles();
        } else if (this.selectedVertex !== null) {
            this.deleteVertex(this.selectedVertex);
        } else if (this.selectedId && render.isLocked(this, this.regions.get(this.selectedId))) {
            // Locked means "leave it alone" on the image; the list's delete button still takes it out on purpose.
            this.dotnet.invokeMethodAsync("OnNotice", "This region is locked: unlock it (L) to delete it with the keyboard.");
        } else if (this.selectedId) {
            this.dotnet.invokeMethodAsync("OnRemove", this.selectedId);
        }
    }

    select(id, reveal) {
        this.setSelection(id, false);
        if (reveal && id && this.regions.has(id)) this.reveal(this.regions.get(id));
    }

    setSelection(id, notify) {
        const previous = this.selectedId;
        this.selectedId = id && this.regions.has(id) ? id : null;
        this.selectedVertex = null;
        this.splitting = false;
        if (this.multi.size && !(id && this.multi.has(id))) {
            const was = [...this.multi];
            this.multi.clear();
            for (const m of was) { const r = this.regions.get(m); if (r) this.renderRegion(r); }
        }
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
