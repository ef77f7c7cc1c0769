/**
 * The builtin actors this chain runs, as one registry (code name → code) — the role the
 * builtin-actors bundle's manifest plays for ref-fvm — with the parameters they run with, and the
 * genesis state built from it.  Adding an actor means adding its code here; the VM does not change.
 * The storage singletons — Reward f02, Cron f03, Power f04, the Burnt Funds account f099 — and the
 * miner code are subsets of builtin-actors v18.0.0 that the miner/power issue grows (see each
 * folder's module comment for what runs and what is left).
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
import { idAddress } from "../address/address.js"
import { erase } from "./erase.js"
import { AccountActor, accountState } from "./account/index.js"
import { BUILTIN_CRON_ENTRIES, CronActor, type CronState } from "./cron/index.js"
import { MinerActor } from "./miner/index.js"
import { StorageMarketActor, storageMarketActor } from "./market/index.js"
import { type MarketParams, PRODUCTION_MARKET_PARAMS } from "./market/policy.js"
import { newMarketState } from "./market/state.js"
import { PowerActor } from "./power/index.js"
import { newPowerState } from "./power/state.js"
import { RewardActor } from "./reward/index.js"
import { newRewardState } from "./reward/state.js"
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
  /** The market's parameters; production ones when absent. */
  readonly market?: MarketParams
}

/** Production parameters. */
export const PRODUCTION_NETWORK: NetworkParams = { paych: PRODUCTION_PARAMS }

/** A registry of the builtin actors, with the parameters it was built with. */
export interface BuiltinActors extends ActorRegistry {
  readonly network: NetworkParams
}

const cache = new Map<string, BuiltinActors>()
const networks = new WeakMap<ActorRegistry, NetworkParams>()
const marketKey = (m: MarketParams = PRODUCTION_MARKET_PARAMS): string =>
  `${m.minDealDuration}/${m.maxDealDuration}/${m.maxLabelSize}/${m.dealUpdatesInterval}/${m.provCollateralPercentSupplyNum}/${m.provCollateralPercentSupplyDenom}`
const networkKey = (n: NetworkParams): string => `${n.paych.maxLane}/${n.paych.settleDelay}/${n.paych.maxSecretSize}/${marketKey(n.market)}`

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
      erase(isProduction ? PaymentChannelActor : paymentChannelActor(network.paych)),
      erase(RewardActor), erase(CronActor), erase(PowerActor), erase(MinerActor),
      erase(isProduction ? StorageMarketActor : storageMarketActor(network.market))
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

/** The Burnt Funds actor's id: f099 (go-state-types `builtin.BurntFundsActorAddr`). */
export const BURNT_FUNDS_ACTOR_ID = 99n

/** A singleton at genesis: no balance, no robust address, the state given. */
const singleton = (kind: string, state: unknown): ActorEntry => ({ kind, balance: 0n, state, robust: undefined, sequence: 0n })

/**
 * The singleton actors of every genesis, by id, with their state at genesis — built as Lotus's
 * genesis builds them (filecoin-project/lotus `chain/gen/genesis/` @ v1.36.2): System f00 and
 * Init f01; Reward f02 with the state its constructor makes for the realized power at genesis
 * (`f02_reward.go` `SetupRewardActor`: the genesis miners' QA power, none here, so 0); Cron f03
 * with the built-in entries (`f03_cron.go`: power OnEpochTickEnd, then market CronTick); Power
 * f04 with `State::new` (`f04_power.go`); the Storage Market f05 with `State::new`
 * (`f05_market.go`); the Burnt Funds actor f099, an account whose address is
 * f099 itself (`genesis.go` `MakeAccountActor(…, BurntFundsActorAddr, 0)`), which receives burnt
 * and slashed funds.  Every balance is 0: this chain is funded by `createAccount`, and the
 * reward actor pays no block rewards yet (the miner/power issue's).
 */
const GENESIS_SINGLETONS: ReadonlyArray<readonly [ActorId, () => ActorEntry]> = [
  [SYSTEM_ACTOR_ID, () => singleton("system", null)],
  [INIT_ACTOR_ID, () => singleton("init", null)],
  [2n, () => singleton("reward", newRewardState(0n))],
  [3n, () => singleton("cron", { entries: BUILTIN_CRON_ENTRIES } satisfies CronState)],
  [4n, () => singleton("storagepower", newPowerState())],
  [5n, () => singleton("storagemarket", newMarketState())],
  [BURNT_FUNDS_ACTOR_ID, () => singleton("account", accountState(idAddress(BURNT_FUNDS_ACTOR_ID)))]
]

/** The singletons a chain needs to run accounts and payment channels: System and Init. */
export const CORE_SINGLETONS: ReadonlyArray<ActorId> = [SYSTEM_ACTOR_ID, INIT_ACTOR_ID]

/** Which singletons a genesis holds. */
export interface GenesisOptions {
  /** Only these singletons (default: all of them).  The payment-channel vectors use {@link CORE_SINGLETONS}. */
  readonly singletons?: ReadonlyArray<ActorId>
}

/**
 * The state at genesis: the singleton actors (System f00, Init f01, Reward f02, Cron f03, Power
 * f04, Storage Market f05, Burnt Funds f099 — or only those `options.singletons` names), epoch 0, next id 100.
 *
 * @category constructors
 * @since 0.1.0
 */
export const genesis = (network: NetworkParams = PRODUCTION_NETWORK, options: GenesisOptions = {}): VmState => ({
  registry: builtinActors(network),
  epoch: 0n,
  actors: new Map<ActorId, ActorEntry>(GENESIS_SINGLETONS
    .filter(([id]) => options.singletons === undefined || options.singletons.includes(id))
    .map(([id, make]) => [id, make()])),
  addresses: new Map(),
  nextId: FIRST_USER_ACTOR_ID
})
