/**
 * A deal world: the in-process chain with a client and a storage provider on it, and the two
 * parties' reducers joined by the network (`./network.ts`).  Built deterministically from a seed:
 * the keys are `keyFromSeed(…, "<seed> client|owner|worker")`, the accounts are funded at genesis
 * (the client, the provider's owner and worker), the provider's miner actor is created by
 * Power.CreateMiner (owner = the owner key, worker = the BLS worker key, as the miner actor
 * requires a BLS worker), and both put funds in market escrow with AddBalance.
 *
 * Used by `filflow deal` and its tests, and the start of the whole-flow network.
 *
 * @module
 */
import { Result } from "effect"
import { type Address, idAddress } from "../address/address.js"
import { genesis } from "../actors/builtin.js"
import { encodeCreateMinerParams, PowerMethod, readCreateMinerReturn } from "../actors/power/types.js"
import { keyFromSeed } from "../crypto/keys.js"
import type { KeyPair } from "../crypto/interface.js"
import { SigType } from "../crypto/signature.js"
import { decodeCbor } from "../encoding/cbor.js"
import { MarketMethod } from "../actors/market/index.js"
import { encodeAddressParam } from "../actors/market/params.js"
import { ATTO_PER_FIL } from "../token/amount.js"
import type { Receipt, VmState } from "../vm/interface.js"
import { createAccount, send } from "../vm/vm.js"
import { initialClient } from "./client/index.js"
import { dealNetwork, type DealNetwork } from "./network.js"
import { initialProvider } from "./provider/index.js"
import { type AcceptancePolicy, DEFAULT_POLICY } from "./provider/policy.js"
import { STORAGE_MARKET_ACTOR_ID } from "./provider/publish.js"

/**
 * Who is who in a deal world.
 *
 * @category models
 * @since 0.2.0
 */
export interface DealParties {
  readonly client: KeyPair
  readonly owner: KeyPair
  readonly worker: KeyPair
  /** The provider's miner actor, its ID address. */
  readonly miner: Address
}

/**
 * How a world is built: the key seed, what each account gets at genesis, what each party puts in
 * escrow, the provider's policy.
 *
 * @category models
 * @since 0.2.0
 */
export interface WorldOptions {
  readonly seed: string
  readonly funds: bigint
  readonly clientEscrow: bigint
  readonly providerEscrow: bigint
  readonly policy: AcceptancePolicy
}

/** 1000 FIL each; 10 FIL in escrow each; the default policy. */
export const DEFAULT_WORLD: WorldOptions = {
  seed: "filflow", funds: 1000n * ATTO_PER_FIL, clientEscrow: 10n * ATTO_PER_FIL, providerEscrow: 10n * ATTO_PER_FIL, policy: DEFAULT_POLICY
}

/** Value sent with CreateMiner to cover the miner's create deposit. */
const CREATE_MINER_VALUE = 100n * ATTO_PER_FIL

/**
 * A step of the setup that failed: which, and its receipt.
 *
 * @category errors
 * @since 0.2.0
 */
export interface SetupFailed {
  readonly step: string
  readonly receipt: Receipt
}

/**
 * The deal world for `options`: the chain set up, the client and the provider ready.
 *
 * @category constructors
 * @since 0.2.0
 */
export const dealWorld = (options: WorldOptions = DEFAULT_WORLD): Result.Result<{ readonly net: DealNetwork; readonly parties: DealParties }, SetupFailed> =>
  Result.gen(function* () {
    const client = keyFromSeed(SigType.Secp256k1, `${options.seed} client`)
    const owner = keyFromSeed(SigType.Secp256k1, `${options.seed} owner`)
    const worker = keyFromSeed(SigType.BLS, `${options.seed} worker`)
    let vm: VmState = genesis()
    for (const k of [client, owner, worker]) vm = createAccount(vm, k.address, options.funds).vm
    const created = send(vm, {
      from: owner.address, to: idAddress(4n), value: CREATE_MINER_VALUE, method: PowerMethod.CreateMiner,
      params: encodeCreateMinerParams({ owner: owner.address, worker: worker.address, windowPoStProofType: 10n, peer: new Uint8Array(), multiaddrs: [] })
    })
    const made = Result.flatMap(decodeCbor(created.receipt.return), readCreateMinerReturn)
    if (created.receipt.exitCode !== 0 || Result.isFailure(made)) return yield* Result.fail({ step: "CreateMiner", receipt: created.receipt })
    vm = created.vm
    const miner = made.success.idAddress
    for (const [step, from, forWhom, amount] of [
      ["AddBalance (client)", client.address, client.address, options.clientEscrow],
      ["AddBalance (provider)", owner.address, miner, options.providerEscrow]
    ] as const) {
      if (amount === 0n) continue
      const added = send(vm, { from, to: idAddress(STORAGE_MARKET_ACTOR_ID), value: amount, method: MarketMethod.AddBalance, params: encodeAddressParam(forWhom) })
      if (added.receipt.exitCode !== 0) return yield* Result.fail({ step, receipt: added.receipt })
      vm = added.vm
    }
    const net = dealNetwork(vm, initialClient(client), initialProvider(miner, worker, options.policy, vm.epoch))
    return { net, parties: { client, owner, worker, miner } }
  })
