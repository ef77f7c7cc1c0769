/**
 * The miner's Constructor called directly, as builtin-actors' own test calls it
 * (`actors/miner/tests/miner_actor_test_construction.rs` @ v18.0.0): receiver f01000 at epoch
 * 0, called by Init, owner f0100, worker f0101 (an account whose key is BLS), controls f0999 and
 * f0998, peer id [1,2,3], one multiaddr [1,2,3], 32 GiB window PoSt; the reward actor answers a
 * baseline of 2^50 and a reward estimate of 10 FIL, the power actor all zeros.  Known answers from
 * that test: sector size 32 GiB, 2349 sectors per partition, 180 vesting entries, proving period
 * start −2222 (blake2b-256 of the receiver and epoch), the deadline (0 − (−2222)) / 60 = 37.
 * Hand derivation of the deposit under mainnet's policy (CREATE_MINER_DEPOSIT_POWER = 1 TiB):
 * with no network power the expected reward is the reward estimate, 10 FIL; the circulating supply
 * is 0, so nothing is added; the cap 29 103 830 × 2^40 is above 10 FIL: the deposit is 10 FIL.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { MinerMethod, minerActor } from "../../../../src/impl/actors/miner/index.js"
import { MINER_POLICY } from "../../../../src/impl/actors/miner/policy.js"
import type { MinerState } from "../../../../src/impl/actors/miner/state.js"
import { encodeMinerConstructorParams, type MinerConstructorParams } from "../../../../src/impl/actors/miner/types.js"
import { encodeCurrentTotalPowerReturn } from "../../../../src/impl/actors/power/types.js"
import { encodeThisEpochRewardReturn } from "../../../../src/impl/actors/reward/index.js"
import { filterEstimate } from "../../../../src/impl/actors/reward/math.js"
import { addressId, addressToBytes, addressToString, idAddress } from "../../../../src/impl/address/address.js"
import { keyFromSeed } from "../../../../src/impl/crypto/keys.js"
import { encodeCbor } from "../../../../src/impl/encoding/cbor.js"
import type { SendRequest, SendResult } from "../../../../src/impl/vm/interface.js"
import { run, type StubOptions, stubRuntime } from "./_stub.js"

const FIL = 10n ** 18n
/** Mainnet's miner policy: 32/64 GiB only, 10 TiB consensus minimum (policy.rs, runtime/build.rs "mainnet"). */
const MAINNET = { ...MINER_POLICY, validPoStProofTypes: [13n, 14n], minimumConsensusPower: 10n << 40n }
const blsKey = keyFromSeed(2, "constructor worker").address
const secpKey = keyFromSeed(1, "constructor worker secp").address

const params = (p: Partial<MinerConstructorParams> = {}): MinerConstructorParams => ({
  owner: idAddress(100n), worker: idAddress(101n), controlAddresses: [idAddress(999n), idAddress(998n)],
  windowPoStProofType: 13n, peerId: Uint8Array.of(1, 2, 3), multiaddrs: [Uint8Array.of(1, 2, 3)], ...p
})
const accounts = new Map([[100n, "account"], [101n, "account"], [999n, "account"], [998n, "account"], [1n, "init"]])
const options = (o: Partial<StubOptions> = {}): StubOptions => ({ receiver: 1000n, caller: 1n, balance: 10n * FIL, kinds: accounts, ...o })

/** Answers the reward, power and PubkeyAddress sends as the upstream test's mocks do. */
const answer = (workerKey = blsKey) => (r: SendRequest): SendResult => {
  const to = addressId(r.to)
  const ret = to === 2n
    ? encodeThisEpochRewardReturn({ thisEpochBaselinePower: 1n << 50n, thisEpochRewardSmoothed: filterEstimate(10n * FIL, 0n) })
    : to === 4n
      ? encodeCurrentTotalPowerReturn({ rawBytePower: 0n, qualityAdjPower: 0n, pledgeCollateral: 0n, qualityAdjPowerSmoothed: { position: 0n, velocity: 0n }, rampStartEpoch: 0n, rampDurationEpochs: 0n })
      : encodeCbor(addressToBytes(workerKey))
  return Result.succeed({ exitCode: 0, return: ret })
}

const construct = (p: MinerConstructorParams, o: StubOptions = options(), workerKey = blsKey) => {
  const stub = stubRuntime<MinerState>(o, addressToString, addressId)
  const out = run(minerActor(MAINNET).invoke(stub.rt, undefined as unknown as MinerState, MinerMethod.Constructor, encodeMinerConstructorParams(p)), answer(workerKey))
  return { out, stub }
}

