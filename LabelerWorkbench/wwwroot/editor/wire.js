// The canvas's first draw receives every region column by column (PackedRegions in .NET): field names once, points
// flat. This turns it back into the region objects the rest of the editor works with.

/** Region objects from a packed payload, in order. */
export function unpackRegions(packed) {
    const regions = new Array(packed.ids.length);
    const pending = new Set(packed.pending);
    for (let i = 0; i < regions.length; i++) {
        const flat = packed.points[i], points = new Array(flat.length / 2);
        for (let p = 0; p < points.length; p++) points[p] = [flat[2 * p], flat[2 * p + 1]];
        regions[i] = {
            id: packed.ids[i],
            kind: packed.kinds[i] === "b" ? "box" : "polygon",
            classId: packed.classIds[i],
            points,
            transcription: packed.texts[i],
            source: packed.sourceNames[packed.sources[i]],
            confidence: packed.confidences[i],
            pending: pending.has(i),
        };
    }
    return regions;
}
