/**
 * The payment channel, as pure state transitions: the TypeScript mirror of
 * `spec/tla/PaymentChannel.tla` (which EXTENDS `Chain.tla`), with the same constants, variables,
 * actions (enabling conjuncts in the same order), `Init`, `Next`, invariants and action
 * properties, under the same names.  The constants, state, conjuncts and actions are in
 * `PaymentChannelActions.ts`, re-exported here; this module adds `Init`, the invariants and
 * properties, the mutants that break them, and `Next`.
 *
 * Source: filecoin-project/builtin-actors `actors/paych/src/lib.rs` @ v16.0.1 (UpdateChannelState,
 * Settle, Collect); the spec's storage flow, "Collecting payment, via the client" (RedeemVoucher
 * at the PaymentChannelActor).
 *
 * @module
 */
import { type Disjunct, disjunct, nextOf } from "./_action.js"
import { ChainTypeOK, ValueConserved } from "./Chain.js"
import type { Specification, Step } from "./interface.js"
import {
  type Action, type ActionArgs, Actions, AuthorisedTotal, type Constants, type Merge, type Params, Presentable, type State,
  type Voucher
} from "./PaymentChannelActions.js"

export * from "./PaymentChannelActions.js"

// ---------------------------------------------------------------------------------------------
// Init
// ---------------------------------------------------------------------------------------------

/**
 * TLA+ `Init`: the state just after the Constructor; From has funded the channel, nothing is
 * signed yet.
 *
 * @category actions
 * @since 0.1.0
 */
export const Init = (c: Pick<Constants, "FromFunds" | "ChannelFunds">): State => ({
  epoch: 0,
  balance: { From: c.FromFunds - c.ChannelFunds, To: 0n, Channel: c.ChannelFunds },
  toSend: 0n,
  settlingAt: 0,
  minSettleHeight: 0,
  laneStates: new Map(),
  collected: false,
  authorised: new Map()
})

// ---------------------------------------------------------------------------------------------
// Invariants and action properties
// ---------------------------------------------------------------------------------------------

/**
 * The TLA+ invariants, by name.  `PaidWithinAuthorised` is stated against what From signed (the
 * ghost record), not against the actor's checks.
 *
 * @category invariants
 * @since 0.1.0
 */
export const Invariants = {
  /** TLA+ `TypeOK` (with Chain's `ChainTypeOK`: the epoch within its bound, no balance negative). */
  TypeOK: (c: Constants, s: State): boolean =>
    ChainTypeOK(c, s) &&
    Number.isInteger(s.settlingAt) && s.settlingAt >= 0 &&
    Number.isInteger(s.minSettleHeight) && s.minSettleHeight >= 0 &&
    [...s.laneStates].every(([l, ls]) => Number.isInteger(l) && l >= 0 && l <= c.MaxLane && Number.isInteger(ls.nonce) && ls.nonce >= 0) &&
    typeof s.collected === "boolean" &&
    [...s.authorised].every(([l, a]) => c.LaneIds.includes(l) && a >= 0n),
  /** TLA+ `PaidWithinAuthorised`: To's balance plus what it is owed never exceeds what From signed. */
  PaidWithinAuthorised: (_: Constants, s: State): boolean => s.balance.To + s.toSend <= AuthorisedTotal(s),
  /** TLA+ `RedeemedWithinBalance`: the channel never owes To more than it holds. */
  RedeemedWithinBalance: (_: Constants, s: State): boolean => 0n <= s.toSend && s.toSend <= s.balance.Channel,
  /** TLA+ `FundsConserved`: From + To + channel is constant (Chain's `ValueConserved`). */
  FundsConserved: (c: Constants, s: State): boolean => ValueConserved(s, c.FromFunds),
  /** TLA+ `NothingAfterCollect`: once collected, the channel holds and owes nothing. */
  NothingAfterCollect: (_: Constants, s: State): boolean =>
    !s.collected || (s.balance.Channel === 0n && s.toSend === 0n && s.settlingAt === 0 && s.laneStates.size === 0),
  /** TLA+ `SettleNotBeforeMinHeight`. */
  SettleNotBeforeMinHeight: (_: Constants, s: State): boolean => s.settlingAt === 0 || s.settlingAt >= s.minSettleHeight
} as const

