/**
 * Sends as nested calls, with a probe actor added to the registry (which needs no change to the
 * VM): the callee runs in its own frame, its changes persist when it succeeds and are undone with
 * its value transfer when it fails, its return value comes back, its exit code is mapped as
 * builtin-actors' `ActorError::checked` does, read-only frames cannot write, and the receiver of a
 * send is looked up before any value moves.
 *
 * Expected codes come from the upstream lines cited at each test: filecoin-project/ref-fvm
 * `fvm/src/call_manager/default.rs` and `fvm/src/kernel/default.rs` @ fvm@v4.8.2,
 * filecoin-project/builtin-actors `runtime/src/actor_error.rs` and `runtime/src/builtin/shared.rs`
 * @ v18.0.0.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { builtinActors } from "../../../src/impl/actors/builtin.js"
import { actorDispatch, actorError, noParams, withParams } from "../../../src/impl/actors/dispatch.js"
import { erase } from "../../../src/impl/actors/erase.js"
import { checkedExitCode, extractSendResult, sendErrorToActorError } from "../../../src/impl/actors/shared.js"
import { addressFromBytes, addressToBytes, idAddress, newBlsAddress, newDelegatedAddress } from "../../../src/impl/address/address.js"
import type { Address } from "../../../src/impl/address/interface.js"
import { keyFromSeed } from "../../../src/impl/crypto/keys.js"
import { decodeCbor, encodeCbor } from "../../../src/impl/encoding/cbor.js"
import type { ActorCode, ActorId, Runtime, VmState } from "../../../src/impl/vm/interface.js"
import { actorRegistry, applyMessage, PLACEHOLDER_KIND, resolveAddress, send } from "../../../src/impl/vm/vm.js"
import { chainWithActors } from "./_testChain.js"
import { expectRejected } from "../actors/_chain.js"

/** The probe's state: how many times it was bumped. */
interface Probe { readonly count: bigint }

/** What `Call` asks the probe to send: `[to, method, params | null, value, readOnly]`. */
type CallArgs = readonly [Address, bigint, Uint8Array | undefined, bigint, boolean]
const decodeCall = (b: Uint8Array) => Result.flatMap(Result.mapError(decodeCbor(b), (e) => ({ message: e.message })), (v) => {
  const [to, method, params, value, readOnly] = v as [Uint8Array, bigint, Uint8Array | null, bigint, boolean]
  return Result.map(Result.mapError(addressFromBytes(to), (e) => ({ message: e.message })),
    (a): CallArgs => [a, BigInt(method), params ?? undefined, BigInt(value), readOnly])
})
const decodeInt = (b: Uint8Array) => Result.map(Result.mapError(decodeCbor(b), (e) => ({ message: e.message })), (v) => Number(v))

/** Bumps the probe's count in a transaction and returns the new count. */
const bump = (rt: Runtime<Probe>) => Result.map(rt.transaction((st) => Result.succeed({ count: st.count + 1n })), (st) => st.count)

/**
 * A test actor: Bump (2) counts and returns the count; Fail (3) fails with the code given; Call
 * (4) sends as told, counts, and returns `[exit code, return]` of the callee; Recurse (5) sends
 * itself Recurse; Delete (6) deletes itself; CallThenFail (7) sends as told, then fails 18;
 * Forward (8) sends as told and fails as `extract_send_result` says, or returns the callee's return.
 */
const ProbeActor: ActorCode<Probe> = actorDispatch<Probe>("probe", [
  [2n, noParams(function* (rt) {
    return Result.map(bump(rt), (count) => ({ return: encodeCbor(count) }))
  })],
  [3n, withParams(decodeInt, function* (_, __, code) {
    return Result.fail(actorError("ProbeFailed", code, `probe fails with ${code}`))
  })],
  [4n, withParams(decodeCall, function* (rt, _, [to, method, params, value, readOnly]) {
    const sent = yield* rt.send(to, method, params, value, { readOnly })
    if (Result.isFailure(sent)) return Result.fail(sendErrorToActorError(sent.failure))
    return Result.map(bump(rt), () => ({ return: encodeCbor([sent.success.exitCode, sent.success.return ?? null]) }))
  })],
  [5n, noParams(function* (rt) {
    return Result.map(extractSendResult(yield* rt.send(idAddress(rt.receiver), 5n, undefined, 0n)), () => ({}))
  })],
  [6n, noParams(function* (rt) {
    return Result.map(rt.deleteActor(), () => ({}))
  })],
  [7n, withParams(decodeCall, function* (rt, _, [to, method, params, value, readOnly]) {
    yield* rt.send(to, method, params, value, { readOnly })
    return Result.fail(actorError("ProbeFailed", 18, "fails after its send"))
  })],
  [8n, withParams(decodeCall, function* (rt, _, [to, method, params, value, readOnly]) {
    return Result.map(extractSendResult(yield* rt.send(to, method, params, value, { readOnly })), (ret) => (ret === undefined ? {} : { return: ret }))
  })]
])

