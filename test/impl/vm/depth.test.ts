/**
 * The call depth, with the network's limit (1024, ref-fvm `NetworkConfig::max_call_depth`,
 * `fvm/src/machine/mod.rs:150` @ fvm@v4.8.2) and no reduced configuration: nested sends run on the
 * call manager's explicit stack, so a chain of 1024 calls runs to the end inside the test process
 * and the 1025th call fails as on chain.
 *
 * Expected values, derived by hand from upstream:
 * - ref-fvm `fvm/src/call_manager/default.rs:938-958` (`with_stack_frame`): a call is refused with
 *   the syscall error `LimitExceeded` when `max_call_depth` calls are already on the stack; the
 *   message's own call is the first.  ref-fvm's `testing/integration/tests/main.rs:484-560`
 *   (`native_stack_overflow`) runs exactly this: a chain of 1024 calls succeeds, one of 1025 calls
 *   ends with the deepest caller seeing `LimitExceeded`.
 * - builtin-actors `runtime/src/builtin/shared.rs:122-125` @ v18.0.0: an actor going through
 *   `extract_send_result` turns `LimitExceeded` into 24 USR_ASSERTION_FAILED "recursion limit
 *   exceeded"; every caller above passes 24 on (`ActorError::checked` keeps user codes,
 *   `runtime/src/actor_error.rs:34-47`), so the message ends 24 and every frame is undone.
 * - An account created by a send is constructed without a call of its own
 *   (call_manager/default.rs:588 `call_actor_resolved`), so the depth check comes first.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { actorDispatch, actorError, withParams } from "../../../src/impl/actors/dispatch.js"
import { erase } from "../../../src/impl/actors/erase.js"
import { checkedExitCode, extractSendResult } from "../../../src/impl/actors/shared.js"
import { addressFromBytes, addressToBytes, idAddress } from "../../../src/impl/address/address.js"
import { keyFromSeed } from "../../../src/impl/crypto/keys.js"
import { decodeCbor, encodeCbor } from "../../../src/impl/encoding/cbor.js"
import type { ActorCode, VmState } from "../../../src/impl/vm/interface.js"
import { applyMessage, DEFAULT_MACHINE, resolveAddress, send } from "../../../src/impl/vm/vm.js"
import { chainWithActors } from "./_testChain.js"
import { expectRejected } from "../actors/_chain.js"

/** The probe's state: how many frames have written it. */
interface Depth { readonly writes: bigint }

const cbor = (b: Uint8Array) => Result.mapError(decodeCbor(b), (e) => ({ message: e.message }))
const decodeCount = (b: Uint8Array) => Result.map(cbor(b), (v) => BigInt(v as number | bigint))
const decodeReach = (b: Uint8Array) => Result.flatMap(cbor(b), (v) => {
  const [n, to] = v as [number | bigint, Uint8Array]
  return Result.map(Result.mapError(addressFromBytes(to), (e) => ({ message: e.message })), (a) => ({ n: BigInt(n), to: a }))
})

const DESCEND = 10n
const REACH = 11n

/**
 * Descend(n) writes its state (one more write), then, unless n is 0, sends itself Descend(n − 1)
 * through `extract_send_result` and returns what that returned; at n = 0 it returns the number of
 * writes it sees — every frame's write, each made before its send.
 * Reach([n, to]) sends itself Reach([n − 1, to]) until n is 0, where it sends 0 FIL to `to` and
 * returns what that send gave, raw: "ok", "exit <code>" or the syscall error's number.
 */
const DepthProbe: ActorCode<Depth> = actorDispatch<Depth>("depthprobe", [
  [DESCEND, withParams(decodeCount, function* (rt, _, n) {
    const written = rt.transaction((st) => Result.succeed({ writes: st.writes + 1n }))
    if (Result.isFailure(written)) return Result.fail(written.failure)
    if (n === 0n) return Result.succeed({ return: encodeCbor(written.success.writes) })
    const below = extractSendResult(yield* rt.send(idAddress(rt.receiver), DESCEND, encodeCbor(n - 1n), 0n))
    return Result.map(below, (ret) => ({ return: ret }))
  })],
  [REACH, withParams(decodeReach, function* (rt, _, { n, to }) {
    if (n === 0n) {
      const sent = yield* rt.send(to, 0n, undefined, 0n)
      const seen = Result.isFailure(sent) ? sent.failure.number : sent.success.exitCode === 0 ? "ok" : `exit ${sent.success.exitCode}`
      return Result.succeed({ return: encodeCbor(seen) })
    }
    const below = yield* rt.send(idAddress(rt.receiver), REACH, encodeCbor([n - 1n, addressToBytes(to)]), 0n)
    if (Result.isFailure(below)) return Result.fail(actorError("Below", 24, below.failure.message))
    if (below.success.exitCode !== 0) return Result.fail(actorError("Below", checkedExitCode(below.success.exitCode), "below failed"))
    return Result.succeed(below.success.return === undefined ? {} : { return: below.success.return })
  })]
])

