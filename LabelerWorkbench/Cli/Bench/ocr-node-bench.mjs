// Times @gutenye/ocr-node (the same PP-OCRv4 models in onnxruntime-node) on a folder of images.
// Usage: node ocr-node-bench.mjs IMAGES_DIR RUNS OUT.json
import fs from 'node:fs'
import path from 'node:path'
import Ocr from '@gutenye/ocr-node'

const [dir, runsArg, out] = process.argv.slice(2)
const runs = Number(runsArg ?? 5)
const images = fs.readdirSync(dir).filter(f => /\.(png|jpe?g|webp|bmp)$/i.test(f)).sort()

const loadStart = performance.now()
const ocr = await Ocr.create()
const loadMs = performance.now() - loadStart

for (const image of images) await ocr.detect(path.join(dir, image)) // warm-up

const perImage = images.map(image => ({ image, ms: [], regions: [] }))
for (let r = 0; r < runs; r++) {
  for (const entry of perImage) {
    const start = performance.now()
    const result = await ocr.detect(path.join(dir, entry.image))
    entry.ms.push(performance.now() - start)
    entry.regions = result.map(x => ({ polygon: x.box, text: x.text, confidence: x.mean }))
  }
}
fs.writeFileSync(out, JSON.stringify({ loadMs, runs, perImage }))
console.error(`ocr-node: ${images.length} images × ${runs} runs written to ${out}`)
