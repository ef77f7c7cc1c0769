/**
 * The main job, for now: a narrated payment-channel scenario on the in-process chain with real
 * keys and bytes: the storage flow's "Collecting payment, via the client" — the client (From)
 * funds a channel and signs vouchers on two lanes, the provider (To) redeems them, a merge, a
 * replayed voucher rejected, settling, a last voucher, collecting.  At every step the chain state
 * is also checked against the model (src/model/PaymentChannel.ts) through the abstraction function.
 *
 * @module
 */
import { Result } from "effect"
import { abstractPaymentChannel } from "../impl/actors/paych/abstraction.js"
import {
  collectMessage, openChannel, paychStateOf, settleMessage, updateChannelStateMessage
} from "../impl/actors/paych/messages.js"
import { PRODUCTION_PARAMS } from "../impl/actors/paych/state.js"
import { type SignedVoucher, encodeSignedVoucher, signVoucher, voucherCid } from "../impl/actors/paych/types.js"
import { addressToString } from "../impl/address/address.js"
import { keyFromSeed } from "../impl/crypto/keys.js"
import { toHex } from "../impl/encoding/hex.js"
import { ATTO_PER_FIL, formatFil } from "../impl/token/amount.js"
import { exitCodeName } from "../impl/vm/exitcode.js"
import type { Receipt, VmState } from "../impl/vm/interface.js"
import { genesis } from "../impl/actors/builtin.js"
import { atEpoch, balanceOf, createAccount, send } from "../impl/vm/vm.js"
import * as Model from "../model/PaymentChannel.js"

const FIL = (n: number | bigint): bigint => BigInt(n) * ATTO_PER_FIL

/** One line of the narration. */
export type Line = string

/**
 * Runs the scenario and returns its narration; fails (returns a Failure) if any step does not go
 * as the protocol says it must, or if the chain and the model disagree.
 *
 * @category scenarios
 * @since 0.1.0
 */
