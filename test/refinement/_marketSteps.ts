/**
 * Test helper: the model's side of the StorageMarket refinement — its steps as data, taken from a
 * state, offered by the environment, and chosen against the state (guided among the enabled ones,
 * or anywhere in `Next`'s domain).
 */
import { Result } from "effect"
import { type ActionArgs, type Constants, disjuncts, Next, type State } from "../../src/model/StorageMarket.js"

/** A model step: an action and its arguments. */
export type ModelStep = { [K in keyof ActionArgs]: { readonly action: K; readonly args: ActionArgs[K] } }[keyof ActionArgs]

/** A step chosen against the state it is taken in: among the enabled steps (guided) or any of `Next`'s domain. */
export interface Pick {
  readonly guided: boolean
  readonly action: number
  readonly arg: number
}

/** `disjuncts(c)` and `Next(c)`, made once per constants. */
const planned = new WeakMap<Constants, { readonly disjuncts: ReturnType<typeof disjuncts>; readonly next: ReturnType<typeof Next> }>()
const plan = (c: Constants) => {
  let p = planned.get(c)
  if (p === undefined) {
    p = { disjuncts: disjuncts(c), next: Next(c) }
    planned.set(c, p)
  }
  return p
}
const disjunctOf = (c: Constants, action: string) => plan(c).disjuncts.find((x) => x.action.name === action)!

/** The model's step from its state: the action's new state or the failing conjunct's name. */
export const takeModel = (c: Constants, s: State, step: ModelStep): Result.Result<State, string> => {
  const d = disjunctOf(c, step.action)
  return Result.mapError(d.action.take(c, s, step.args), (e) => e._tag)
}

/** Whether the environment offers `step` in `s` (`Next`'s `offered`). */
export const offered = (c: Constants, s: State, step: ModelStep): boolean => {
  const d = disjunctOf(c, step.action)
  return d.offered === undefined || d.offered(c, s, step.args)
}

const GUIDED_WEIGHT: Readonly<Record<string, number>> = {
  RespondToProposal: 2, PublishStorageDeals: 4, ActivateDeals: 4, SignVoucher: 3, RedeemVoucher: 4, SettleDealPayments: 2, CronTick: 2
}

/** The step a pick stands for in state `s`. */
export const resolvePick = (c: Constants, s: State, p: Pick): ModelStep => {
  if (p.guided) {
    const byAction = new Map<string, Array<ModelStep>>()
    // the clock advances by its own steps (RStep "tick"), so that deals are made before they start
    for (const st of plan(c).next(s)) if (st.action !== "Tick") byAction.set(st.action, [...(byAction.get(st.action) ?? []), { action: st.action, args: st.args } as ModelStep])
    // the steps of a deal's life weigh more the further on they are, so that deals get published, activated and paid
    const actions = [...byAction].flatMap(([a, steps]) => Array.from({ length: GUIDED_WEIGHT[a] ?? 1 }, () => steps))
    if (actions.length > 0) {
      const steps = actions[p.action % actions.length]!
      return steps[p.arg % steps.length]!
    }
  }
  const ds = plan(c).disjuncts
  const d = ds[p.action % ds.length]!
  return { action: d.action.name, args: d.args[p.arg % d.args.length] } as ModelStep
}

