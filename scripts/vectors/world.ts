/**
 * The chain every payment-channel vector starts from, and the concretization of abstract model
 * steps (src/model/PaymentChannel.ts) into real chain messages with real keys and bytes.
 *
 * Everything is fixed: key seeds, balances, epochs.  Payer (From) f0100, payee (To) f0101, a
 * stranger f0102, and a channel f0103 from payer to payee, created through the Init actor at
 * epoch {@link CREATED_AT} with {@link CHANNEL_FUNDS}.
 *
 * @module
 */
import { Result } from "effect"
import { blake2b } from "@noble/hashes/blake2.js"
import type { ActionArgs, Params, Voucher } from "../../src/model/PaymentChannel.js"
import { AccountMethod, encodeAuthenticateMessageParams } from "../../src/impl/actors/account/index.js"
import { type ChannelWorld, collectMessage, openChannel, settleMessage, updateChannelStateMessage } from "../../src/impl/actors/paych/messages.js"
import { signVoucher, type SignedVoucher } from "../../src/impl/actors/paych/types.js"
import { idAddress } from "../../src/impl/address/address.js"
import { keyFromSeed, signBytes, type KeyPair } from "../../src/impl/crypto/keys.js"
import { ATTO_PER_FIL } from "../../src/impl/token/amount.js"
import type { Message } from "../../src/impl/vm/interface.js"
import { CORE_SINGLETONS, genesis, PRODUCTION_NETWORK, type NetworkParams } from "../../src/impl/actors/builtin.js"
import { atEpoch, createAccount } from "../../src/impl/vm/vm.js"

/** attoFIL in `n` FIL. */
export const FIL = (n: bigint): bigint => n * ATTO_PER_FIL

/** Genesis balances: payer 100 FIL, payee 1 FIL, stranger 5 FIL. */
export const FROM_FUNDS = FIL(100n)
export const TO_FUNDS = FIL(1n)
export const STRANGER_FUNDS = FIL(5n)
/** The channel's initial funds (the value of the Exec message): 10 FIL. */
export const CHANNEL_FUNDS = FIL(10n)
/** The epoch at which the channel is created. */
export const CREATED_AT = 1000n

/** A key type: 1 secp256k1, 2 BLS. */
export type KeyType = 1 | 2

/** How the starting chain is built. */
export interface WorldOptions {
  /** Key types of payer and payee (default: payer secp256k1, payee BLS). */
  readonly keys?: readonly [KeyType, KeyType]
  /** Actor parameters (default: production). */
  readonly network?: NetworkParams
  /** Leave the channel out: the chain has the three accounts only. */
  readonly noChannel?: boolean
}

/** The starting chain and who is who in it. */
export interface World extends ChannelWorld {
  /** The model's constants that shape its actions, for this chain's parameters. */
  readonly params: Params
}

/** The fixed key of a party, by key type. */
export const partyKey = (role: "from" | "to" | "stranger", type: KeyType): KeyPair => keyFromSeed(type, `filflow vectors ${role}`)

/**
 * The starting chain.
 *
 * @example
 * addressToString(makeWorld().channel) // => "f0103"
 * @category vectors
 * @since 0.1.0
 */
export const makeWorld = (opts: WorldOptions = {}): World => {
  const [fromType, toType] = opts.keys ?? [1, 2]
  const network = opts.network ?? PRODUCTION_NETWORK
  const from = partyKey("from", fromType)
  const to = partyKey("to", toType)
  const stranger = partyKey("stranger", 1)
  // only the singletons a payment channel uses: System and Init
  let vm = genesis(network, { singletons: CORE_SINGLETONS })
  vm = createAccount(vm, from.address, FROM_FUNDS).vm
  vm = createAccount(vm, to.address, TO_FUNDS).vm
  vm = createAccount(vm, stranger.address, STRANGER_FUNDS).vm
  vm = atEpoch(vm, CREATED_AT)
  const safe = (x: bigint) => (x > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(x))
  const params: Params = { MaxLane: safe(network.paych.maxLane), SettleDelay: safe(network.paych.settleDelay), MaxEpoch: Number.MAX_SAFE_INTEGER }
  if (opts.noChannel === true) return { vm, from, to, stranger, channel: idAddress(103n), channelRobust: idAddress(103n), params }
  const opened = openChannel(vm, from.address, to.address, CHANNEL_FUNDS)
  if (Result.isFailure(opened)) throw new Error(`channel creation failed: ${opened.failure.message}`)
  return { vm: opened.success.vm, from, to, stranger, channel: opened.success.id, channelRobust: opened.success.robust, params }
}

// ---------------------------------------------------------------------------------------------
// concretization

/** The hash-lock secret, a wrong one, and one byte over MAX_SECRET_SIZE. */
export const CORRECT_SECRET = new TextEncoder().encode("the payee's secret")
export const WRONG_SECRET = new TextEncoder().encode("not the secret")
export const TOO_LONG_SECRET = new Uint8Array(257).fill(0x5a)

/**
 * Concrete choices the model abstracts away.  Defaults: messages and vouchers name the channel
 * by its ID address; "Other" channel = an ID address with no actor; "Forged" = signed by the
 * stranger's key.
 */
export interface Knobs {
  /** Send the message to the channel's robust (f2) address. */
  readonly robustTo?: boolean
  /** The voucher names the channel by its robust (f2) address. */
  readonly robustVoucherChannel?: boolean
  /** For a voucher for another channel: an address with no actor, or the payer's account. */
  readonly otherChannel?: "unknown" | "account"
  /** For a forged voucher: the stranger's signature, or the right signer's with one bit flipped. */
  readonly forgery?: "stranger" | "corrupted"
  /** The secret bytes to send instead of the default for the abstract secret. */
  readonly secret?: Uint8Array
  /** Replace concrete voucher fields the model cannot express (lanes near 2^63). */
  readonly voucher?: Partial<Pick<SignedVoucher, "lane">> & { readonly mergeLane?: bigint }
}

