/**
 * The miner actor's params and returns, as DAG-CBOR tuples.
 *
 * Source: filecoin-project/builtin-actors `actors/miner/src/types.rs` @ v18.0.0:
 * MinerConstructorParams `[owner, worker, control_addresses, window_post_proof_type, peer_id,
 * multi_addresses]` (:41-49), GetControlAddressesReturn `[owner, worker, control_addresses]`
 * (:63-67), ChangeWorkerAddressParams `[new_worker, new_control_addresses]` (:70-73),
 * IsControllingAddressParam (transparent: the address, :552-556) and its return (transparent:
 * the bool, :558-562).  Addresses are byte strings of their binary form; peer id and multiaddrs
 * are byte strings; the proof type is an integer.
 *
 * @module
 */
import { Result } from "effect"
import { type Address, addressToBytes, readAddress } from "../../address/address.js"
import { decodeCbor, encodeCbor, InvalidCborField, readArray, readBytes, readInt, readTuple } from "../../encoding/cbor.js"

const cbor = (what: string, bytes: Uint8Array) => Result.mapError(decodeCbor(bytes), (e) => ({ message: `${what}: ${e.message}` }))

const readAddresses = (value: unknown, field: string): Result.Result<ReadonlyArray<Address>, InvalidCborField> =>
  Result.flatMap(readArray(value, field), (items) => Result.all(items.map((a, i) => readAddress(a, `${field}[${i}]`))))

const readByteStrings = (value: unknown, field: string): Result.Result<ReadonlyArray<Uint8Array>, InvalidCborField> =>
  Result.flatMap(readArray(value, field), (items) => Result.all(items.map((b, i) => readBytes(b, `${field}[${i}]`))))

/**
 * The miner's constructor params.
 *
 * @category models
 * @since 0.1.0
 */
export interface MinerConstructorParams {
  readonly owner: Address
  readonly worker: Address
  readonly controlAddresses: ReadonlyArray<Address>
  /** A RegisteredPoStProof number (window PoSt). */
  readonly windowPoStProofType: bigint
  readonly peerId: Uint8Array
  readonly multiaddrs: ReadonlyArray<Uint8Array>
}

/** MinerConstructorParams bytes. */
export const encodeMinerConstructorParams = (p: MinerConstructorParams): Uint8Array => encodeCbor([
  addressToBytes(p.owner), addressToBytes(p.worker), p.controlAddresses.map(addressToBytes), p.windowPoStProofType, p.peerId, [...p.multiaddrs]
])

/** MinerConstructorParams from bytes, or what did not decode. */
export const decodeMinerConstructorParams = (bytes: Uint8Array) => Result.flatMap(cbor("MinerConstructorParams", bytes), (v) => Result.gen(function* () {
  const [owner, worker, controls, proof, peer, addrs] = yield* readTuple(v, 6, "MinerConstructorParams")
  return {
    owner: yield* readAddress(owner, "MinerConstructorParams.owner"),
    worker: yield* readAddress(worker, "MinerConstructorParams.worker"),
    controlAddresses: yield* readAddresses(controls, "MinerConstructorParams.control_addresses"),
    windowPoStProofType: yield* readInt(proof, "MinerConstructorParams.window_post_proof_type"),
    peerId: yield* readBytes(peer, "MinerConstructorParams.peer_id"),
    multiaddrs: yield* readByteStrings(addrs, "MinerConstructorParams.multi_addresses")
  } satisfies MinerConstructorParams
}))

/**
 * ControlAddresses' return: the owner, worker and control addresses, as ID addresses.
 *
 * @category models
 * @since 0.1.0
 */
export interface GetControlAddressesReturn {
  readonly owner: Address
  readonly worker: Address
  readonly controlAddresses: ReadonlyArray<Address>
}

/** GetControlAddressesReturn bytes. */
export const encodeGetControlAddressesReturn = (r: GetControlAddressesReturn): Uint8Array =>
  encodeCbor([addressToBytes(r.owner), addressToBytes(r.worker), r.controlAddresses.map(addressToBytes)])

/**
 * GetControlAddressesReturn from a decoded CBOR value (what a caller of ControlAddresses reads).
 *
 * @category encoding
 * @since 0.1.0
 */
export const readGetControlAddressesReturn = (v: unknown) => Result.gen(function* () {
  const [owner, worker, controls] = yield* readTuple(v, 3, "GetControlAddressesReturn")
  return {
    owner: yield* readAddress(owner, "GetControlAddressesReturn.owner"),
    worker: yield* readAddress(worker, "GetControlAddressesReturn.worker"),
    controlAddresses: yield* readAddresses(controls, "GetControlAddressesReturn.control_addresses")
  } satisfies GetControlAddressesReturn
})

/** IsControllingAddressParam bytes: the address itself (transparent). */
export const encodeIsControllingAddressParam = (address: Address): Uint8Array => encodeCbor(addressToBytes(address))

/** IsControllingAddressParam from bytes. */
export const decodeIsControllingAddressParam = (bytes: Uint8Array) =>
  Result.flatMap(cbor("IsControllingAddressParam", bytes), (v) => readAddress(v, "IsControllingAddressParam.address"))

/**
 * ChangeWorkerAddress params.
 *
 * @category models
 * @since 0.1.0
 */
export interface ChangeWorkerAddressParams {
  readonly newWorker: Address
  readonly newControlAddresses: ReadonlyArray<Address>
}

/** ChangeWorkerAddressParams bytes. */
export const encodeChangeWorkerAddressParams = (p: ChangeWorkerAddressParams): Uint8Array =>
  encodeCbor([addressToBytes(p.newWorker), p.newControlAddresses.map(addressToBytes)])

/** ChangeWorkerAddressParams from bytes. */
export const decodeChangeWorkerAddressParams = (bytes: Uint8Array) => Result.flatMap(cbor("ChangeWorkerAddressParams", bytes), (v) => Result.gen(function* () {
  const [worker, controls] = yield* readTuple(v, 2, "ChangeWorkerAddressParams")
  return {
    newWorker: yield* readAddress(worker, "ChangeWorkerAddressParams.new_worker"),
    newControlAddresses: yield* readAddresses(controls, "ChangeWorkerAddressParams.new_control_addresses")
  } satisfies ChangeWorkerAddressParams
}))
