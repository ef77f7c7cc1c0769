/**
 * An implementation behind a command: spawned once (through the shell, in its own process group),
 * fed one JSON request line at a time on its stdin, answering one JSON response line each on its
 * stdout (conformance/README.md).  Requests go in lockstep — the next is written only when the
 * previous one was judged — and answers are matched to requests by `id`:
 *
 * - an answer with the id of a request already judged (a second answer, or the real answer after
 *   a line that was not one) is discarded with a note, and the wait goes on;
 * - an empty line, a line that is not JSON, an answer for an id never sent, or one that does not
 *   match the protocol is a protocol error of the request awaited;
 * - no answer within the timeout: the adapter's whole process group is killed and the adapter
 *   throws {@link AdapterStopped}; so does an adapter that has ended, with its real exit status
 *   (code or signal).  The runner reports the vectors not sent as "not run".
 *
 * Its stderr passes through to ours.
 *
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process"
import { createInterface } from "node:readline"
import { Data, Result, Schema } from "effect"
import { type Request, Response, STRICT } from "./schema.js"

/** Answers one request (in process, or over a pipe). */
export type Adapter = (request: Request) => Response | Promise<Response>

/**
 * Thrown by an adapter that can answer no more requests: it did not answer in time and was
 * killed, or it has ended.  `sent` tells whether the request it was given reached it (its vector
 * then fails with `reason`) or not (its vector is not run, like every later one).
 *
 * @category errors
 * @since 0.1.0
 */
export class AdapterStopped extends Data.TaggedError("AdapterStopped")<{
  readonly reason: string
  readonly sent: boolean
}> {}

/** How a process ended: its exit code, or the signal that ended it. */
export interface ExitStatus {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
}

/**
 * An exit status in words: `exit code 3` or `signal SIGSEGV`.
 *
 * @example
 * describeExit({ code: null, signal: "SIGKILL" }) // => "signal SIGKILL"
 * @category conformance
 * @since 0.1.0
 */
export const describeExit = (s: ExitStatus): string => (s.signal !== null ? `signal ${s.signal}` : `exit code ${s.code}`)

/** A spawned adapter, how to stop it, and what it did that the verdicts do not show. */
export interface SpawnedAdapter {
  readonly adapter: Adapter
  /** Closes its stdin and waits for it to exit; kills its process group after `graceMs`. */
  readonly close: (graceMs?: number) => Promise<void>
  /** Lines it printed that answered nothing (discarded late answers, stray lines), and a non-zero exit status at close. */
  readonly notes: () => ReadonlyArray<string>
}

/** How long the runner waits for one answer by default, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 60_000

const decodeResponse = Schema.decodeUnknownResult(Response, STRICT)

const excerpt = (line: string): string => (line.length > 200 ? `${line.slice(0, 200)}…` : line)

/** Kills a child's whole process group (it was spawned `detached`, as the group's leader). */
const killGroup = (child: ChildProcess): void => {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL")
  } catch {
    child.kill("SIGKILL")
  }
}

/** What one line of the adapter's stdout is to the request `awaited` (undefined between requests). */
type Reading =
  | { readonly kind: "answer"; readonly response: Response }
  | { readonly kind: "protocol error"; readonly reason: string }
  | { readonly kind: "note"; readonly note: string }

const read = (line: string, awaited: string | undefined, judged: ReadonlySet<string>): Reading => {
  const unexpected = (reason: string): Reading =>
    awaited === undefined ? { kind: "note", note: `ignored a line between requests (${reason}): ${excerpt(line)}` } : { kind: "protocol error", reason }
  if (line.trim() === "") return unexpected("an empty line instead of an answer")
  let json: unknown
  try {
    json = JSON.parse(line)
  } catch {
    return unexpected(`the answer is not JSON: ${excerpt(line)}`)
  }
  const id = typeof json === "object" && json !== null && "id" in json && typeof json.id === "string" ? json.id : undefined
  if (id !== undefined && id !== awaited && judged.has(id)) return { kind: "note", note: `discarded a late answer for "${id}", already judged` }
  if (id !== undefined && id !== awaited) return unexpected(`the answer is for "${id}", not "${awaited}"`)
  const response = decodeResponse(json)
  if (Result.isFailure(response)) return unexpected(`the answer does not match the protocol: ${String(response.failure)}`)
  return { kind: "answer", response: response.success }
}

