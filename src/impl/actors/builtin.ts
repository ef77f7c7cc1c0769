/**
 * The builtin actors this chain runs, as one registry (code name → code) — the role the
 * builtin-actors bundle's manifest plays for ref-fvm — with the parameters they run with, and the
 * genesis state built from it.  Adding an actor means adding its code here; the VM does not change.
 *
 * How the market, miner and power actors plug in: each gets its folder (`market/`, `miner/`,
 * `power/`: `index.ts` with its method table through `actorDispatch`, `state.ts`, `types.ts`, its
 * exit codes and parameters) and one entry in the list below (and in `NetworkParams` if it has
 * parameters the model bounds).  Their calls to each other (VerifyDealsForActivation,
 * ActivateDeals, UpdateClaimedPower, OnMinerSectorsTerminate, …) are `yield* rt.send(…)` in
 * generator methods; they write state with `rt.transaction` before a send as builtin-actors does,
 * and a callee calling back reads that write; return values come back and failures roll back in
 * the call manager, at any depth up to 1024.  test/impl/vm/twoActors.test.ts shows two actors
 * doing exactly this with nothing but their registry entries.
 *
 * @module
 */
import { erase } from "./erase.js"
import { AccountActor } from "./account/index.js"
import { InitActor } from "./init/index.js"
import { paymentChannelActor, PaymentChannelActor } from "./paych/index.js"
import { PRODUCTION_PARAMS, type PaychParams } from "./paych/state.js"
import { PlaceholderActor } from "./placeholder/index.js"
import { SystemActor } from "./system/index.js"
import type { ActorEntry, ActorId, ActorRegistry, VmState } from "../vm/interface.js"
import { FIRST_USER_ACTOR_ID, INIT_ACTOR_ID, SYSTEM_ACTOR_ID } from "../vm/state.js"
import { actorRegistry } from "../vm/vm.js"

/**
 * The parameters the builtin actors run with: production values by default; the refinement tests
 * use the model's bounds.  Each actor's own parameters are defined in its folder.
 *
 * @category constants
 * @since 0.1.0
 */
export interface NetworkParams {
  readonly paych: PaychParams
}

/** Production parameters. */
export const PRODUCTION_NETWORK: NetworkParams = { paych: PRODUCTION_PARAMS }

/** A registry of the builtin actors, with the parameters it was built with. */
export interface BuiltinActors extends ActorRegistry {
  readonly network: NetworkParams
}

const cache = new Map<string, BuiltinActors>()
const networks = new WeakMap<ActorRegistry, NetworkParams>()
const networkKey = (n: NetworkParams): string => `${n.paych.maxLane}/${n.paych.settleDelay}/${n.paych.maxSecretSize}`

/**
 * The builtin actors with the given parameters.  Equal parameters give the same registry object,
 * so states built with them compare equal.
 *
 * @category actors
 * @since 0.1.0
 */
export const builtinActors = (network: NetworkParams = PRODUCTION_NETWORK): BuiltinActors => {
  const key = networkKey(network)
  const known = cache.get(key)
  if (known !== undefined) return known
  const isProduction = key === networkKey(PRODUCTION_NETWORK)
  const registry: BuiltinActors = {
    ...actorRegistry([
      erase(SystemActor), erase(InitActor), erase(AccountActor), erase(PlaceholderActor),
      erase(isProduction ? PaymentChannelActor : paymentChannelActor(network.paych))
    ]),
    network: isProduction ? PRODUCTION_NETWORK : network
  }
  cache.set(key, registry)
  networks.set(registry, registry.network)
  return registry
}

/**
 * The builtin actors' parameters a registry was built with, if it is one of theirs.
 *
 * @category actors
 * @since 0.1.0
 */
export const networkOf = (registry: ActorRegistry): NetworkParams | undefined => networks.get(registry)

/**
 * The state at genesis: the System (f00) and Init (f01) actors, epoch 0, next id 100, nothing
 * else.
 *
 * @category constructors
 * @since 0.1.0
 */
export const genesis = (network: NetworkParams = PRODUCTION_NETWORK): VmState => ({
  registry: builtinActors(network),
  epoch: 0n,
  actors: new Map<ActorId, ActorEntry>([
    [SYSTEM_ACTOR_ID, { kind: "system", balance: 0n, state: null, robust: undefined, sequence: 0n }],
    [INIT_ACTOR_ID, { kind: "init", balance: 0n, state: null, robust: undefined, sequence: 0n }]
  ]),
  addresses: new Map(),
  nextId: FIRST_USER_ACTOR_ID
})
