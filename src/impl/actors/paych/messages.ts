/**
 * Chain messages to and from the payment channel: creating one through the Init actor, redeeming
 * a voucher, settling, collecting; and reading a channel's state off the chain.
 *
 * @module
 */
import { Result } from "effect"
import type { KeyPair } from "../../crypto/keys.js"
import { type Address, addressFromBytes, idAddress } from "../../address/address.js"
import { decodeCbor, readBytes, readTuple } from "../../encoding/cbor.js"
import type { Message, Receipt, VmState } from "../../vm/interface.js"
import { INIT_ACTOR_ID, resolveAddress, send } from "../../vm/vm.js"
import { codeCid, encodeExecParams, InitMethod } from "../init/index.js"
import { PaychMethod } from "./index.js"
import type { PaychState } from "./state.js"
import { encodeConstructorParams, encodeUpdateChannelStateParams, type SignedVoucher } from "./types.js"

type Unsent = Omit<Message, "nonce">

/**
 * The message by which `from` creates a channel to `to` funded with `value` (Init Exec).
 *
 * @category messages
 * @since 0.1.0
 */
export const createChannelMessage = (from: Address, to: Address, value: bigint): Unsent => ({
  from,
  to: idAddress(INIT_ACTOR_ID),
  value,
  method: InitMethod.Exec,
  params: encodeExecParams(codeCid("paymentchannel"), encodeConstructorParams({ from, to }))
})

/**
 * The new channel's ID and robust addresses, from the Exec receipt.
 *
 * @category messages
 * @since 0.1.0
 */
export const channelFromReceipt = (receipt: Receipt): { readonly id: Address; readonly robust: Address } | undefined => {
  if (receipt.exitCode !== 0) return undefined
  const decoded = Result.flatMap(decodeCbor(receipt.return), (v) => readTuple(v, 2, "ExecReturn"))
  if (Result.isFailure(decoded)) return undefined
  const [id, robust] = decoded.success.map((x) => Result.flatMap(readBytes(x, "address"), (b) => addressFromBytes(b)))
  return id && robust && Result.isSuccess(id) && Result.isSuccess(robust) ? { id: id.success, robust: robust.success } : undefined
}

/**
 * Sends the Exec message by which `from` creates a channel to `to` funded with `value`: the new
 * chain and the channel's addresses, or the failing receipt.
 *
 * @category messages
 * @since 0.1.0
 */
export const openChannel = (
  vm: VmState, from: Address, to: Address, value: bigint
): Result.Result<{ readonly vm: VmState; readonly id: Address; readonly robust: Address }, Receipt> => {
  const created = send(vm, createChannelMessage(from, to, value))
  const addresses = channelFromReceipt(created.receipt)
  return addresses === undefined ? Result.fail(created.receipt) : Result.succeed({ vm: created.vm, ...addresses })
}

/**
 * A chain holding one payment channel from `from` to `to`, with a third account that is neither:
 * who is who, as the scenario, the vector generator and the tests set it up (each with its own
 * keys and funds).
 *
 * @category messages
 * @since 0.2.0
 */
export interface ChannelWorld {
  readonly vm: VmState
  readonly from: KeyPair
  readonly to: KeyPair
  readonly stranger: KeyPair
  /** The channel's ID address. */
  readonly channel: Address
  /** The channel's robust (f2) address, from the Exec receipt. */
  readonly channelRobust: Address
}

/** `by` redeems `sv` with `secret` (UpdateChannelState, method 2). */
export const updateChannelStateMessage = (by: Address, channel: Address, sv: SignedVoucher, secret: Uint8Array = new Uint8Array()): Unsent => ({
  from: by, to: channel, value: 0n, method: PaychMethod.UpdateChannelState, params: encodeUpdateChannelStateParams({ sv, secret })
})

/** `by` starts settling the channel (method 3). */
export const settleMessage = (by: Address, channel: Address): Unsent => ({
  from: by, to: channel, value: 0n, method: PaychMethod.Settle, params: new Uint8Array()
})

/** `by` collects the channel (method 4). */
export const collectMessage = (by: Address, channel: Address): Unsent => ({
  from: by, to: channel, value: 0n, method: PaychMethod.Collect, params: new Uint8Array()
})

/**
 * The channel's state on chain, or undefined if no payment channel lives at that address.
 *
 * @category queries
 * @since 0.1.0
 */
export const paychStateOf = (vm: VmState, channel: Address): PaychState | undefined => {
  const id = resolveAddress(vm, channel)
  const entry = id === undefined ? undefined : vm.actors.get(id)
  return entry?.kind === "paymentchannel" ? (entry.state as PaychState) : undefined
}
