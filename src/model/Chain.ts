/**
 * The chain the protocol models run on: the TypeScript mirror of `spec/tla/Chain.tla` — the
 * epoch and the balances of accounts and actors, moved only by value transfers, and `Tick`.
 * A model's state extends {@link ChainState}; its parameters include {@link ChainParams}.
 *
 * @module
 */
import { action, conjunct } from "./_action.js"

/**
 * The TLA+ VARIABLES of Chain: `epoch` and `balance` (account → attoFIL).
 *
 * @category models
 * @since 0.1.0
 */
export interface ChainState<Account extends string> {
  readonly epoch: number
  readonly balance: Readonly<Record<Account, bigint>>
}

/** The Chain constant an action reads. */
export interface ChainParams {
  readonly MaxEpoch: number
}

/** TLA+ `SumOver(balance, Accounts)`: all the FIL on the chain. */
export const TotalBalance = <Account extends string>(s: ChainState<Account>): bigint =>
  (Object.values(s.balance) as Array<bigint>).reduce((sum, b) => sum + b, 0n)

/** TLA+ `Transfer(b, from, to, amount)`: the balances after `from` pays `amount` to `to`. */
export const Transfer = <Account extends string>(b: Readonly<Record<Account, bigint>>, from: NoInfer<Account>, to: NoInfer<Account>, amount: bigint): Readonly<Record<Account, bigint>> => {
  const out: Record<Account, bigint> = { ...b }
  out[from] = out[from] - amount
  out[to] = out[to] + amount
  return out
}

/** TLA+ `CanPay(payer, amount)`. */
export const CanPay = <Account extends string>(s: ChainState<Account>, payer: Account, amount: bigint): boolean => amount <= s.balance[payer]

/** TLA+ `ChainTypeOK`. */
export const ChainTypeOK = <Account extends string>(p: ChainParams, s: ChainState<Account>): boolean =>
  Number.isInteger(s.epoch) && s.epoch >= 0 && s.epoch <= p.MaxEpoch && (Object.values(s.balance) as Array<bigint>).every((b) => b >= 0n)

/** TLA+ `ValueConserved(total)`: no FIL created or destroyed. */
export const ValueConserved = <Account extends string>(s: ChainState<Account>, total: bigint): boolean => TotalBalance(s) === total

/** TLA+ `ClockRunning`: the model's clock stops at MaxEpoch. */
export const ClockRunning = conjunct("ClockRunning", "epoch < MaxEpoch", (p: ChainParams, s: ChainState<string>) => s.epoch < p.MaxEpoch)

/**
 * TLA+ `Tick`: the chain advances one epoch, for a model with parameters `P` and state `S`
 * (its own variables unchanged).
 *
 * @category actions
 * @since 0.1.0
 */
export const Tick = <P extends ChainParams, S extends ChainState<string>>() =>
  action<P, S, Record<string, never>>()("Tick", [ClockRunning], (_, s) => ({ ...s, epoch: s.epoch + 1 }))