/**
 * The TLA+ action properties (`[][P]_vars`), by name: each holds of every step from `s` to `t`.
 *
 * @category invariants
 * @since 0.1.0
 */
export const Properties = {
  /** TLA+ `NoDoubleRedemption`: every change to an existing lane raises its nonce. */
  NoDoubleRedemption: (_: Constants, s: State, t: State): boolean => {
    for (const [l, after] of t.laneStates) {
      const before = s.laneStates.get(l)
      if (before !== undefined && (before.redeemed !== after.redeemed || before.nonce !== after.nonce) && !(after.nonce > before.nonce)) return false
    }
    return true
  },
  /**
   * TLA+ `PayeeWindowKept`: Settle leaves To at least SettleDelay epochs to redeem, nothing moves
   * the end of that window earlier, and the channel is not closed before it.
   */
  PayeeWindowKept: (c: Constants, s: State, t: State): boolean =>
    (!(s.settlingAt === 0 && t.settlingAt !== 0) || t.settlingAt >= s.epoch + c.SettleDelay) &&
    (!(s.settlingAt !== 0 && t.settlingAt !== 0) || t.settlingAt >= s.settlingAt) &&
    (!(!s.collected && t.collected) || (s.settlingAt !== 0 && s.epoch >= s.settlingAt)),
  /** TLA+ `CollectPaysOut`: Collect pays To exactly what was redeemed and From the rest. */
  CollectPaysOut: (_: Constants, s: State, t: State): boolean =>
    !(!s.collected && t.collected) ||
    (t.balance.To === s.balance.To + s.toSend && t.balance.From === s.balance.From + (s.balance.Channel - s.toSend) && t.balance.Channel === 0n)
} as const

/** The name of an invariant or action property. */
export type Claim = keyof typeof Invariants | keyof typeof Properties

/**
 * The deliberately broken variants of the model (TLA+ constant `Mutant`), each with the invariant
 * or property that must catch it.  The test suite explores each with the TypeScript explorer and
 * TLC (spec/tla/MCPaymentChannel_Mutant_*.cfg) and expects exactly that violation.
 *
 * @category invariants
 * @since 0.1.0
 */
export const Mutants = {
  PayWholeAmount: { breaks: "PaidWithinAuthorised", doc: "a voucher pays its whole amount again, not the difference to what its lane already redeemed" },
  SettleWithoutDelay: { breaks: "PayeeWindowKept", doc: "Settle sets settlingAt without the settle delay" },
  Overdraw: { breaks: "TypeOK", doc: "AddFunds does not check that From can pay" },
  SkipBalanceCheck: { breaks: "RedeemedWithinBalance", doc: "UpdateChannelState does not check toSend against the channel's balance" },
  CollectRefundsAll: { breaks: "FundsConserved", doc: "Collect refunds From the whole balance and still pays To" },
  CollectKeepsLanes: { breaks: "NothingAfterCollect", doc: "Collect leaves the lane states behind" },
  SettleIgnoresMinHeight: { breaks: "SettleNotBeforeMinHeight", doc: "Settle ignores the vouchers' min-settle height" },
  SkipNonceCheck: { breaks: "NoDoubleRedemption", doc: "UpdateChannelState does not check the lane's nonce" },
  CollectPaysAllToTo: { breaks: "CollectPaysOut", doc: "Collect pays To the whole balance" }
} as const satisfies Record<string, { readonly breaks: Claim; readonly doc: string }>

/** TLA+ `Mutant`: "None" (the actor as it is) or a broken variant. */
export type Mutant = "None" | keyof typeof Mutants

// ---------------------------------------------------------------------------------------------
// Next and the specification the explorer walks
// ---------------------------------------------------------------------------------------------

const cartesian = <T>(lists: ReadonlyArray<ReadonlyArray<T>>): Array<Array<T>> =>
  lists.reduce<Array<Array<T>>>((acc, list) => acc.flatMap((prefix) => list.map((x) => [...prefix, x])), [[]])