/**
 * Spawns `command` (through the shell, in its own process group) as an adapter.
 *
 * @example
 * const { adapter, close } = spawnAdapter("node dist/conformance/adapter.js", { timeoutMs: 5_000 })
 * @category conformance
 * @since 0.1.0
 */
export const spawnAdapter = (command: string, options: { readonly timeoutMs?: number } = {}): SpawnedAdapter => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const child = spawn(command, { shell: true, stdio: ["pipe", "pipe", "inherit"], detached: true })
  const notes: Array<string> = []
  const judged = new Set<string>()
  let awaited: { readonly id: string; readonly settle: (r: Response | AdapterStopped) => void } | undefined
  let exit: ExitStatus | undefined
  /** Set once the adapter can answer no more: why. */
  let stopped: string | undefined
  let lastJudged: string | undefined
  let closing = false

  const settle = (r: Response | AdapterStopped): void => {
    const a = awaited
    if (a === undefined) return
    awaited = undefined
    judged.add(a.id)
    lastJudged = a.id
    a.settle(r)
  }

  createInterface({ input: child.stdout, crlfDelay: Infinity }).on("line", (line) => {
    const r = read(line, awaited?.id, judged)
    if (r.kind === "note") notes.push(r.note)
    else settle(r.kind === "answer" ? r.response : { id: awaited!.id, fault: `protocol error: ${r.reason}` })
  })
  child.on("exit", (code, signal) => {
    exit = { code, signal }
  })
  // "close": the process has exited and its stdout is drained, so every answer it wrote was read.
  child.on("close", (code, signal) => {
    exit ??= { code, signal }
    if (stopped === undefined) {
      stopped = closing ? "the adapter was closed"
        : `the adapter ended (${describeExit(exit)}) ${awaited !== undefined ? `without answering "${awaited.id}"` : lastJudged === undefined ? "before its first request" : `after answering "${lastJudged}"`}`
    }
    settle(new AdapterStopped({ reason: stopped, sent: true }))
  })
  child.on("error", (e) => {
    stopped ??= `the adapter could not be run: ${e.message}`
    settle(new AdapterStopped({ reason: stopped, sent: true }))
  })
  child.stdin.on("error", () => undefined)

  const adapter: Adapter = async (request) => {
    if (stopped !== undefined) throw new AdapterStopped({ reason: stopped, sent: false })
    const outcome = await new Promise<Response | AdapterStopped>((resolve) => {
      const timer = setTimeout(() => {
        stopped = `no answer to "${request.id}" within ${timeoutMs} ms${exit === undefined ? "" : ` (the adapter had ended: ${describeExit(exit)})`}; the adapter was killed`
        killGroup(child)
        settle(new AdapterStopped({ reason: stopped, sent: true }))
      }, timeoutMs)
      awaited = { id: request.id, settle: (r) => (clearTimeout(timer), resolve(r)) }
      child.stdin.write(JSON.stringify(request) + "\n")
    })
    if (outcome instanceof AdapterStopped) throw outcome
    return outcome
  }

  const close = (graceMs = 5_000): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null || stopped !== undefined) {
        // Already ended, killed, or never started: what is left of its group goes too, and its
        // pipes are let go so that a grandchild holding them open cannot keep us running.
        if (exit === undefined) killGroup(child)
        child.stdin.destroy()
        child.stdout.destroy()
        child.unref()
        return resolve()
      }
      closing = true
      const timer = setTimeout(() => {
        notes.push(`the adapter did not exit within ${graceMs} ms of its stdin closing; it was killed`)
        killGroup(child)
      }, graceMs)
      child.once("close", (code, signal) => {
        clearTimeout(timer)
        if (code !== 0 && code !== null) notes.push(`the adapter exited with ${describeExit({ code, signal })} when its stdin closed`)
        else if (signal !== null && signal !== "SIGKILL") notes.push(`the adapter ended with ${describeExit({ code, signal })} when its stdin closed`)
        resolve()
      })
      child.stdin.end()
    })

  return { adapter, close, notes: () => [...notes] }
}