const alice = keyFromSeed(1, "runtime alice")
const P = 101n
const Q = 102n

/** Alice (f0100, 1000) and two probes: P (f0101, 50) and Q (f0102, 0), on a chain that runs the probe. */
const world = (): VmState => chainWithActors([erase(ProbeActor)], alice.address, [
  { id: P, kind: "probe", state: { count: 0n }, balance: 50n },
  { id: Q, kind: "probe", state: { count: 0n } }
])
const countOf = (vm: VmState, id: ActorId): bigint | undefined => (vm.actors.get(id)?.state as Probe | undefined)?.count
const call = (vm: VmState, to: ActorId, method: bigint, params: Uint8Array, value = 0n) =>
  send(vm, { from: alice.address, to: idAddress(to), value, method, params })
/** Params of Call: P sends `method` to `to` with `params` and `value`. */
const callParams = (to: Address, method: bigint, params: Uint8Array | undefined, value: bigint, readOnly = false) =>
  encodeCbor([addressToBytes(to), method, params ?? null, value, readOnly])
const answer = (ret: Uint8Array): [bigint, Uint8Array | null] => {
  const [code, ret2] = Result.getOrThrow(decodeCbor(ret)) as [number | bigint, Uint8Array | null]
  return [BigInt(code), ret2]
}

