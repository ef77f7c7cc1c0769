/**
 * Test helper for the actor tests: a chain (genesis → three funded accounts → a payment channel
 * created through Init), unsigned voucher builders, and the assertion that a rejected message
 * left everything as it was except the sender's nonce.
 *
 * Accounts are created in a fixed order, so their ids are known by hand: the first user actor is
 * f0100 (go-state-types `builtin.FirstNonSingletonActorId`), then one id per actor in creation
 * order: From = f0100, To = f0101, Stranger = f0102, the channel = f0103.
 */
import { Result } from "effect"
import { expect } from "vitest"
import { type ChannelWorld, openChannel, updateChannelStateMessage } from "../../../src/impl/actors/paych/messages.js"
import { signVoucher, type SignedVoucher } from "../../../src/impl/actors/paych/types.js"
import type { Address } from "../../../src/impl/address/interface.js"
import { keyFromSeed, type KeyPair, type KeyType } from "../../../src/impl/crypto/keys.js"
import type { ActorId, Receipt, VmState } from "../../../src/impl/vm/interface.js"
import { genesis, type NetworkParams, PRODUCTION_NETWORK } from "../../../src/impl/actors/builtin.js"
import { atEpoch, createAccount, resolveAddress, send } from "../../../src/impl/vm/vm.js"

/** From's starting balance (attoFIL). */
export const FROM_FUNDS = 1_000_000n
/** The value the channel is created with (attoFIL). */
export const CHANNEL_FUNDS = 1_000n
/** To's and the stranger's starting balance (attoFIL): enough to be visible in balance checks. */
export const OTHER_FUNDS = 500n

/** Ids by creation order (see the module comment). */
export const FROM_ID = 100n
export const TO_ID = 101n
export const STRANGER_ID = 102n
export const CHANNEL_ID = 103n

/** The chain the actor tests start from: the channel is f0103. */
export type Chain = ChannelWorld

export interface ChainOptions {
  readonly fromType?: KeyType
  readonly toType?: KeyType
  readonly channelFunds?: bigint
  readonly network?: NetworkParams
}

/** Genesis, From / To / Stranger accounts, and a channel From → To created through Init at epoch 0. */
export const makeChain = (o: ChainOptions = {}): Chain => {
  const from = keyFromSeed(o.fromType ?? 1, "actors test from")
  const to = keyFromSeed(o.toType ?? 1, "actors test to")
  const stranger = keyFromSeed(1, "actors test stranger")
  let vm = genesis(o.network ?? PRODUCTION_NETWORK)
  vm = createAccount(vm, from.address, FROM_FUNDS).vm
  vm = createAccount(vm, to.address, OTHER_FUNDS).vm
  vm = createAccount(vm, stranger.address, OTHER_FUNDS).vm
  const opened = openChannel(vm, from.address, to.address, o.channelFunds ?? CHANNEL_FUNDS)
  if (Result.isFailure(opened)) throw new Error(`channel creation failed: ${opened.failure.tag} ${opened.failure.message}`)
  return { vm: opened.success.vm, from, to, stranger, channel: opened.success.id, channelRobust: opened.success.robust }
}

/** An unsigned voucher for the chain's channel: lane 0, nonce 1, amount 0, no locks, no merges. */
export const voucher = (c: Chain, v: Partial<SignedVoucher> = {}): SignedVoucher => ({
  channelAddr: c.channel, timeLockMin: 0n, timeLockMax: 0n, secretPreImage: new Uint8Array(), extra: null,
  lane: 0n, nonce: 1n, amount: 0n, minSettleHeight: 0n, merges: [], signature: null, ...v
})

export type Applied = { readonly vm: VmState; readonly receipt: Receipt }

/** `by` redeems `sv` (signed by `signer`, or as is if `signer` is null) on the chain's channel. */
export const redeem = (vm: VmState, c: Chain, by: KeyPair, signer: KeyPair | null, sv: SignedVoucher, secret?: Uint8Array): Applied =>
  send(vm, updateChannelStateMessage(by.address, c.channel, signer === null ? sv : signVoucher(signer, sv), secret))

/** Applies a message and fails the test unless it succeeded. */
export const ok = (r: Applied): VmState => {
  expect(r.receipt, `expected success, got ${r.receipt.tag}: ${r.receipt.message}`).toMatchObject({ exitCode: 0 })
  return r.vm
}

/** The chain at `epoch`. */
export const at = (vm: VmState, epoch: bigint): VmState => atEpoch(vm, epoch)

/**
 * What an included but failed message must leave: the same state with the sender's sequence one
 * higher (built here by hand, not by the VM).
 */
export const withNonceBumped = (vm: VmState, sender: Address): VmState => {
  const id = resolveAddress(vm, sender)
  if (id === undefined) throw new Error("sender does not exist")
  const entry = vm.actors.get(id)!
  const actors = new Map(vm.actors)
  actors.set(id, { ...entry, sequence: entry.sequence + 1n })
  return { ...vm, actors }
}

/** Every actor's balance, by id. */
export const balances = (vm: VmState): Map<ActorId, bigint> => new Map([...vm.actors].map(([id, a]) => [id, a.balance]))

/** The sum of every actor's balance. */
export const totalBalance = (vm: VmState): bigint => [...vm.actors.values()].reduce((s, a) => s + a.balance, 0n)

/**
 * Asserts that `r` failed with `want` and changed nothing but the sender's nonce: every actor,
 * state, balance and address as before.
 */
export const expectRejected = (before: VmState, r: Applied, sender: Address, want: { readonly tag: string; readonly exitCode: number }): void => {
  expect({ tag: r.receipt.tag, exitCode: r.receipt.exitCode }, r.receipt.message).toEqual(want)
  expect(balances(r.vm)).toEqual(balances(before))
  expect(r.vm).toEqual(withNonceBumped(before, sender))
}
