/**
 * Test helper: a chain holding one payment channel between real keys, and the concretization of
 * model steps (abstract vouchers: signed by From / To / a forger / nobody; this channel or
 * another; hash locks; extra checks) into real chain messages with real bytes.
 */
import { blake2b } from "@noble/hashes/blake2.js"
import { Result } from "effect"
import type { Constants, Voucher } from "../../src/model/PaymentChannel.js"
import type { AnyStep } from "../model/_arbitraries.js"
import { AccountMethod, encodeAuthenticateMessageParams } from "../../src/impl/actors/account/index.js"
import { type ChannelWorld, collectMessage, openChannel, settleMessage, updateChannelStateMessage } from "../../src/impl/actors/paych/messages.js"
import { signVoucher, type SignedVoucher } from "../../src/impl/actors/paych/types.js"
import { idAddress } from "../../src/impl/address/address.js"
import { keyFromSeed, signBytes, type KeyPair } from "../../src/impl/crypto/keys.js"
import type { Message, VmState } from "../../src/impl/vm/interface.js"
import { genesis } from "../../src/impl/actors/builtin.js"
import { atEpoch, createAccount, send } from "../../src/impl/vm/vm.js"

export type World = ChannelWorld

/** Key types for From and To: the refinement runs with every combination. */
export type KeyTypes = readonly [1 | 2, 1 | 2]

/**
 * Genesis with the model's bounds as actor parameters, From funded with FromFunds attoFIL,
 * To and a stranger with nothing, and a channel From → To created through Init with ChannelFunds.
 */
export const makeWorld = (c: Constants, [fromType, toType]: KeyTypes): World => {
  const from = keyFromSeed(fromType, "refinement from")
  const to = keyFromSeed(toType, "refinement to")
  const stranger = keyFromSeed(1, "refinement stranger")
  let vm = genesis({ paych: { maxLane: BigInt(c.MaxLane), settleDelay: BigInt(c.SettleDelay), maxSecretSize: 256 } })
  vm = createAccount(vm, from.address, c.FromFunds).vm
  vm = createAccount(vm, to.address, 0n).vm
  vm = createAccount(vm, stranger.address, 0n).vm
  const opened = openChannel(vm, from.address, to.address, c.ChannelFunds)
  if (Result.isFailure(opened)) throw new Error(`channel creation failed: ${opened.failure.message}`)
  return { vm: opened.success.vm, from, to, stranger, channel: opened.success.id, channelRobust: opened.success.robust }
}

const CORRECT_SECRET = new TextEncoder().encode("the provider's secret")
const SECRETS = {
  Correct: CORRECT_SECRET,
  Wrong: new TextEncoder().encode("not the secret"),
  TooLong: new Uint8Array(257).fill(7)
} as const

/** Choices the model abstracts away, drawn by the test: which address form, which wrong channel. */
export interface Concrete {
  readonly robustChannel: boolean
  readonly otherChannelIsAccount: boolean
}

const partyKey = (w: World, by: "From" | "To" | "Stranger"): KeyPair => (by === "From" ? w.from : by === "To" ? w.to : w.stranger)

/** The real voucher for an abstract one. */
export const concreteVoucher = (w: World, v: Voucher, k: Concrete): SignedVoucher => {
  const extraMessage = new TextEncoder().encode("extra verification data")
  const extraSigner = v.extra === "Passes" ? w.to : w.stranger
  const unsigned: SignedVoucher = {
    channelAddr: v.channel === "This" ? (k.robustChannel ? w.channelRobust : w.channel) : k.otherChannelIsAccount ? w.from.address : idAddress(999n),
    timeLockMin: BigInt(v.timeLockMin),
    timeLockMax: BigInt(v.timeLockMax),
    secretPreImage: v.hashLocked ? blake2b(CORRECT_SECRET, { dkLen: 32 }) : new Uint8Array(),
    extra: v.extra === "None" ? null : {
      actor: w.to.address,
      method: AccountMethod.AuthenticateMessage,
      data: encodeAuthenticateMessageParams(signBytes(extraSigner, extraMessage).data, extraMessage)
    },
    lane: BigInt(v.lane),
    nonce: BigInt(v.nonce),
    amount: v.amount,
    minSettleHeight: BigInt(v.minSettleHeight),
    merges: v.merges.map((m) => ({ lane: BigInt(m.lane), nonce: BigInt(m.nonce) })),
    signature: null
  }
  switch (v.signer) {
    case "Unsigned": return unsigned
    case "Forged": return signVoucher(w.stranger, unsigned)
    default: return signVoucher(partyKey(w, v.signer), unsigned)
  }
}

/** The chain step for a model step: a message to apply, a new epoch (Tick), or the client signing a voucher off chain (Sign). */
export type ChainStep =
  | { readonly kind: "message"; readonly message: Omit<Message, "nonce"> }
  | { readonly kind: "tick" }
  | { readonly kind: "sign"; readonly voucher: SignedVoucher }

/**
 * The client (From) signs, with its key, a voucher on this channel for `amount` on `lane`: what the
 * model's `Sign(lane, amount)` stands for.  The test keeps it in the client's wallet, and the
 * abstraction maps the wallet to the model's ghost record `authorised`.
 */
export const clientSigns = (w: World, lane: number, amount: bigint): SignedVoucher =>
  signVoucher(w.from, {
    channelAddr: w.channel, timeLockMin: 0n, timeLockMax: 0n, secretPreImage: new Uint8Array(), extra: null,
    lane: BigInt(lane), nonce: 0n, amount, minSettleHeight: 0n, merges: [], signature: null
  })

export const concreteStep = (w: World, step: AnyStep, k: Concrete): ChainStep => {
  switch (step.action) {
    case "UpdateChannelState": {
      const { by, v, secret } = step.args
      return { kind: "message", message: updateChannelStateMessage(partyKey(w, by).address, k.robustChannel ? w.channelRobust : w.channel, concreteVoucher(w, v, k), SECRETS[secret]) }
    }
    case "Settle": return { kind: "message", message: settleMessage(partyKey(w, step.args.by).address, w.channel) }
    case "Collect": return { kind: "message", message: collectMessage(partyKey(w, step.args.by).address, w.channel) }
    case "AddFunds": return { kind: "message", message: { from: w.from.address, to: k.robustChannel ? w.channelRobust : w.channel, value: step.args.amount, method: 0n, params: new Uint8Array() } }
    case "Sign": return { kind: "sign", voucher: clientSigns(w, step.args.lane, step.args.amount) }
    case "Tick": return { kind: "tick" }
  }
}

/** Applies a chain step (signing changes nothing on chain). */
export const applyChainStep = (vm: VmState, step: ChainStep) =>
  step.kind === "message" ? send(vm, step.message)
    : { vm: step.kind === "tick" ? atEpoch(vm, vm.epoch + 1n) : vm, receipt: { exitCode: 0, return: new Uint8Array() } }

export { Result }