const alice = keyFromSeed(1, "depth alice")
const PROBE = 101n

/** Alice (f0100) and the probe (f0101, no writes yet). */
const world = (): VmState => chainWithActors([erase(DepthProbe)], alice.address, [{ id: PROBE, kind: "depthprobe", state: { writes: 0n } }])
const writesOf = (vm: VmState): bigint | undefined => (vm.actors.get(PROBE)?.state as Depth | undefined)?.writes
const descend = (vm: VmState, n: bigint) => send(vm, { from: alice.address, to: idAddress(PROBE), value: 0n, method: DESCEND, params: encodeCbor(n) })
const reach = (vm: VmState, n: bigint, to = idAddress(PROBE)) =>
  send(vm, { from: alice.address, to: idAddress(PROBE), value: 0n, method: REACH, params: encodeCbor([n, addressToBytes(to)]) })
const returned = (ret: Uint8Array): unknown => Result.getOrThrow(decodeCbor(ret))

describe("the network's call depth (1024), on the explicit stack", () => {
  it("the machine's production depth is 1024 (fvm/src/machine/mod.rs:150)", () => {
    expect(DEFAULT_MACHINE.maxCallDepth).toBe(1024)
  })

  it("1024 nested calls run: each frame's write before its send is seen below, and all persist", () => {
    const vm = world()
    // the message's call is Descend(1023) at depth 1; Descend(0) runs at depth 1024
    const r = descend(vm, 1023n)
    expect(r.receipt.exitCode).toBe(0)
    expect(returned(r.receipt.return)).toBe(1024)
    expect(writesOf(r.vm)).toBe(1024n)
  })

  it("the frame at depth 1024 sending even 0 FIL to an existing actor makes call 1025: it sees the syscall error LimitExceeded", () => {
    const vm = world()
    // Reach(1023): the frame with n = 0 is at depth 1024; its send is call 1025
    const r = reach(vm, 1023n)
    expect(r.receipt.exitCode).toBe(0)
    expect(returned(r.receipt.return)).toBe("LimitExceeded")
  })

  it("the frame at depth 1023 sends as call 1024: it runs", () => {
    const r = reach(world(), 1022n)
    expect(r.receipt.exitCode).toBe(0)
    expect(returned(r.receipt.return)).toBe("ok")
  })

  it("1025 nested calls: the deepest caller fails 24 through extract_send_result; the message ends 24, every write undone", () => {
    const vm = world()
    const r = descend(vm, 1024n)
    expectRejected(vm, r, alice.address, { tag: "LimitExceeded", exitCode: 24 })
    expect(r.receipt.message).toMatch(/recursion limit exceeded/)
    expect(writesOf(r.vm)).toBe(0n)
  })

  it("at depth 1024 a send to a new key address is refused before the account is created", () => {
    const vm = world()
    const newcomer = keyFromSeed(1, "depth newcomer").address
    const refused = reach(vm, 1023n, newcomer)
    expect(returned(refused.receipt.return)).toBe("LimitExceeded")
    expect(resolveAddress(refused.vm, newcomer)).toBeUndefined()
    // one level up the send is call 1024; the account's constructor runs without a call of its own
    const created = reach(vm, 1022n, newcomer)
    expect(returned(created.receipt.return)).toBe("ok")
    expect(created.vm.actors.get(resolveAddress(created.vm, newcomer)!)?.kind).toBe("account")
  })
})

describe("any call depth", () => {
  // The same rule for other limits: d calls run, call d + 1 is LimitExceeded.  Depths beyond the
  // network's show that nothing but the configured limit bounds the chain of calls.
  it.each([1, 2, 3, 1024, 5000])("with a limit of %i calls: %i run, one more fails 24", (d) => {
    const vm = world()
    const msg = (n: bigint) => ({ from: alice.address, to: idAddress(PROBE), nonce: 0n, value: 0n, method: DESCEND, params: encodeCbor(n) })
    const deepest = applyMessage(vm, msg(BigInt(d - 1)), { maxCallDepth: d })
    expect(deepest.receipt.exitCode).toBe(0)
    expect(writesOf(deepest.vm)).toBe(BigInt(d))
    const over = applyMessage(vm, msg(BigInt(d)), { maxCallDepth: d })
    expectRejected(vm, over, alice.address, { tag: "LimitExceeded", exitCode: 24 })
  })
})
