/**
 * The runtime's circulating supply (builtin-actors `Runtime::total_fil_circ_supply` @ v18.0.0;
 * ref-fvm `MachineContext::circ_supply` @ fvm@v4.8.2): what the machine is given, the same in
 * every frame of a message, by default 2 000 000 000 FIL — the default of Lotus's conformance driver
 * for a vector that names none (lotus `conformance/driver.go:39-42` @ v1.36.2: `types.TotalFilecoinInt`).  A Probe test
 * actor returns what its runtime answers, directly and from a nested call.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { actorDispatch, noParams } from "../../../src/impl/actors/dispatch.js"
import { erase } from "../../../src/impl/actors/erase.js"
import { deserializeReturn, extractSendResult } from "../../../src/impl/actors/shared.js"
import { idAddress } from "../../../src/impl/address/address.js"
import { keyFromSeed } from "../../../src/impl/crypto/keys.js"
import { decodeCbor, encodeCbor } from "../../../src/impl/encoding/cbor.js"
import { encodeBigInt, readBigInt } from "../../../src/impl/token/amount.js"
import type { ActorCode } from "../../../src/impl/vm/interface.js"
import { applyImplicitMessage, cronMessage } from "../../../src/impl/vm/tick.js"
import { DEFAULT_CIRCULATING_SUPPLY, DEFAULT_MACHINE, send } from "../../../src/impl/vm/vm.js"
import { chainWithActors } from "./_testChain.js"

const PROBE = 150n
const Probe: ActorCode<null> = actorDispatch<null>("probe", [
  [2n, noParams(function* (rt) {
    return Result.succeed({ return: encodeCbor(encodeBigInt(rt.totalFilCircSupply())) })
  })],
  [3n, noParams(function* (rt) {
    const nested = Result.flatMap(extractSendResult(yield* rt.send(idAddress(PROBE), 2n, undefined, 0n)), deserializeReturn)
    return Result.map(nested, (v) => ({ return: encodeCbor([v, encodeBigInt(rt.totalFilCircSupply())]) }))
  })]
])
const alice = keyFromSeed(1, "circ alice")
const vm = chainWithActors([erase(Probe)], alice.address, [{ id: PROBE, kind: "probe", state: null }])
const ask = (method: bigint, circulatingSupply?: bigint) => {
  const r = send(vm, { from: alice.address, to: idAddress(PROBE), value: 0n, method, params: new Uint8Array() },
    circulatingSupply === undefined ? DEFAULT_MACHINE : { ...DEFAULT_MACHINE, circulatingSupply })
  expect(r.receipt.exitCode).toBe(0)
  return Result.getOrThrow(decodeCbor(r.receipt.return))
}
const big = (v: unknown): bigint => Result.getOrThrow(readBigInt(v, "supply"))

describe("rt.totalFilCircSupply()", () => {
  it("defaults to 2 000 000 000 FIL", () => {
    expect(DEFAULT_CIRCULATING_SUPPLY).toBe(2_000_000_000n * 10n ** 18n)
    expect(big(ask(2n))).toBe(DEFAULT_CIRCULATING_SUPPLY)
  })
  it("answers the machine's value, in the message's frame and in a nested one", () => {
    expect(big(ask(2n, 123_456n))).toBe(123_456n)
    expect((ask(3n, 7n) as Array<unknown>).map(big)).toEqual([7n, 7n])
  })
  it("a machine config without it (older callers) gets the default", () => {
    const r = send(vm, { from: alice.address, to: idAddress(PROBE), value: 0n, method: 2n, params: new Uint8Array() }, { maxCallDepth: 1024 })
    expect(big(Result.getOrThrow(decodeCbor(r.receipt.return)))).toBe(DEFAULT_CIRCULATING_SUPPLY)
  })
  it("implicit messages run with it too", () => {
    const r = applyImplicitMessage(vm, { ...cronMessage(0n), to: idAddress(PROBE), method: 2n }, { ...DEFAULT_MACHINE, circulatingSupply: 9n })
    expect(big(Result.getOrThrow(decodeCbor(r.receipt.return)))).toBe(9n)
  })
})
