/**
 * Reading and updating the chain state (`VmState`) without running any actor: address lookup,
 * actor replacement, address registration.  Every function returns a new state.
 *
 * @module
 */
import { addressId, addressToBytes } from "../address/address.js"
import type { Address } from "../address/interface.js"
import { toHex } from "../encoding/hex.js"
import type { ActorEntry, ActorId, VmState } from "./interface.js"

/** The System actor's id (f00) and the Init actor's id (f01), as on every Filecoin network. */
export const SYSTEM_ACTOR_ID = 0n
export const INIT_ACTOR_ID = 1n
/** The first id given to a user actor (go-state-types `builtin.FirstNonSingletonActorId` = 100). */
export const FIRST_USER_ACTOR_ID = 100n
/** The Ethereum Address Manager's id: f4 addresses in its namespace get a placeholder on a send (ref-fvm `fvm/src/eam_actor.rs`). */
export const EAM_ACTOR_ID = 10n

/** The key of an address in the address map: the hex of its bytes. */
export const addressKey = (address: Address): string => toHex(addressToBytes(address))

/**
 * The id an address names, whether or not that actor exists (ref-fvm `StateTree::lookup_id`
 * @ fvm@v4.8.2: an ID address is its own id; any other is looked up in Init's address map).
 */
export const lookupId = (vm: VmState, address: Address): ActorId | undefined =>
  addressId(address) ?? vm.addresses.get(addressKey(address))

/**
 * The actor id an address names, if that actor exists now.
 *
 * @category queries
 * @since 0.1.0
 */
export const resolveAddress = (vm: VmState, address: Address): ActorId | undefined => {
  const id = lookupId(vm, address)
  return id !== undefined && vm.actors.has(id) ? id : undefined
}

/**
 * The balance of the actor an address names (0 if it does not exist).
 *
 * @category queries
 * @since 0.1.0
 */
export const balanceOf = (vm: VmState, address: Address): bigint => {
  const id = resolveAddress(vm, address)
  return id === undefined ? 0n : vm.actors.get(id)!.balance
}

/**
 * The chain at a later epoch (the explicit clock).
 *
 * @category constructors
 * @since 0.1.0
 */
export const atEpoch = (vm: VmState, epoch: bigint): VmState => ({ ...vm, epoch })

/** The state with the actor at `id` replaced (or removed, for `undefined`). */
export const withActor = (vm: VmState, id: ActorId, entry: ActorEntry | undefined): VmState => {
  const actors = new Map(vm.actors)
  if (entry === undefined) actors.delete(id)
  else actors.set(id, entry)
  return { ...vm, actors }
}

/**
 * The state with `address` mapped to the next id, and that id (ref-fvm `register_new_address`,
 * builtin-actors init `State::map_addresses_to_id`).
 */
export const registerNewAddress = (vm: VmState, address: Address): { readonly vm: VmState; readonly id: ActorId } => {
  const id = vm.nextId
  return { vm: { ...vm, addresses: new Map(vm.addresses).set(addressKey(address), id), nextId: id + 1n }, id }
}
