/**
 * Test helper: a chain that runs test actors beside the builtin ones — the registry entries are
 * the only change a new actor needs — with Alice's account and the test actors placed at fixed ids.
 */
import { builtinActors, genesis } from "../../../src/impl/actors/builtin.js"
import type { Address } from "../../../src/impl/address/interface.js"
import type { ActorCode, ActorId, VmState } from "../../../src/impl/vm/interface.js"
import { withActor } from "../../../src/impl/vm/state.js"
import { actorRegistry, createAccount } from "../../../src/impl/vm/vm.js"

/** A test actor placed at `id` with `state` and `balance` (0 by default). */
export interface Placed {
  readonly id: ActorId
  readonly kind: string
  readonly state: unknown
  readonly balance?: bigint
}

/**
 * The chain at genesis with `codes` added to the builtin registry, `alice`'s account (f0100, 1000
 * attoFIL), and each of `placed` at its id; ids handed out later come after the highest placed one.
 */
export const chainWithActors = (codes: ReadonlyArray<ActorCode>, alice: Address, placed: ReadonlyArray<Placed>): VmState => {
  const registry = actorRegistry([...builtinActors().codes.values(), ...codes])
  let vm = createAccount({ ...genesis(), registry }, alice, 1000n).vm
  for (const { id, kind, state, balance } of placed) {
    vm = withActor({ ...vm, nextId: vm.nextId > id ? vm.nextId : id + 1n }, id, { kind, balance: balance ?? 0n, state, robust: undefined, sequence: 0n })
  }
  return vm
}