const keyOf = (w: World, p: "From" | "To" | "Stranger"): KeyPair => (p === "From" ? w.from : p === "To" ? w.to : w.stranger)

const flipLastBit = (sv: SignedVoucher): SignedVoucher => {
  const data = Uint8Array.from(sv.signature!.data)
  data[data.length - 1] = data[data.length - 1]! ^ 1
  return { ...sv, signature: { type: sv.signature!.type, data } }
}

/** The real voucher for an abstract one. */
export const concreteVoucher = (w: World, v: Voucher, k: Knobs = {}): SignedVoucher => {
  const extraMessage = new TextEncoder().encode("extra verification data")
  const extraSigner = v.extra === "Passes" ? w.to : w.stranger
  const channelAddr = v.channel === "This"
    ? (k.robustVoucherChannel === true ? w.channelRobust : w.channel)
    : (k.otherChannel === "account" ? w.from.address : idAddress(999n))
  const unsigned: SignedVoucher = {
    channelAddr,
    timeLockMin: BigInt(v.timeLockMin),
    timeLockMax: BigInt(v.timeLockMax),
    secretPreImage: v.hashLocked ? blake2b(CORRECT_SECRET, { dkLen: 32 }) : new Uint8Array(),
    extra: v.extra === "None" ? null : {
      actor: w.to.address,
      method: AccountMethod.AuthenticateMessage,
      data: encodeAuthenticateMessageParams(signBytes(extraSigner, extraMessage).data, extraMessage)
    },
    lane: k.voucher?.lane ?? BigInt(v.lane),
    nonce: BigInt(v.nonce),
    amount: v.amount,
    minSettleHeight: BigInt(v.minSettleHeight),
    merges: v.merges.map((m, i) => ({ lane: i === 0 && k.voucher?.mergeLane !== undefined ? k.voucher.mergeLane : BigInt(m.lane), nonce: BigInt(m.nonce) })),
    signature: null
  }
  switch (v.signer) {
    case "Unsigned": return unsigned
    case "Forged": return k.forgery === "corrupted" ? flipLastBit(signVoucher(w.from, unsigned)) : signVoucher(w.stranger, unsigned)
    default: return signVoucher(keyOf(w, v.signer), unsigned)
  }
}

/** A model step (an action with its arguments), as the generator uses it. */
export type ModelStep =
  | { readonly action: "UpdateChannelState"; readonly args: ActionArgs["UpdateChannelState"] }
  | { readonly action: "Settle" | "Collect"; readonly args: ActionArgs["Settle"] }
  | { readonly action: "AddFunds"; readonly args: ActionArgs["AddFunds"] }

/** An unsent message: the sender's nonce is filled in when it is applied, unless given. */
export type Unsent = Omit<Message, "nonce"> & { readonly nonce?: bigint }

/** The secret bytes for an abstract secret. */
const secretBytes = (w: World, step: Extract<ModelStep, { action: "UpdateChannelState" }>, k: Knobs): Uint8Array => {
  if (k.secret !== undefined) return k.secret
  switch (step.args.secret) {
    case "Correct": return step.args.v.hashLocked ? CORRECT_SECRET : new Uint8Array()
    case "Wrong": return WRONG_SECRET
    case "TooLong": return TOO_LONG_SECRET
  }
}

/**
 * The chain message for a model step.
 *
 * @category vectors
 * @since 0.1.0
 */
export const concreteMessage = (w: World, step: ModelStep, k: Knobs = {}): Unsent => {
  const target = k.robustTo === true ? w.channelRobust : w.channel
  switch (step.action) {
    case "UpdateChannelState":
      return updateChannelStateMessage(keyOf(w, step.args.by).address, target, concreteVoucher(w, step.args.v, k), secretBytes(w, step, k))
    case "Settle": return { ...settleMessage(keyOf(w, step.args.by).address, w.channel), to: target }
    case "Collect": return { ...collectMessage(keyOf(w, step.args.by).address, w.channel), to: target }
    case "AddFunds": return { from: w.from.address, to: target, value: step.args.amount, method: 0n, params: new Uint8Array() }
  }
}

/** An abstract voucher with defaults: this channel, signed by From, lane 0, nonce 1, no locks. */
export const voucher = (v: Partial<Voucher> = {}): Voucher => ({
  channel: "This", signer: "From", lane: 0, nonce: 1, amount: FIL(1n), timeLockMin: 0, timeLockMax: 0,
  minSettleHeight: 0, merges: [], hashLocked: false, extra: "None", ...v
})

/** `by` (default To) redeems `v` with `secret` (default Correct). */
export const redeem = (v: Partial<Voucher>, by: "From" | "To" | "Stranger" = "To", secret: "Correct" | "Wrong" | "TooLong" = "Correct"): ModelStep => {
  const signer = v.signer ?? (by === "From" ? "To" : "From")
  return { action: "UpdateChannelState", args: { by, v: voucher({ ...v, signer }), secret } }
}

/** `by` settles. */
export const settleStep = (by: "From" | "To" | "Stranger"): ModelStep => ({ action: "Settle", args: { by } })
/** `by` collects. */
export const collectStep = (by: "From" | "To" | "Stranger"): ModelStep => ({ action: "Collect", args: { by } })
/** From adds `amount`. */
export const addFundsStep = (amount: bigint): ModelStep => ({ action: "AddFunds", args: { amount } })