describe("a send runs the callee in its own frame", () => {
  it("the callee's return value comes back and its state change persists with the caller's", () => {
    const vm = world()
    const r = call(vm, P, 4n, callParams(idAddress(Q), 2n, undefined, 10n))
    expect(r.receipt.exitCode).toBe(0)
    // Q answered 0 with CBOR(1) = 0x01
    expect(answer(r.receipt.return)).toEqual([0n, Uint8Array.of(0x01)])
    expect(countOf(r.vm, Q)).toBe(1n)
    expect(countOf(r.vm, P)).toBe(1n)
    expect(r.vm.actors.get(Q)?.balance).toBe(10n)
    expect(r.vm.actors.get(P)?.balance).toBe(40n)
  })

  // call_manager/default.rs:245-263 (with_transaction) and kernel/default.rs:156: a callee that
  // exits non-zero is reverted, value transfer included; the caller goes on.
  it("a failed callee's changes and value transfer are undone; the caller sees its exit code and goes on", () => {
    const vm = world()
    const r = call(vm, P, 4n, callParams(idAddress(Q), 3n, encodeCbor(19), 10n))
    expect(r.receipt.exitCode).toBe(0)
    expect(answer(r.receipt.return)[0]).toBe(19n)
    expect(r.vm.actors.get(Q)).toEqual(vm.actors.get(Q))
    expect(r.vm.actors.get(P)?.balance).toBe(50n)
    expect(countOf(r.vm, P)).toBe(1n)
  })

  it("a frame that fails undoes the sends it made before: the message fails, nothing changed but the nonce", () => {
    const vm = world()
    // P bumps Q (which succeeds), then P fails 18
    expectRejected(vm, call(vm, P, 7n, callParams(idAddress(Q), 2n, undefined, 5n)), alice.address, { tag: "ProbeFailed", exitCode: 18 })
  })

  it("a nested frame's changes are undone with its failed parent, while the grandparent goes on", () => {
    const vm = world()
    // P calls Q.CallThenFail, in which Q bumps P (P's count 1 inside) and then fails: Q's frame is
    // undone with the bump in it; P reads its state again (0) and counts once.
    const r = call(vm, P, 4n, callParams(idAddress(Q), 7n, callParams(idAddress(P), 2n, undefined, 0n), 0n))
    expect(r.receipt.exitCode).toBe(0)
    expect(answer(r.receipt.return)[0]).toBe(18n)
    expect(countOf(r.vm, P)).toBe(1n)
    expect(countOf(r.vm, Q)).toBe(0n)
  })

  // ref-fvm fvm/src/syscalls/vm.rs `exit`: an actor exiting with a system code exits 9
  // SYS_ILLEGAL_EXIT_CODE.  builtin-actors actor_error.rs:34-47 (`checked`) maps what a callee
  // exited with: 9 (like 4 and 11) → 23, other system codes → 24, user codes pass.
  it.each([
    { code: 5, exits: 9, mapped: 23 },
    { code: 16, exits: 16, mapped: 16 },
    { code: 33, exits: 33, mapped: 33 }
  ])("a callee failing with $code exits $exits; a caller going through extract_send_result fails $mapped", ({ code, exits, mapped }) => {
    const vm = world()
    expect(call(vm, Q, 3n, encodeCbor(code)).receipt.exitCode).toBe(exits)
    expect(answer(call(vm, P, 4n, callParams(idAddress(Q), 3n, encodeCbor(code), 0n)).receipt.return)[0]).toBe(BigInt(exits))
    expect(call(vm, P, 8n, callParams(idAddress(Q), 3n, encodeCbor(code), 0n)).receipt.exitCode).toBe(mapped)
  })

  it("checkedExitCode: 4, 9, 11 → 23; 1-3, 5-8, 10, 12-15 → 24; 16 and above pass (actor_error.rs:35-45)", () => {
    for (let c = 1; c < 16; c++) expect(checkedExitCode(c), `code ${c}`).toBe(c === 4 || c === 9 || c === 11 ? 23 : 24)
    for (const c of [16, 21, 25, 32, 1000]) expect(checkedExitCode(c)).toBe(c)
  })

  it("Forward returns the callee's return value as its own", () => {
    const vm = world()
    expect(call(vm, P, 8n, callParams(idAddress(Q), 2n, undefined, 0n)).receipt).toEqual({ exitCode: 0, return: encodeCbor(1n) })
  })

  // call_manager/default.rs:944-948: past the machine's call depth a send is a LimitExceeded
  // syscall error, which builtin-actors turns into 24 (shared.rs:122-125); every frame is undone.
  // A reduced depth (50) reaches the same rule with fewer frames.
  it("unbounded recursion stops at the call depth: 24, nothing changed but the nonce", () => {
    const vm = world()
    const r = applyMessage(vm, { from: alice.address, to: idAddress(P), nonce: 0n, value: 0n, method: 5n, params: new Uint8Array() }, { maxCallDepth: 50 })
    expectRejected(vm, r, alice.address, { tag: "LimitExceeded", exitCode: 24 })
  })

  // The same at the network's depth of 1024: the calls run on the call manager's explicit stack,
  // so the limit is reached (see depth.test.ts).
  it("unbounded recursion at the network's call depth (1024) stops there: 24, nothing changed but the nonce", () => {
    const vm = world()
    expectRejected(vm, call(vm, P, 5n, new Uint8Array()), alice.address, { tag: "LimitExceeded", exitCode: 24 })
  })
})

describe("read-only frames", () => {
  // kernel/default.rs:320-325 set_root in read-only → builtin-actors StateUpdateError::ReadOnly → 25
  it("a read-only callee that writes its state exits 25 and changes nothing", () => {
    const vm = world()
    const r = call(vm, P, 4n, callParams(idAddress(Q), 2n, undefined, 0n, true))
    expect(r.receipt.exitCode).toBe(0)
    expect(answer(r.receipt.return)).toEqual([25n, null])
    expect(r.vm.actors.get(Q)).toEqual(vm.actors.get(Q))
  })

  // kernel/default.rs:139-141: no value in a read-only send; builtin-actors shared.rs:126-129 → 25
  it("a read-only send with value is a ReadOnly syscall error: the caller fails 25", () => {
    const vm = world()
    expectRejected(vm, call(vm, P, 4n, callParams(idAddress(Q), 2n, undefined, 1n, true)), alice.address, { tag: "ReadOnly", exitCode: 25 })
  })

  // call_manager/default.rs:626-629: no account is created in a read-only call
  it("a read-only send to a new key address creates nothing: 25", () => {
    const vm = world()
    const newcomer = keyFromSeed(1, "runtime newcomer").address
    const r = call(vm, P, 4n, callParams(newcomer, 0n, undefined, 0n, true))
    expectRejected(vm, r, alice.address, { tag: "ReadOnly", exitCode: 25 })
    expect(resolveAddress(r.vm, newcomer)).toBeUndefined()
  })

  // kernel/default.rs:353-356 self_destruct in read-only → builtin-actors ActorDeleteError → 16
  it("a read-only callee that deletes itself exits 16 and still exists", () => {
    const vm = world()
    const r = call(vm, P, 4n, callParams(idAddress(Q), 6n, undefined, 0n, true))
    expect(r.receipt.exitCode).toBe(0)
    expect(answer(r.receipt.return)).toEqual([16n, null])
    expect(r.vm.actors.get(Q)).toEqual(vm.actors.get(Q))
  })
})

