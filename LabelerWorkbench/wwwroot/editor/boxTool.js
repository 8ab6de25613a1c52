// The box tool: drag from corner to corner; a drag smaller than a few screen pixels is a click, not a box.
import { normaliseBox } from "./geometry.js";
import { el } from "./dom.js";

const MIN_BOX_PX = 4;

export function previewBox(c, d, p) {
    d.to = p;
    c.overlay.querySelector(".lw-box-preview")?.remove();
    c.overlay.append(el("rect", { class: "lw-box-preview", "vector-effect": "non-scaling-stroke",
        x: Math.min(d.from[0], p[0]), y: Math.min(d.from[1], p[1]),
        width: Math.abs(p[0] - d.from[0]), height: Math.abs(p[1] - d.from[1]) }));
}

export function finishBox(c, d) {
    c.overlay.querySelector(".lw-box-preview")?.remove();
    const [x1, y1] = d.from, [x2, y2] = d.to;
    if (Math.abs(x2 - x1) * c.view.s < MIN_BOX_PX || Math.abs(y2 - y1) * c.view.s < MIN_BOX_PX) return;
    c.commitNew({ id: crypto.randomUUID(), kind: "box", classId: c.activeClassId, transcription: "", source: "labeler",
                  points: normaliseBox([d.from, d.to]) });
}
