/**
 * The file section of `npm run bench` alone (`./bench/fileCommp.ts`), for measuring the file
 * CommP without the in-memory and streamed sections:
 *
 *     npm run build && node dist/scripts/benchFile.js [rounds]
 *
 * prints each round (commp and the two SHA-256 children, MiB/s; the ratio of the faster SHA-256
 * to commp; the 1-minute load average), the best-vs-best ratio, and exits 1 if a check failed.
 *
 * @module
 */
import { runFileBench, SHA_READS, summarizeFileBench } from "./bench/fileCommp.js"

const MiB = 2 ** 20
const rounds = Number(process.argv[2] ?? "5")
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error("usage: benchFile.js [rounds ≥ 1]")
  process.exit(2)
}
const file = await runFileBench(rounds)
const mibs = (seconds: number) => (file.bytes / MiB / seconds).toFixed(0)
const { roundRatios, bestCommp, bestSha, low, median, high } = summarizeFileBench(file)
console.log(`round  commp s  commp MiB/s  ${SHA_READS.map((n) => `SHA-256 ${n / 1024} KiB reads MiB/s`).join("  ")}  ratio  load`)
file.rounds.forEach((r, i) => {
  console.log(`${i + 1}  ${r.commp.toFixed(3)}  ${mibs(r.commp)}  ${r.sha.map(mibs).join("  ")}  ${roundRatios[i]!.toFixed(2)}  ${r.load.toFixed(2)}`)
})
console.log(`best: commp ${mibs(bestCommp)} MiB/s, SHA-256 ${mibs(bestSha)} MiB/s, ratio ${(bestSha / bestCommp).toFixed(2)}; round ratios ${low.toFixed(2)}–${high.toFixed(2)}, median ${median.toFixed(2)}`)
if (file.failure !== undefined) {
  console.error(`FAILURE: ${file.failure}`)
  process.exitCode = 1
}