describe("simple construction (miner_actor_test_construction.rs simple_construction)", () => {
  const { out, stub } = construct(params())
  it("succeeds, asking the reward actor, the power actor, then the worker's key, in that order", () => {
    expect(Result.isSuccess(out)).toBe(true)
    expect(stub.sent.map((s) => [addressToString(s.to), s.method, s.params, s.value])).toEqual([
      ["f02", 3n, undefined, 0n], ["f04", 9n, undefined, 0n], ["f0101", 2n, undefined, 0n]
    ])
  })
  it("stores the MinerInfo: ids, peer info, proof type, 32 GiB sectors, 2349 per partition, the owner as beneficiary", () => {
    expect(stub.written?.info).toEqual({
      owner: 100n, worker: 101n, controlAddresses: [999n, 998n], pendingWorkerKey: null,
      peerId: Uint8Array.of(1, 2, 3), multiaddrs: [Uint8Array.of(1, 2, 3)], windowPoStProofType: 13n,
      sectorSize: 32n << 30n, windowPoStPartitionSectors: 2349n, consensusFaultElapsed: -1n, pendingOwnerAddress: null, beneficiary: 100n
    })
  })
  it("locks the 10 FIL deposit in 180 daily vesting entries; proving period start −2222, deadline 37", () => {
    const st = stub.written!
    expect(st.lockedFunds).toBe(10n * FIL)
    expect(st.vestingFunds.length).toBe(180)
    expect(st.vestingFunds.reduce((s, f) => s + f.amount, 0n)).toBe(10n * FIL)
    expect(st.provingPeriodStart).toBe(-2222n)
    expect(st.currentDeadline).toBe(37n)
    // hand derivation: the first step is epoch 2880, quantized up to 12-hour units offset by −2222 (≡ −782 mod 1440): 3538;
    // it vests 10 FIL × 3538 / 518 400 (180 days)
    expect(st.vestingFunds[0]).toEqual({ epoch: 3538n, amount: (10n * FIL * 3538n) / 518_400n })
    expect(st.preCommitDeposits).toBe(0n)
  })
})

describe("construction failures", () => {
  it.each<[string, Partial<MinerConstructorParams>, Partial<StubOptions>, number, string]>([
    ["the caller is not Init", {}, { caller: 100n }, 18, "CallerIsInit"],
    ["11 control addresses", { controlAddresses: Array.from({ length: 11 }, (_, i) => idAddress(BigInt(900 + i))) }, {}, 16, "ControlAddressesWithinMax"],
    ["a 129-byte peer id (test_construct_with_invalid_peer_id)", { peerId: new Uint8Array(129) }, {}, 16, "PeerIdWithinMax"],
    ["an empty multiaddr (test_construct_with_empty_multiaddr)", { multiaddrs: [Uint8Array.of(1), new Uint8Array()] }, {}, 16, "MultiaddrNotEmpty"],
    ["1025 bytes of multiaddrs (test_construct_with_large_multiaddr)", { multiaddrs: [new Uint8Array(1000).fill(1), new Uint8Array(25).fill(1)] }, {}, 16, "MultiaddrsWithinMax"],
    ["a PoSt type mainnet does not allow (2 KiB)", { windowPoStProofType: 10n }, {}, 16, "PoStProofTypeValid"],
    ["a removed V1 window PoSt type (8)", { windowPoStProofType: 8n }, {}, 16, "PoStProofTypeValid"],
    ["a balance below the deposit (fails_if_insufficient_to_cover_the_miner_creation_deposit)", {}, { balance: 10n * FIL - 1n }, 19, "DepositCovered"],
    ["an owner that does not resolve", { owner: secpKey }, {}, 16, "OwnerResolves"],
    ["a worker that does not resolve", { worker: secpKey }, {}, 16, "WorkerResolves"],
    ["a worker with no actor", { worker: idAddress(555n) }, {}, 16, "WorkerResolves"],
    ["a worker that is not an account", { worker: idAddress(1n) }, {}, 16, "WorkerIsAccount"],
    ["a control address that does not resolve", { controlAddresses: [secpKey] }, {}, 16, "ControlResolves"]
  ])("%s: %s", (_, p, o, exitCode, tag) => {
    const { out, stub } = construct(params(p), options(o))
    expect(Result.isFailure(out) ? { exitCode: out.failure.exitCode, tag: out.failure.tag } : "succeeded").toEqual({ exitCode, tag })
    expect(stub.written).toBeUndefined()
  })
  it("a worker whose account key is secp256k1: 16 (the worker must be BLS)", () => {
    const { out, stub } = construct(params(), options(), secpKey)
    expect(Result.isFailure(out) ? { exitCode: out.failure.exitCode, tag: out.failure.tag } : "succeeded").toEqual({ exitCode: 16, tag: "WorkerKeyIsBls" })
    expect(stub.written).toBeUndefined()
  })
  it("a worker named by its BLS key address is not asked for its key (control_addresses_are_resolved_during_construction)", () => {
    const o = options({ resolves: new Map([[addressToString(blsKey), 101n], [addressToString(secpKey), 999n]]) })
    const { out, stub } = construct(params({ worker: blsKey, controlAddresses: [secpKey] }), o)
    expect(Result.isSuccess(out)).toBe(true)
    expect(stub.sent.map((s) => s.method)).toEqual([3n, 9n])
    expect(stub.written?.info.worker).toBe(101n)
    expect(stub.written?.info.controlAddresses).toEqual([999n])
  })
})
