/**
 * Conjunct coverage: for every action and every enabling conjunct, in how many (reachable
 * state, arguments) pairs of `Next`'s domain the conjunct was evaluated and held, and in how
 * many it was evaluated and failed.  Conjuncts are evaluated in order and the first that fails
 * stops the action, as TLC evaluates `/\`: a conjunct that never fails in a configuration's state
 * space is never what disables its action there, and one that never holds never lets it through.
 *
 * The counting ({@link reachable}, {@link conjunctCoverage}) knows nothing of sector packing; only
 * {@link sectorPackingCoverage} does, so that the generic part can move to a shared module.
 *
 * @module
 */
import { firstFailing } from "./_action.js"
import type { Specification } from "./interface.js"
import { type Action, type Constants, type Definitions, type State, actions, definitions, guardsOf } from "./SectorPacking.js"
import { specification } from "./SectorPackingInvariants.js"

/** One conjunct's counts. */
export interface ConjunctCount {
  readonly action: string
  readonly conjunct: string
  /** Evaluated and true. */
  readonly held: number
  /** Evaluated and false (the first failing conjunct of its action). */
  readonly failed: number
}

/**
 * An action as coverage sees it: its conjuncts' names, and for a state, the index of the first
 * conjunct that fails for each argument tuple of its domain (`conjuncts.length` when all hold).
 */
export interface CoverageAction<S> {
  readonly name: string
  readonly conjuncts: ReadonlyArray<string>
  readonly outcomes: (s: S) => Iterable<number>
}

/**
 * Every state reachable from `spec`'s initial states, breadth first.
 *
 * @category coverage
 * @since 0.1.0
 */
export const reachable = <S, A>(spec: Specification<S, A>): Array<S> => {
  const seen = new Set<string>()
  const states: Array<S> = []
  const add = (s: S) => {
    const k = spec.key(s)
    if (seen.has(k)) return
    seen.add(k)
    states.push(s)
  }
  spec.Init.forEach(add)
  for (let i = 0; i < states.length; i++) for (const step of spec.Next(states[i]!)) add(step.state)
  return states
}

/**
 * The coverage of every conjunct of `actions` over `states`.
 *
 * @category coverage
 * @since 0.1.0
 */
export const conjunctCoverage = <S>(actions: ReadonlyArray<CoverageAction<S>>, states: Iterable<S>): Array<ConjunctCount> => {
  const counts = actions.map((a) => a.conjuncts.map(() => ({ held: 0, failed: 0 })))
  for (const s of states) {
    actions.forEach((a, i) => {
      for (const k of a.outcomes(s)) {
        for (let j = 0; j < k; j++) counts[i]![j]!.held += 1
        if (k < a.conjuncts.length) counts[i]![k]!.failed += 1
      }
    })
  }
  return actions.flatMap((a, i) => a.conjuncts.map((conjunct, j) => ({ action: a.name, conjunct, ...counts[i]![j]! })))
}

/** Sector packing's actions for {@link conjunctCoverage}, under `defs`, over the domains of constants `c`. */
const coverageActions = (c: Constants, defs: Definitions): Array<CoverageAction<State>> =>
  (Object.keys(actions) as Array<Action>).map(<K extends Action>(action: K) => {
    const guards = guardsOf(defs, action)
    const domain = [...actions[action].domain(c)]
    const conjuncts = actions[action].conjuncts
    return {
      name: action,
      conjuncts,
      outcomes: (s: State) => domain.map((a) => {
        const failed = firstFailing(guards, c, s, a)
        return failed === undefined ? conjuncts.length : conjuncts.indexOf(failed)
      })
    }
  })

/**
 * The conjunct coverage of sector packing's state space under constants `c`.
 *
 * @category coverage
 * @since 0.1.0
 */
export const sectorPackingCoverage = (c: Constants, defs: Definitions = definitions): Array<ConjunctCount> =>
  conjunctCoverage(coverageActions(c, defs), reachable(specification(c, defs, [])))
