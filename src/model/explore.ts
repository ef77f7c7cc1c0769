/**
 * A generic breadth-first explorer for the specifications of `src/model`: it walks `Next` from
 * `Init` level by level, identifies states by their compact encoding (the spec's `encode`, or its
 * string key), checks every invariant on every new state and every action property on every step,
 * and stops at the first violation with the shortest trace that reaches it.
 *
 * Its counts follow TLC's (`-workers 1`), so that a run over the same bounds as a TLC
 * configuration reproduces TLC's "distinct states", "states generated" and "depth" exactly.
 *
 * The visited set is a {@link StateTable} (encodings in typed arrays, exact membership); each
 * state's parent and the ordinal of the step that reached it (its position among the steps its
 * parent's `Next` yields) are two integer columns, and only the current and the next level are
 * held as objects — or none, when the spec can `decode` its encodings.  A trace is rebuilt only on a violation, by replaying `Next` along the parent
 * links — `Next` is deterministic, so the replay yields the very steps that were explored.
 *
 * One thread: splitting each level's successor generation across `worker_threads` (frontier
 * chunks out, successor encodings back, merged in frontier order so that counts and the first
 * violation do not depend on scheduling) cost more than it saved on this project's 2-core
 * machine — copying states between threads and merging every successor's encoding on the main
 * thread took 1.5–2.5× the CPU time, and no less wall-clock time (`npm run bench` configurations).
 *
 * @module
 */
import { encodeKey, IntColumn, StateTable } from "./_fingerprint.js"
import type { ExplorationResult, Specification, Step, Violation } from "./interface.js"

type Trace<S, A> = Violation<S, A>["trace"]

/** The spec's encoder into a reusable buffer, grown when an encoding needs more room. */
export const encoderOf = <S>(spec: Pick<Specification<S>, "key" | "encode">): { readonly encode: (s: S) => number; readonly buffer: () => Int32Array } => {
  const write = spec.encode ?? ((s: S, out: Int32Array) => encodeKey(spec.key(s), out))
  let buf = new Int32Array(256)
  return {
    encode: (s) => {
      let n = write(s, buf)
      while (n > buf.length) {
        buf = new Int32Array(Math.max(n, buf.length * 2))
        n = write(s, buf)
      }
      return n
    },
    buffer: () => buf
  }
}

/** The `ordinal`-th step (counting from 0, duplicates included) that `Next` yields from `s`. */
const nthStep = <S, A>(spec: Specification<S, A>, s: S, ordinal: number): Step<S, A> => {
  let i = 0
  for (const step of spec.Next(s)) if (i++ === ordinal) return step
  throw new Error(`${spec.name}: Next is not deterministic (step ${ordinal} of a state explored before is gone)`)
}

/**
 * The trace from an initial state to state `index`, replayed from the parent links: `parent` is
 * −1 for an initial state, whose `ordinal` is its position in `Init`.
 */
export const replayTrace = <S, A>(spec: Specification<S, A>, parent: (i: number) => number, ordinal: (i: number) => number, index: number): Trace<S, A> => {
  const path: Array<number> = []
  for (let i = index; i >= 0; i = parent(i)) path.push(i)
  path.reverse()
  let state: S = spec.Init[ordinal(path[0]!)]!
  const trace: Array<{ action?: string; args?: A; state: S }> = [{ state }]
  for (const i of path.slice(1)) {
    const step = nthStep(spec, state, ordinal(i))
    trace.push({ action: step.action, args: step.args, state: step.state })
    state = step.state
  }
  return trace
}

/** The name of the first invariant `s` breaks, or undefined. */
const brokenInvariant = <S>(names: ReadonlyArray<string>, invariants: ReadonlyArray<(s: S) => boolean>, s: S): string | undefined => {
  for (let i = 0; i < invariants.length; i++) if (!invariants[i]!(s)) return names[i]
  return undefined
}

/** The name of the first property the step `s → t` breaks, or undefined. */
const brokenProperty = <S>(names: ReadonlyArray<string>, properties: ReadonlyArray<(s: S, t: S) => boolean>, s: S, t: S): string | undefined => {
  for (let i = 0; i < properties.length; i++) if (!properties[i]!(s, t)) return names[i]
  return undefined
}

/**
 * Explores `spec` breadth first.
 *
 * @example
 * ```ts
 * import { explore } from "filflow/model/explore"
 * const counter = {
 *   name: "Counter", Init: [0], key: String, invariants: { Small: (n: number) => n < 10 }, properties: {},
 *   Next: function* (n: number) { if (n < 3) yield { action: "Inc", args: {}, state: n + 1 } }
 * }
 * explore(counter) // => { distinctStates: 4, statesGenerated: 4, depth: 4 }
 * ```
 * @category exploration
 * @since 0.1.0
 */
export const explore = <S, A>(spec: Specification<S, A>): ExplorationResult<S, A> => {
  const table = new StateTable()
  const parents = new IntColumn()
  const ordinals = new IntColumn()
  const { encode, buffer } = encoderOf(spec)
  const invariantNames = Object.keys(spec.invariants)
  const invariants = Object.values(spec.invariants)
  const propertyNames = Object.keys(spec.properties)
  const properties = Object.values(spec.properties)
  const traceTo = (index: number) => replayTrace(spec, (i) => parents.get(i), (i) => ordinals.get(i), index)
  let generated = 0

  let frontier: Array<S> = []
  for (let i = 0; i < spec.Init.length; i++) {
    const s = spec.Init[i]!
    generated += 1
    const length = encode(s)
    const index = table.add(buffer(), length)
    if (index < 0) continue
    parents.push(-1)
    ordinals.push(i)
    frontier.push(s)
    const broken = brokenInvariant(invariantNames, invariants, s)
    if (broken !== undefined) {
      return { distinctStates: table.size, statesGenerated: generated, depth: 1, violation: { kind: "invariant", name: broken, trace: traceTo(index) } }
    }
  }

  // With a decode hook the levels are held only as encodings in the table: each state is
  // rebuilt when expanded and dies young, which spares the collector promoting whole levels.
  const decode = spec.decode
  let depth = frontier.length > 0 ? 1 : 0
  let levelStart = 0
  let levelEnd = table.size
  while (levelEnd > levelStart) {
    const next: Array<S> = []
    for (let fromIndex = levelStart; fromIndex < levelEnd; fromIndex++) {
      const from = decode === undefined ? frontier[fromIndex - levelStart]! : decode(table.encoding(fromIndex))
      let ordinal = 0
      for (const step of spec.Next(from)) {
        generated += 1
        const to = step.state
        const brokenStep = brokenProperty(propertyNames, properties, from, to)
        if (brokenStep !== undefined) {
          const trace = [...traceTo(fromIndex), { action: step.action, args: step.args, state: to }]
          return { distinctStates: table.size, statesGenerated: generated, depth: depth + 1, violation: { kind: "property", name: brokenStep, trace } }
        }
        const length = encode(to)
        const index = table.add(buffer(), length)
        if (index >= 0) {
          parents.push(fromIndex)
          ordinals.push(ordinal)
          if (decode === undefined) next.push(to)
          const broken = brokenInvariant(invariantNames, invariants, to)
          if (broken !== undefined) {
            return { distinctStates: table.size, statesGenerated: generated, depth: depth + 1, violation: { kind: "invariant", name: broken, trace: traceTo(index) } }
          }
        }
        ordinal += 1
      }
    }
    levelStart = levelEnd
    levelEnd = table.size
    if (levelEnd > levelStart) depth += 1
    frontier = next
  }
  return { distinctStates: table.size, statesGenerated: generated, depth }
}
