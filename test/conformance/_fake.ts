/**
 * Helpers for the runner's tests with the fake adapter (fixtures/fake-adapter.mjs): a directory
 * of small known-answer vectors it answers correctly, and the command that runs it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const FAKE = fileURLToPath(new URL("./fixtures/fake-adapter.mjs", import.meta.url))

/** The shell command running the fake adapter with `args` (`exec`, so that its exit status is its own). */
export const fake = (...args: Array<string>): string => `exec ${JSON.stringify(process.execPath)} ${[FAKE, ...args].map((a) => JSON.stringify(a)).join(" ")}`

/** The ids of the vectors {@link fakeVectorsDir} writes, in the order the runner sends them. */
export const FAKE_IDS = ["t/1", "t/2", "t/3", "t/4"] as const

/**
 * A fresh directory holding t/1 … t/4: IdAddress known answers for ids 1 … 4, expected string
 * "f0<id>" and bytes 00 ‖ LEB128(id) (one byte below 128) — the ID address encoding of
 * filecoin-project/go-address address.go @ v1.1.0 (NewIDAddress: protocol byte 0, then the uvarint).
 */
export const fakeVectorsDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "filflow-fake-vectors-"))
  mkdirSync(join(dir, "t"))
  for (const [i, id] of FAKE_IDS.entries()) {
    const n = i + 1
    writeFileSync(join(dir, `${id}.json`), JSON.stringify({
      schema: "filflow-vector/1", description: `f0${n}`, source: "test",
      encoding: { type: "IdAddress", id: String(n) }, expected: { string: `f0${n}`, bytes: `000${n}` }
    }))
  }
  return dir
}