export const paymentChannelScenario = (): Result.Result<ReadonlyArray<Line>, string> => {
  const out: Array<Line> = []
  const say = (s: string) => out.push(s)
  const client = keyFromSeed(1, "storage client")
  const provider = keyFromSeed(2, "storage provider")
  let vm: VmState = genesis()
  vm = createAccount(vm, client.address, FIL(100)).vm
  vm = createAccount(vm, provider.address, FIL(1)).vm
  say(`Genesis at epoch 0. Client ${addressToString(client.address)} (secp256k1) holds 100 FIL; provider ${addressToString(provider.address)} (BLS) holds 1 FIL.`)

  // The client creates a channel to the provider through the Init actor, funding it with 10 FIL.
  const opened = openChannel(vm, client.address, provider.address, FIL(10))
  if (Result.isFailure(opened)) return Result.fail(`channel creation failed: ${opened.failure.message}`)
  vm = opened.success.vm
  const addrs = opened.success
  const channel = addrs.id
  say(`1. Client creates a payment channel (Init.Exec, exit 0): ${addressToString(channel)} = ${addressToString(addrs.robust)}, funded with 10 FIL.`)

  const parties = { channel, from: client.address, to: provider.address }
  let model: Model.State = abstractPaymentChannel(vm, parties)
  const params = { MaxLane: Number.MAX_SAFE_INTEGER, SettleDelay: Number(PRODUCTION_PARAMS.settleDelay), MaxEpoch: Number.MAX_SAFE_INTEGER }
  const balances = () =>
    `client ${formatFil(balanceOf(vm, client.address))}, provider ${formatFil(balanceOf(vm, provider.address))}, channel ${formatFil(paychStateOf(vm, channel) === undefined ? 0n : balanceOf(vm, channel))}, to-send ${formatFil(paychStateOf(vm, channel)?.toSend ?? 0n)}`
  const voucher = (lane: bigint, nonce: bigint, amount: bigint, extra: Partial<SignedVoucher> = {}): SignedVoucher =>
    signVoucher(client, {
      channelAddr: channel, timeLockMin: 0n, timeLockMax: 0n, secretPreImage: new Uint8Array(), extra: null,
      lane, nonce, amount, minSettleHeight: 0n, merges: [], signature: null, ...extra
    })
  const describe = (sv: SignedVoucher) =>
    `lane ${sv.lane}, nonce ${sv.nonce}, amount ${formatFil(sv.amount)}${sv.merges.length > 0 ? `, merging ${sv.merges.map((m) => `lane ${m.lane}@${m.nonce}`).join(", ")}` : ""}; ${encodeSignedVoucher(sv).length} bytes, CID ${voucherCid(sv)}`

  /** Applies a message and the matching model action; both must agree. */
  const step = (label: string, message: ReturnType<typeof settleMessage>, modelStep: Result.Result<Model.State, Model.PaymentChannelNotEnabled>): Receipt | string => {
    const r = send(vm, message)
    const ok = r.receipt.exitCode === 0
    if (ok !== Result.isSuccess(modelStep)) return `${label}: chain exit ${r.receipt.exitCode} but the model ${Result.isSuccess(modelStep) ? "accepts" : `rejects (${modelStep.failure._tag})`}`
    const next = Result.isSuccess(modelStep) ? modelStep.success : model
    if (Model.key(abstractPaymentChannel(r.vm, parties)) !== Model.key(next)) return `${label}: the chain and the model disagree on the new state`
    vm = r.vm
    model = next
    return r.receipt
  }
  const redeem = (n: string, sv: SignedVoucher): string | undefined => {
    const v: Model.Voucher = {
      channel: "This", signer: "From", lane: Number(sv.lane), nonce: Number(sv.nonce), amount: sv.amount,
      timeLockMin: Number(sv.timeLockMin), timeLockMax: Number(sv.timeLockMax), minSettleHeight: Number(sv.minSettleHeight),
      merges: sv.merges.map((m) => ({ lane: Number(m.lane), nonce: Number(m.nonce) })), hashLocked: false, extra: "None"
    }
    const r = step(n, updateChannelStateMessage(provider.address, channel, sv), Model.UpdateChannelState(params, model, { by: "To", v, secret: "Correct" }))
    if (typeof r === "string") return r
    say(r.exitCode === 0
      ? `${n} Provider redeems it (UpdateChannelState, exit 0): ${balances()}.`
      : `${n} Provider redeems it again: rejected, exit ${r.exitCode} ${exitCodeName(r.exitCode)}, tag ${r.tag} — "${r.message}". Nothing changed: ${balances()}.`)
    return undefined
  }

  const v1 = voucher(0n, 1n, FIL(2))
  say(`2. Client signs a voucher: ${describe(v1)}.`)
  let e = redeem("   ", v1)
  if (e) return Result.fail(e)
  const v2 = voucher(1n, 1n, FIL(1))
  say(`3. Client signs a voucher on a second lane: ${describe(v2)}.`)
  if ((e = redeem("   ", v2))) return Result.fail(e)
  const v3 = voucher(0n, 2n, FIL(4), { merges: [{ lane: 1n, nonce: 2n }] })
  say(`4. Client signs a voucher for 4 FIL on lane 0 that merges lane 1 (already paid 1 FIL): it pays 4 − (2 + 1) = 1 FIL more. ${describe(v3)}.`)
  if ((e = redeem("   ", v3))) return Result.fail(e)
  say(`5. The provider replays the same voucher (lane 0, nonce 2).`)
  if ((e = redeem("   ", v3))) return Result.fail(e)

  vm = atEpoch(vm, 100n)
  model = { ...model, epoch: 100 }
  const settled = step("settle", settleMessage(client.address, channel), Model.Settle(params, model, { by: "From" }))
  if (typeof settled === "string") return Result.fail(settled)
  say(`6. Epoch 100: the client settles (Settle, exit 0): vouchers are accepted before epoch ${paychStateOf(vm, channel)?.settlingAt} (100 + SETTLE_DELAY 1440).`)

  vm = atEpoch(vm, 1000n)
  model = { ...model, epoch: 1000 }
  const v4 = voucher(0n, 3n, FIL(5))
  say(`7. Epoch 1000, still settling: the client signs a last voucher: ${describe(v4)}.`)
  if ((e = redeem("   ", v4))) return Result.fail(e)

  vm = atEpoch(vm, 1540n)
  model = { ...model, epoch: 1540 }
  const collected = step("collect", collectMessage(provider.address, channel), Model.Collect(params, model, { by: "To" }))
  if (typeof collected === "string") return Result.fail(collected)
  say(`8. Epoch 1540: the provider collects (Collect, exit 0): the provider is paid the 5 FIL redeemed, the client gets the other 5 FIL back, and the channel actor is deleted.`)
  say(`   Final: ${balances()}; channel exists: ${paychStateOf(vm, channel) !== undefined}.`)
  const total = balanceOf(vm, client.address) + balanceOf(vm, provider.address)
  if (total !== FIL(101)) return Result.fail(`funds not conserved: ${formatFil(total)}`)
  say(`   Funds conserved: client + provider = ${formatFil(total)}. The model agreed with the chain at every step.`)
  say(`   (Voucher signing bytes of the first voucher: ${toHex(encodeSignedVoucher({ ...v1, signature: null })).slice(0, 32)}…)`)
  return Result.succeed(out)
}
