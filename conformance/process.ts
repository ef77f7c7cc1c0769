/**
 * An implementation behind a command: spawned once, fed one JSON request line at a time on its
 * stdin, answering one JSON response line each on its stdout (conformance/README.md).  Requests
 * go in lockstep — the next is written only when the previous one was answered — so a slow or
 * dead adapter is caught vector by vector.  Its stderr passes through to ours.
 *
 * @module
 */
import { spawn } from "node:child_process"
import { createInterface } from "node:readline"
import { Result, Schema } from "effect"
import { type Request, Response, STRICT } from "./schema.js"

/** Answers one request (in process, or over a pipe). */
export type Adapter = (request: Request) => Response | Promise<Response>

/** A spawned adapter and how to stop it. */
export interface SpawnedAdapter {
  readonly adapter: Adapter
  /** Closes its stdin and waits for it to exit; kills its process group after `graceMs`. */
  readonly close: (graceMs?: number) => Promise<void>
}

const decodeResponse = Schema.decodeUnknownResult(Response, STRICT)

/**
 * Spawns `command` (through the shell) as an adapter.
 *
 * @example
 * const { adapter, close } = spawnAdapter("node dist/conformance/adapter.js")
 * @category conformance
 * @since 0.1.0
 */
export const spawnAdapter = (command: string, timeoutMs = 60_000): SpawnedAdapter => {
  // Its own process group, so that stopping it also stops what the shell started.
  const child = spawn(command, { shell: true, stdio: ["pipe", "pipe", "inherit"], detached: true })
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity })
  const queue: Array<string> = []
  let waiting: ((line: string | undefined) => void) | undefined
  let exited = false
  let spawnError: string | undefined
  lines.on("line", (line) => {
    if (waiting !== undefined) {
      const w = waiting
      waiting = undefined
      w(line)
    } else queue.push(line)
  })
  const onEnd = () => {
    exited = true
    if (waiting !== undefined) {
      const w = waiting
      waiting = undefined
      w(undefined)
    }
  }
  lines.on("close", onEnd)
  child.on("exit", onEnd)
  child.on("error", (e) => {
    spawnError = e.message
    onEnd()
  })
  child.stdin.on("error", () => undefined)

  const nextLine = (): Promise<string | undefined> => {
    const queued = queue.shift()
    if (queued !== undefined) return Promise.resolve(queued)
    if (exited) return Promise.resolve(undefined)
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiting = undefined
        resolve("")
      }, timeoutMs)
      waiting = (line) => {
        clearTimeout(timer)
        resolve(line)
      }
    })
  }

  const adapter: Adapter = async (request) => {
    const { id } = request
    if (exited) return { id, fault: `the adapter is not running${spawnError === undefined ? "" : `: ${spawnError}`} (exit code ${child.exitCode})` }
    child.stdin.write(JSON.stringify(request) + "\n")
    const line = await nextLine()
    if (line === undefined) return { id, fault: `the adapter exited without answering (exit code ${child.exitCode})` }
    if (line === "") return { id, fault: `no answer within ${timeoutMs} ms` }
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      return { id, fault: `the answer is not JSON: ${line.slice(0, 200)}` }
    }
    const response = decodeResponse(json)
    if (Result.isFailure(response)) return { id, fault: `the answer does not match the protocol: ${String(response.failure)}` }
    if (response.success.id !== id) return { id, fault: `the answer is for "${response.success.id}", not "${id}"` }
    return response.success
  }

  const close = (graceMs = 5_000): Promise<void> =>
    new Promise((resolve) => {
      if (exited || child.exitCode !== null) return resolve()
      const timer = setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL")
        } catch {
          child.kill("SIGKILL")
        }
        resolve()
      }, graceMs)
      child.once("exit", () => {
        clearTimeout(timer)
        resolve()
      })
      child.stdin.end()
    })

  return { adapter, close }
}
