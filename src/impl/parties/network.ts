/**
 * A deterministic network of the deal parties and the in-process chain: messages between parties
 * are delivered one at a time in the order sent (one FIFO queue), and every chain message a party
 * asks for is applied to the VM at once (`applyMessage`, with the sender's current nonce) and its
 * receipt fed back to that party.  No clock, no randomness: the same inputs give the same run.
 *
 * A delivery the recipient refuses is dropped and logged with the rejection (the recipient's state
 * is unchanged, as its reducer guarantees); a message to an address that is no party's is dropped
 * and logged likewise.  The whole-flow network (mining, sector indexing, proving) grows from this.
 *
 * Chain message CIDs are computed as Lotus names messages: the CID (DAG-CBOR, blake2b-256) of the
 * unsigned message tuple `[Version, To, From, Nonce, Value, GasLimit, GasFeeCap, GasPremium,
 * Method, Params]` (filecoin-project/lotus `chain/types/message.go` and `cbor_gen.go`, Version 0;
 * this chain charges no gas, so the gas fields are 0).
 *
 * @module
 */
import { Result } from "effect"
import type { CID } from "multiformats/cid"
import { type Address, addressToBytes } from "../address/address.js"
import { cidOfCbor, encodeCbor } from "../encoding/cbor.js"
import { encodeBigInt } from "../token/amount.js"
import type { Message, Receipt, VmState } from "../vm/interface.js"
import { addressKey, resolveAddress } from "../vm/state.js"
import { applyMessage } from "../vm/vm.js"
import { type ClientInput, type ClientRejection, type ClientState, clientStep } from "./client/index.js"
import type { ChainMessage, Envelope, Step } from "./interface.js"
import { type ProviderInput, type ProviderRejection, type ProviderState, providerStep } from "./provider/index.js"

/**
 * What happened in a run, in order.
 *
 * @category models
 * @since 0.2.0
 */
export type NetworkEvent =
  | { readonly _tag: "Delivered"; readonly envelope: Envelope; readonly to: "client" | "provider" }
  | { readonly _tag: "Refused"; readonly envelope: Envelope; readonly rejection: ClientRejection | ProviderRejection }
  | { readonly _tag: "Undeliverable"; readonly envelope: Envelope }
  | { readonly _tag: "ChainMessage"; readonly message: Message; readonly messageCid: CID; readonly receipt: Receipt }

/**
 * The parties, the chain, and the messages in flight.
 *
 * @category models
 * @since 0.2.0
 */
export interface DealNetwork {
  readonly vm: VmState
  readonly client: ClientState
  readonly provider: ProviderState
  readonly inFlight: ReadonlyArray<Envelope>
  readonly log: ReadonlyArray<NetworkEvent>
}

/**
 * A network with nothing in flight.
 *
 * @category constructors
 * @since 0.2.0
 */
export const dealNetwork = (vm: VmState, client: ClientState, provider: ProviderState): DealNetwork => ({
  vm, client, provider, inFlight: [], log: []
})

/**
 * The CID of a chain message (see the module notes).
 *
 * @category messages
 * @since 0.2.0
 */
export const chainMessageCid = (m: Message): CID =>
  cidOfCbor(encodeCbor([
    0n, addressToBytes(m.to), addressToBytes(m.from), m.nonce, encodeBigInt(m.value), 0n, encodeBigInt(0n), encodeBigInt(0n),
    m.method, m.params
  ]))

/**
 * Gives the client an input (a proposal, a query); its messages join the queue.
 *
 * @category network
 * @since 0.2.0
 */
export const clientInput = (net: DealNetwork, input: ClientInput): Result.Result<DealNetwork, ClientRejection> =>
  Result.map(clientStep(net.client, input), (st) => afterStep({ ...net, client: st.state }, st))

/**
 * Gives the provider an input (a new chain head, a receipt); its messages join the queue and its
 * chain messages are applied.
 *
 * @category network
 * @since 0.2.0
 */
export const providerInput = (net: DealNetwork, input: ProviderInput): Result.Result<DealNetwork, ProviderRejection> =>
  Result.map(providerStep(net.provider, input), (st) => afterStep({ ...net, provider: st.state }, st))

/**
 * Delivers the oldest message in flight (the network unchanged if none is).
 *
 * @category network
 * @since 0.2.0
 */
export const deliverNext = (net: DealNetwork): DealNetwork => {
  const [envelope, ...rest] = net.inFlight
  if (envelope === undefined) return net
  const queued = { ...net, inFlight: rest }
  const to = recipient(net, envelope.to)
  if (to === undefined) return { ...queued, log: [...net.log, { _tag: "Undeliverable", envelope }] }
  const stepped: Result.Result<DealNetwork, ClientRejection | ProviderRejection> = to === "client"
    ? clientInput(queued, { _tag: "Receive", envelope })
    : providerInput(queued, { _tag: "Receive", envelope })
  if (Result.isFailure(stepped)) return { ...queued, log: [...net.log, { _tag: "Refused", envelope, rejection: stepped.failure }] }
  return { ...stepped.success, log: [...net.log, { _tag: "Delivered", envelope, to }, ...stepped.success.log.slice(net.log.length)] }
}

/**
 * Delivers messages until none is in flight, at most `maxDeliveries` of them.
 *
 * @category network
 * @since 0.2.0
 */
export const runUntilQuiet = (net: DealNetwork, maxDeliveries = 1000): DealNetwork => {
  let current = net
  for (let i = 0; i < maxDeliveries && current.inFlight.length > 0; i++) current = deliverNext(current)
  return current
}

// ---------------------------------------------------------------------------------------------
// internals

const recipient = (net: DealNetwork, to: Address): "client" | "provider" | undefined => {
  if (addressKey(to) === addressKey(net.client.key.address)) return "client"
  if (addressKey(to) === addressKey(net.provider.address)) return "provider"
  return undefined
}

/** Queues a step's messages and applies its chain messages, feeding each receipt back. */
const afterStep = <S>(net: DealNetwork, st: Step<S>): DealNetwork => {
  let current: DealNetwork = { ...net, inFlight: [...net.inFlight, ...st.outbox] }
  for (const cm of st.chainMessages) current = applyChainMessage(current, cm)
  return current
}

const applyChainMessage = (net: DealNetwork, cm: ChainMessage): DealNetwork => {
  const id = resolveAddress(net.vm, cm.message.from)
  const nonce = id === undefined ? 0n : (net.vm.actors.get(id)?.sequence ?? 0n)
  const message: Message = { ...cm.message, nonce }
  const applied = applyMessage(net.vm, message)
  const messageCid = chainMessageCid(message)
  const logged: DealNetwork = { ...net, vm: applied.vm, log: [...net.log, { _tag: "ChainMessage", message, messageCid, receipt: applied.receipt }] }
  const fed = providerInput(logged, {
    _tag: "PublishReceipt", proposalCid: cm.purpose.proposalCid, messageCid, receipt: applied.receipt
  })
  return Result.isSuccess(fed) ? fed.success : logged
}
