// The polygon tool: click vertex by vertex, close on the first vertex or with Enter; and deleting a vertex.
import { clone, closesPolygon } from "./geometry.js";
import { Commands, Tools } from "./commands.js";

const CLOSE_PX = 9;         // how near the first vertex (on screen) a click closes the polygon

export function addPolygonPoint(c, p, e) {
    if (!c.drawing) {
        c.drawing = { points: [p] };
        c.renderDrawing();
        return;
    }
    const rect = c.host.getBoundingClientRect();
    if (closesPolygon(c.drawing.points, [e.clientX - rect.left, e.clientY - rect.top], c.view, CLOSE_PX)) {
        c.finishPolygon();
        return;
    }
    c.drawing.points.push(p);
    c.renderDrawing();
}

export function finishPolygon(c) {
    const d = c.drawing;
    if (!d || d.points.length < 3) return;
    c.drawing = null;
    c.commitNew({ id: crypto.randomUUID(), kind: "polygon", classId: c.activeClassId, transcription: "",
                     source: "labeler", points: d.points });
    // Done drawing: the select tool, so the new polygon's handles (drawn where the next click lands) edit it
    // rather than start another polygon.
    c.setTool(Tools.Select);
    c.dotnet.invokeMethodAsync("OnCommand", { name: Commands.Tool, value: Tools.Select });
}

export function cancelDrawing(c) {
    c.drawing = null;
    c.renderHandles();
}

export function deleteVertex(c, index) {
    const r = c.regions.get(c.selectedId);
    if (!r || r.kind !== "polygon" || r.points.length <= 3) return;
    const edited = clone(r);
    edited.points.splice(index, 1);
    c.selectedVertex = null;
    c.regions.set(edited.id, edited);
    c.renderRegion(edited);
    c.renderHandles();
    c.commit(edited);
}