/** TLA+ `MergeLists`: every merge list of length 0..MaxMerges over LaneIds × Nonces. */
export const MergeLists = (c: Constants): Array<ReadonlyArray<Merge>> => {
  const merges = c.LaneIds.flatMap((lane) => c.Nonces.map((nonce) => ({ lane, nonce })))
  const lists: Array<ReadonlyArray<Merge>> = []
  for (let n = 0; n <= c.MaxMerges; n++) lists.push(...cartesian(Array.from({ length: n }, () => merges)))
  return lists
}

/** TLA+ `Voucher`: every voucher the bounds allow. */
export const Vouchers = (c: Constants): Array<Voucher> => {
  const out: Array<Voucher> = []
  const mergeLists = MergeLists(c)
  for (const channel of c.Channels) for (const signer of c.Signers) for (const lane of c.LaneIds)
    for (const nonce of c.Nonces) for (const amount of c.Amounts) for (const timeLockMin of c.TimeLocks)
      for (const timeLockMax of c.TimeLocks) for (const minSettleHeight of c.SettleHeights)
        for (const merges of mergeLists) for (const hashLocked of c.HashLocks) for (const extra of c.Extras)
          out.push({ channel, signer, lane, nonce, amount, timeLockMin, timeLockMax, minSettleHeight, merges, hashLocked, extra })
  return out
}

/**
 * TLA+ `Next`'s disjuncts, in order, with the argument domains of the constants: To and From
 * present only `Presentable` vouchers; every other argument is offered in every state.
 *
 * @category actions
 * @since 0.1.0
 */
export const disjuncts = (c: Constants): ReadonlyArray<Disjunct<Params, State>> => {
  const vouchers = Vouchers(c)
  return [
    disjunct(Actions.UpdateChannelState, c.Callers.flatMap((by) => vouchers.flatMap((v) => c.Secrets.map((secret) => ({ by, v, secret })))), Presentable),
    disjunct(Actions.Settle, c.Callers.map((by) => ({ by }))),
    disjunct(Actions.Collect, c.Callers.map((by) => ({ by }))),
    disjunct(Actions.AddFunds, c.AddAmounts.map((amount) => ({ amount }))),
    disjunct(Actions.Sign, c.LaneIds.flatMap((lane) => c.Amounts.map((amount) => ({ lane, amount })))),
    disjunct(Actions.Tick, [{}])
  ]
}

/** An action name with its arguments, as `Next` yields them. */
export type PaymentChannelStep = { [K in Action]: Step<State, ActionArgs[K]> & { readonly action: K } }[Action]

/**
 * TLA+ `Next`: every enabled (action, arguments) from `s`, in the disjunction's order.
 *
 * @category actions
 * @since 0.1.0
 */
export const Next = (c: Constants): ((s: State) => Iterable<PaymentChannelStep>) =>
  nextOf<Params, State>(c, disjuncts(c)) as (s: State) => Iterable<PaymentChannelStep>

/** A canonical key: equal exactly when the TLA+ values are equal. */
export const key = (s: State): string => {
  const lanes = [...s.laneStates].sort(([a], [b]) => a - b).map(([l, ls]) => `${l}:${ls.redeemed}:${ls.nonce}`).join(",")
  const signed = [...s.authorised].sort(([a], [b]) => a - b).map(([l, a]) => `${l}:${a}`).join(",")
  return `${s.epoch}|${s.balance.From}|${s.balance.To}|${s.balance.Channel}|${s.toSend}|${s.settlingAt}|${s.minSettleHeight}|${lanes}|${s.collected ? 1 : 0}|${signed}`
}

/**
 * The specification for the explorer: Init, Next, the invariants and properties by TLA+ name
 * (all of them, or those named in `check`, as a TLC configuration lists them).
 *
 * @category exploration
 * @since 0.1.0
 */
export const specification = (c: Constants, check?: ReadonlyArray<string>): Specification<State, PaymentChannelStep["args"]> => {
  const wanted = (name: string) => check === undefined || check.includes(name)
  return {
    name: "PaymentChannel",
    Init: [Init(c)],
    Next: Next(c),
    key,
    invariants: Object.fromEntries(Object.entries(Invariants).filter(([n]) => wanted(n)).map(([n, inv]) => [n, (s: State) => inv(c, s)])),
    properties: Object.fromEntries(Object.entries(Properties).filter(([n]) => wanted(n)).map(([n, prop]) => [n, (s: State, t: State) => prop(c, s, t)]))
  }
}