describe("receivers", () => {
  // call_manager/default.rs:669-671: the receiver is looked up before the transfer, even for 0
  it("a zero-value send to an ID address with no actor fails NotFound → the caller fails 23", () => {
    const vm = world()
    expectRejected(vm, call(vm, P, 4n, callParams(idAddress(999n), 0n, undefined, 0n)), alice.address, { tag: "ReceiverNotFound", exitCode: 23 })
  })

  it("a zero-value message to an ID address with no actor → 5 SYS_INVALID_RECEIVER (executor/default.rs:221)", () => {
    const vm = world()
    expectRejected(vm, send(vm, { from: alice.address, to: idAddress(999n), value: 0n, method: 0n, params: new Uint8Array() }), alice.address, { tag: "InvalidReceiver", exitCode: 5 })
  })

  // call_manager/default.rs:635-640 and 600-606: a new f4 address in the EAM's namespace (10) gets
  // a placeholder, with the f4 address as its delegated address and no state.
  it("a send to a new f4 address in namespace 10 creates a placeholder holding the value", () => {
    const vm = world()
    const f4 = Result.getOrThrow(newDelegatedAddress(10n, new Uint8Array(20).fill(0xee)))
    const r = send(vm, { from: alice.address, to: f4, value: 7n, method: 0n, params: new Uint8Array() })
    expect(r.receipt.exitCode).toBe(0)
    const id = resolveAddress(r.vm, f4)!
    expect(id).toBe(103n)
    expect(r.vm.actors.get(id)).toEqual({ kind: PLACEHOLDER_KIND, balance: 7n, state: null, robust: f4, sequence: 0n })
    // every method of a placeholder succeeds with no return (actors/placeholder/src/lib.rs)
    expect(send(r.vm, { from: alice.address, to: f4, value: 0n, method: 42n, params: Uint8Array.of(1) }).receipt).toEqual({ exitCode: 0, return: new Uint8Array() })
  })

  it("a send to a new f4 address in another namespace cannot create anything: 5", () => {
    const vm = world()
    const f4 = Result.getOrThrow(newDelegatedAddress(32n, new Uint8Array(20).fill(0xee)))
    expectRejected(vm, send(vm, { from: alice.address, to: f4, value: 1n, method: 0n, params: new Uint8Array() }), alice.address, { tag: "InvalidReceiver", exitCode: 5 })
  })

  // call_manager/default.rs:563-567: never an account for the BLS zero key; an IllegalArgument
  // syscall error is SYS_ASSERTION_FAILED at top level (executor/default.rs:222)
  it("a send to the BLS zero address → 10, no account", () => {
    const vm = world()
    const zero = Result.getOrThrow(newBlsAddress(Uint8Array.of(0xc0, ...new Uint8Array(47))))
    const r = send(vm, { from: alice.address, to: zero, value: 1n, method: 0n, params: new Uint8Array() })
    expectRejected(vm, r, alice.address, { tag: "IllegalArgument", exitCode: 10 })
  })
})

describe("the registry", () => {
  it("must hold the codes the VM itself creates or calls", () => {
    expect(() => actorRegistry([erase(ProbeActor)])).toThrow(/system/)
    expect(() => actorRegistry([...builtinActors().codes.values(), erase(ProbeActor), erase(ProbeActor)])).toThrow(/share a name/)
  })

  it("an actor whose code the registry lacks cannot be called: 5 at top level", () => {
    const vm = { ...world(), registry: builtinActors() }
    expectRejected(vm, call(vm, P, 2n, new Uint8Array()), alice.address, { tag: "InvalidReceiver", exitCode: 5 })
  })
})
