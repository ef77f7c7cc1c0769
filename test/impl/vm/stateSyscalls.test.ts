/**
 * The state syscalls an actor writes its state with, and their exit codes, from builtin-actors @
 * v18.0.0 and ref-fvm @ fvm@v4.8.2:
 * - `Runtime::create` (`runtime/src/runtime/mod.rs:131-142`): only while the state is empty, else
 *   20 "failed to create state".
 * - `Runtime::state` (mod.rs:145-151): after the actor deleted itself, `root` fails → StateReadError
 *   → 20 (`runtime/src/actor_error.rs`).
 * - `FvmRuntime::transaction` (`runtime/src/runtime/fvm.rs:290-316`): no state root (deleted) → 16;
 *   a closure that fails writes nothing; the write is `set_root`, which a read-only frame refuses
 *   (`fvm/src/kernel/default.rs:320-325`) → StateUpdateError::ReadOnly → 25.
 * - `FvmRuntime::delete_actor` (fvm.rs:360-367): 24 "delete_actor is not allowed during transaction".
 * - A write is seen by the writer's later reads in the same frame, before the method returns.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { actorDispatch, actorError, noParams } from "../../../src/impl/actors/dispatch.js"
import { erase } from "../../../src/impl/actors/erase.js"
import { extractSendResult } from "../../../src/impl/actors/shared.js"
import { idAddress } from "../../../src/impl/address/address.js"
import { keyFromSeed } from "../../../src/impl/crypto/keys.js"
import { encodeCbor } from "../../../src/impl/encoding/cbor.js"
import type { ActorCode, ActorError, Outcome, VmState } from "../../../src/impl/vm/interface.js"
import { send } from "../../../src/impl/vm/vm.js"
import { chainWithActors } from "./_testChain.js"
import { expectRejected } from "../actors/_chain.js"

interface Cell { readonly value: bigint }

const asOutcome = (r: Result.Result<unknown, ActorError>): Result.Result<Outcome, ActorError> => Result.map(r, () => ({}))

const M = {
  CreateAgain: 2n, FailedTransaction: 3n, WriteThenRead: 4n, DeleteThenRead: 5n, DeleteThenTransact: 6n,
  DeleteInTransaction: 7n, ReadOnlyCreateOfSelf: 8n, Write: 9n
} as const

/** A one-cell actor whose methods each exercise one rule (see the module comment). */
const CellActor: ActorCode<Cell> = actorDispatch<Cell>("cell", [
  [M.CreateAgain, noParams(function* (rt) {
    return asOutcome(rt.create({ value: 1n }))
  })],
  [M.FailedTransaction, noParams(function* (rt) {
    const failed = rt.transaction(() => Result.fail(actorError("Refused", 19, "the closure fails")))
    // the failed closure wrote nothing: the state is still the one the method was called with
    return Result.flatMap(rt.state(), (st) => (Result.isFailure(failed) ? Result.succeed({ return: encodeCbor(st.value) }) : Result.fail(actorError("Unexpected", 24, "closure succeeded"))))
  })],
  [M.WriteThenRead, noParams(function* (rt) {
    const written = rt.transaction((st) => Result.succeed({ value: st.value + 5n }))
    if (Result.isFailure(written)) return Result.fail(written.failure)
    return Result.map(rt.state(), (st) => ({ return: encodeCbor(st.value) }))
  })],
  [M.DeleteThenRead, noParams(function* (rt) {
    const deleted = rt.deleteActor()
    if (Result.isFailure(deleted)) return Result.fail(deleted.failure)
    return asOutcome(rt.state())
  })],
  [M.DeleteThenTransact, noParams(function* (rt) {
    const deleted = rt.deleteActor()
    if (Result.isFailure(deleted)) return Result.fail(deleted.failure)
    return asOutcome(rt.transaction((st) => Result.succeed(st)))
  })],
  [M.DeleteInTransaction, noParams(function* (rt) {
    return asOutcome(rt.transaction((st) => Result.map(rt.deleteActor(), () => st)))
  })],
  [M.ReadOnlyCreateOfSelf, noParams(function* (rt) {
    // a read-only call back into itself, whose Write is refused
    return Result.map(extractSendResult(yield* rt.send(idAddress(rt.receiver), M.Write, undefined, 0n, { readOnly: true })), () => ({}))
  })],
  [M.Write, noParams(function* (rt) {
    return asOutcome(rt.transaction((st) => Result.succeed({ value: st.value + 1n })))
  })]
])

const alice = keyFromSeed(1, "state syscalls alice")
const CELL = 101n
const world = (): VmState => chainWithActors([erase(CellActor)], alice.address, [{ id: CELL, kind: "cell", state: { value: 7n } }])
const call = (vm: VmState, method: bigint) => send(vm, { from: alice.address, to: idAddress(CELL), value: 0n, method, params: new Uint8Array() })

describe("state syscalls", () => {
  it("create on an actor that has state → 20", () => {
    const vm = world()
    expectRejected(vm, call(vm, M.CreateAgain), alice.address, { tag: "StateExists", exitCode: 20 })
  })

  it("a transaction whose closure fails writes nothing", () => {
    const r = call(world(), M.FailedTransaction)
    expect(r.receipt).toEqual({ exitCode: 0, return: encodeCbor(7n) })
    expect(r.vm.actors.get(CELL)?.state).toEqual({ value: 7n })
  })

  it("a write is read back at once in the same frame, and stays when the method succeeds", () => {
    const r = call(world(), M.WriteThenRead)
    expect(r.receipt).toEqual({ exitCode: 0, return: encodeCbor(12n) })
    expect(r.vm.actors.get(CELL)?.state).toEqual({ value: 12n })
  })

  it("state() after the actor deleted itself → 20; the deletion is undone with the failed message", () => {
    const vm = world()
    expectRejected(vm, call(vm, M.DeleteThenRead), alice.address, { tag: "ActorDeleted", exitCode: 20 })
  })

  it("a transaction after the actor deleted itself → 16", () => {
    const vm = world()
    expectRejected(vm, call(vm, M.DeleteThenTransact), alice.address, { tag: "ActorDeleted", exitCode: 16 })
  })

  it("delete_actor inside a transaction → 24", () => {
    const vm = world()
    expectRejected(vm, call(vm, M.DeleteInTransaction), alice.address, { tag: "DeleteInTransaction", exitCode: 24 })
  })

  it("a read-only frame's transaction is refused: 25, passed on by extract_send_result", () => {
    const vm = world()
    expectRejected(vm, call(vm, M.ReadOnlyCreateOfSelf), alice.address, { tag: "StateReadOnly", exitCode: 25 })
  })
})

