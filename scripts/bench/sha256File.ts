/**
 * The yardstick of the file section of `npm run bench` (`./fileCommp.ts`), as a whole process:
 *
 *     node dist/scripts/bench/sha256File.js <file> <read size>
 *
 * streams the file in reads of `<read size>` bytes through `node:crypto` SHA-256 and prints the
 * hex digest. Only `node:` imports, so that its start-up is Node's own.
 *
 * @module
 */
import { createHash } from "node:crypto"
import { createReadStream } from "node:fs"

const [path, size] = process.argv.slice(2)
if (path === undefined || !Number.isSafeInteger(Number(size)) || Number(size) < 1) {
  console.error("usage: sha256File.js <file> <read size>")
  process.exitCode = 2
} else {
  const hash = createHash("sha256")
  for await (const chunk of createReadStream(path, { highWaterMark: Number(size) })) hash.update(chunk as Buffer)
  process.stdout.write(`${hash.digest("hex")}\n`)
}
