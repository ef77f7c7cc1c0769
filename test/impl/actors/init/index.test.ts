/**
 * The Init actor (builtin-actors `actors/init/src/lib.rs` @ v18.0.0): Exec (2) with ExecParams
 * `[code CID, constructor params bytes]` allocates the next id and a robust (f2) address, creates
 * the actor, sends its constructor the params and the message's value, and returns ExecReturn
 * `[id address, robust address]`.  Only a payment channel may be created here (18 otherwise);
 * no params → 16; malformed params → 21; Exec4 (3) is the EAM's only → 18; other methods → 22.
 */
import { blake2b } from "@noble/hashes/blake2.js"
import { Result } from "effect"
import { CID } from "multiformats/cid"
import { identity } from "multiformats/hashes/identity"
import { describe, expect, it } from "vitest"
import { codeCid, encodeExecParams, InitActor, InitMethod } from "../../../../src/impl/actors/init/index.js"
import { channelFromReceipt, createChannelMessage } from "../../../../src/impl/actors/paych/messages.js"
import { encodeConstructorParams } from "../../../../src/impl/actors/paych/types.js"
import { addressToBytes, idAddress, newActorAddress } from "../../../../src/impl/address/address.js"
import { decodeCbor, encodeCbor } from "../../../../src/impl/encoding/cbor.js"
import type { Address } from "../../../../src/impl/address/interface.js"
import type { ActorError, ActorKind, Outcome, Runtime, Sends, VmState } from "../../../../src/impl/vm/interface.js"
import { resolveAddress, send } from "../../../../src/impl/vm/vm.js"
import { type Chain, CHANNEL_ID, expectRejected, makeChain, redeem, voucher, withNonceBumped } from "../_chain.js"

const USR_FORBIDDEN = 18
const USR_SERIALIZATION = 21
const USR_UNHANDLED_MESSAGE = 22

const ascii = (s: string) => new TextEncoder().encode(s)

/** What a stub runtime saw Init do. */
interface Seen { created: Array<[ActorKind, bigint]>; sent: Array<{ to: Address; method: bigint; params: Uint8Array | undefined; value: bigint }> }

/**
 * A runtime for calling the Init actor directly: the caller has the kind given, the next id is
 * 555; sends are answered by {@link run}.
 */
const stubRuntime = (callerKind: ActorKind | undefined, seen: Seen = { created: [], sent: [] }): Runtime<null> => ({
  epoch: 0n, caller: 100n, receiver: 1n, valueReceived: 7n, readOnly: false, currentBalance: () => 7n, totalFilCircSupply: () => 0n,
  resolveAddress: () => undefined, actorKind: (id) => (id === 100n ? callerKind : undefined), state: () => Result.succeed(null),
  create: () => Result.succeed(undefined), transaction: (f) => f(null), deleteActor: () => Result.succeed(undefined),
  send: function* (to, method, params, value) {
    seen.sent.push({ to, method, params, value })
    return yield { to, method, params, value, readOnly: false }
  },
  newActorAddress: () => newActorAddress(ascii("stub")),
  mapAddressToId: () => Result.succeed({ id: 555n, existing: false }),
  createActor: (kind, id) => {
    seen.created.push([kind, id])
    return Result.succeed(undefined)
  }
})
/** Runs a method invoked directly to its end, answering every send it yields with success and no return. */
const run = (method: Sends<Result.Result<Outcome, ActorError>>): Result.Result<Outcome, ActorError> => {
  let step = method.next()
  while (step.done !== true) step = method.next(Result.succeed({ exitCode: 0, return: undefined }))
  return step.value
}
const ctor = (c: Chain) => encodeConstructorParams({ from: c.from.address, to: c.to.address })
const exec = (vm: VmState, c: Chain, params: Uint8Array, method: bigint = InitMethod.Exec) =>
  send(vm, { from: c.from.address, to: idAddress(1n), value: 10n, method, params })

describe("code CIDs", () => {
  it("are CIDv1, raw codec (0x55), identity multihash (0x00) of `fil/1/<name>` (specs-actors builtin code ids)", () => {
    // 0x01 version ‖ 0x55 raw ‖ 0x00 identity ‖ length 20 ‖ "fil/1/paymentchannel"
    expect(codeCid("paymentchannel").bytes).toEqual(Uint8Array.of(0x01, 0x55, 0x00, 20, ...ascii("fil/1/paymentchannel")))
    expect(codeCid("account").bytes).toEqual(Uint8Array.of(0x01, 0x55, 0x00, 13, ...ascii("fil/1/account")))
  })
})

describe("Exec", () => {
  it("returns [id address, robust address]; the robust address resolves to the new id", () => {
    const c = makeChain()
    const r = exec(c.vm, c, encodeExecParams(codeCid("paymentchannel"), ctor(c)))
    expect(r.receipt.exitCode).toBe(0)
    const [id, robust] = Result.getOrThrow(decodeCbor(r.receipt.return)) as [Uint8Array, Uint8Array]
    // f0104 = 0x00 ‖ LEB128(104) = 0x00 0x68; the robust address is protocol 2 with a 20-byte hash
    expect(id).toEqual(Uint8Array.of(0x00, 0x68))
    expect(robust.length).toBe(21)
    expect(robust[0]).toBe(2)
    // header: array(2), bytes(2), …, bytes(21)
    expect(Array.from(r.receipt.return.slice(0, 5))).toEqual([0x82, 0x42, 0x00, 0x68, 0x55])
    const ch = channelFromReceipt(r.receipt)!
    expect(resolveAddress(r.vm, ch.robust)).toBe(CHANNEL_ID + 1n)
    expect(r.vm.actors.get(CHANNEL_ID + 1n)?.balance).toBe(10n)
  })

  it("the robust address depends on the message nonce: two Execs by one sender differ", () => {
    const c = makeChain()
    const a = exec(c.vm, c, encodeExecParams(codeCid("paymentchannel"), ctor(c)))
    const b = exec(a.vm, c, encodeExecParams(codeCid("paymentchannel"), ctor(c)))
    expect(channelFromReceipt(a.receipt)!.robust).not.toEqual(channelFromReceipt(b.receipt)!.robust)
    expect(resolveAddress(b.vm, channelFromReceipt(a.receipt)!.robust)).toBe(CHANNEL_ID + 1n)
    expect(resolveAddress(b.vm, channelFromReceipt(b.receipt)!.robust)).toBe(CHANNEL_ID + 2n)
  })

  // builtin-actors actors/init/src/lib.rs:96-105 @ v18.0.0: create_actor, then a send of method 1
  // with the constructor params and the value received to the new id address.
  it("called directly: creates the actor, then sends its constructor the params and the value received", () => {
    const params = encodeConstructorParams({ from: idAddress(100n), to: idAddress(101n) })
    const seen: Seen = { created: [], sent: [] }
    const out = run(InitActor.invoke(stubRuntime("account", seen), null, InitMethod.Exec, encodeExecParams(codeCid("paymentchannel"), params)))
    expect(Result.isSuccess(out)).toBe(true)
    if (Result.isFailure(out)) return
    expect(seen.created).toEqual([["paymentchannel", 555n]])
    expect(seen.sent).toEqual([{ to: idAddress(555n), method: 1n, params, value: 7n }])
    // [f0555, robust]: f0555 = 0x00 ‖ LEB128(555) = 0x00 0xab 0x04
    expect(out.success.return).toEqual(encodeCbor([Uint8Array.of(0x00, 0xab, 0x04), addressToBytes(newActorAddress(ascii("stub")))]))
  })

  // Empty constructor params are sent as no params (`From<RawBytes> for Option<IpldBlock>`,
  // ref-fvm ipld/encoding/src/ipld_block.rs:83-90 @ fvm@v4.8.2).
  it("empty constructor params are sent as no params", () => {
    const seen: Seen = { created: [], sent: [] }
    const out = run(InitActor.invoke(stubRuntime("account", seen), null, InitMethod.Exec, encodeExecParams(codeCid("paymentchannel"), new Uint8Array())))
    expect(Result.isSuccess(out)).toBe(true)
    expect(seen.sent).toEqual([{ to: idAddress(555n), method: 1n, params: undefined, value: 7n }])
  })

  // builtin-actors `can_exec`: a payment channel may be created by a caller of any kind.
  it.each<ActorKind>(["paymentchannel", "init", "system", "account"])("a caller of kind %s may Exec a payment channel", (kind) => {
    const seen: Seen = { created: [], sent: [] }
    const out = run(InitActor.invoke(stubRuntime(kind, seen), null, InitMethod.Exec, encodeExecParams(codeCid("paymentchannel"), new Uint8Array())))
    expect(Result.isSuccess(out)).toBe(true)
    expect(seen.created).toEqual([["paymentchannel", 555n]])
  })

  // lib.rs:56-59: a caller with no code is 20 USR_ILLEGAL_STATE
  it("a caller with no code → 20", () => {
    const out = run(InitActor.invoke(stubRuntime(undefined), null, InitMethod.Exec, encodeExecParams(codeCid("paymentchannel"), new Uint8Array())))
    expect(Result.isFailure(out) && out.failure.exitCode).toBe(20)
  })

  const failures: ReadonlyArray<{ desc: string; params: (c: Chain) => Uint8Array; want: { tag: string; exitCode: number } }> = [
    { desc: "an unknown code CID", params: (c) => encodeExecParams(CID.createV1(0x55, identity.digest(ascii("fil/1/nonexistent"))), ctor(c)), want: { tag: "CallerMayExec", exitCode: USR_FORBIDDEN } },
    { desc: "the account code CID", params: (c) => encodeExecParams(codeCid("account"), ctor(c)), want: { tag: "CallerMayExec", exitCode: USR_FORBIDDEN } },
    { desc: "the init code CID", params: (c) => encodeExecParams(codeCid("init"), ctor(c)), want: { tag: "CallerMayExec", exitCode: USR_FORBIDDEN } },
    { desc: "params are not CBOR", params: () => Uint8Array.of(0xff, 0xff), want: { tag: "MalformedParams", exitCode: USR_SERIALIZATION } },
    // empty message params reach Init as no params (ref-fvm fvm/src/executor/default.rs:122 @ fvm@v4.8.2):
    // Exec takes params, so 16 (builtin-actors runtime/src/dispatch.rs:244-245 @ v18.0.0)
    { desc: "empty params", params: () => new Uint8Array(), want: { tag: "ExpectsArguments", exitCode: 16 } },
    { desc: "a 1-tuple", params: () => encodeCbor([codeCid("paymentchannel")]), want: { tag: "MalformedParams", exitCode: USR_SERIALIZATION } },
    { desc: "a 3-tuple", params: (c) => encodeCbor([codeCid("paymentchannel"), ctor(c), 1]), want: { tag: "MalformedParams", exitCode: USR_SERIALIZATION } },
    { desc: "the code is bytes, not a CID", params: (c) => encodeCbor([codeCid("paymentchannel").bytes, ctor(c)]), want: { tag: "MalformedParams", exitCode: USR_SERIALIZATION } },
    { desc: "the constructor params are an array, not bytes", params: (c) => encodeCbor([codeCid("paymentchannel"), [addressToBytes(c.from.address), addressToBytes(c.to.address)]]), want: { tag: "MalformedParams", exitCode: USR_SERIALIZATION } }
  ]
  it.each(failures)("$desc → $want.exitCode $want.tag, nothing created", ({ params, want }) => {
    const c = makeChain()
    const r = exec(c.vm, c, params(c))
    expectRejected(c.vm, r, c.from.address, want)
    expect(r.vm.nextId).toBe(CHANNEL_ID + 1n)
  })

  it.each([4n, 5n, 100n])("method %s → 22", (method) => {
    const c = makeChain()
    expectRejected(c.vm, exec(c.vm, c, new Uint8Array(), method), c.from.address, { tag: "UnhandledMessage", exitCode: USR_UNHANDLED_MESSAGE })
  })

  // (Found as a bug and fixed.) builtin-actors' Init Constructor validates that
  // the caller is the System actor (`rt.validate_immediate_caller_is(SYSTEM_ACTOR_ADDR)`), so an
  // account calling method 1 gets 18 USR_FORBIDDEN.
  it("the Constructor (method 1) called by an account → 18 (System only)", () => {
    const c = makeChain()
    // ConstructorParams = [network_name] (actors/init/src/types.rs)
    const r = exec(c.vm, c, encodeCbor(["testnetnet"]), InitMethod.Constructor)
    expect(r.receipt.exitCode).toBe(USR_FORBIDDEN)
    expect(r.vm).toEqual(withNonceBumped(c.vm, c.from.address))
  })

  // The params are decoded before the caller is checked (runtime/src/dispatch.rs:244-246).
  it.each([
    { desc: "Constructor, no params", method: InitMethod.Constructor, params: new Uint8Array(), want: { tag: "ExpectsArguments", exitCode: 16 } },
    { desc: "Constructor, a number for the network name", method: InitMethod.Constructor, params: encodeCbor([7]), want: { tag: "MalformedParams", exitCode: USR_SERIALIZATION } },
    { desc: "Exec4, no params", method: InitMethod.Exec4, params: new Uint8Array(), want: { tag: "ExpectsArguments", exitCode: 16 } },
    { desc: "Exec4, a 2-tuple", method: InitMethod.Exec4, params: encodeCbor([codeCid("paymentchannel"), new Uint8Array()]), want: { tag: "MalformedParams", exitCode: USR_SERIALIZATION } },
    // lib.rs:112: only the EAM (f010) may call Exec4
    { desc: "Exec4 by an account", method: InitMethod.Exec4, params: encodeCbor([codeCid("paymentchannel"), new Uint8Array(), Uint8Array.of(1)]), want: { tag: "CallerIsEam", exitCode: USR_FORBIDDEN } }
  ])("$desc → $want.exitCode $want.tag", ({ method, params, want }) => {
    const c = makeChain()
    expectRejected(c.vm, exec(c.vm, c, params, method), c.from.address, want)
  })

  // (Found as a bug and fixed.) ref-fvm derives the robust address as
  // `Address::new_actor(to_vec(&origin) ‖ nonce.to_be_bytes() ‖ num_actors_created.to_be_bytes())`
  // (fvm/src/call_manager/default.rs next_actor_address; lotus `Runtime.NewActorAddress` uses
  // `oa.MarshalCBOR` likewise): the origin address is CBOR-encoded, i.e. prefixed by its byte-string
  // header.
  it("the robust address is blake2b-160(CBOR(origin) ‖ nonce u64 BE ‖ actors created u64 BE), as ref-fvm", () => {
    const c = makeChain()
    // makeChain's Exec was From's first message (nonce 0) and the first actor it created (0).
    // CBOR(f1 address) = 0x55 (bytes, length 21) ‖ the 21 address bytes.
    const preimage = Uint8Array.of(0x55, ...addressToBytes(c.from.address), ...new Uint8Array(8), ...new Uint8Array(8))
    expect(c.channelRobust.protocol).toBe(2)
    expect(c.channelRobust.payload).toEqual(blake2b(preimage, { dkLen: 20 }))
  })
})

describe("the robust address's origin", () => {
  // ref-fvm fvm/src/call_manager/default.rs:339-354 @ fvm@v4.8.2 hashes the message's `from` as
  // written (executor/default.rs:109 passes `msg.from`), not the sender's key address.
  it("a message sent from the ID address f0100 derives the robust address from CBOR(f0100)", () => {
    const c = makeChain()
    const r = send(c.vm, { ...createChannelMessage(idAddress(100n), c.to.address, 1n) })
    expect(r.receipt.exitCode).toBe(0)
    // From's nonce is 1 (its Exec in makeChain was nonce 0); no actor created before in this message.
    // CBOR(f0100) = 0x42 (bytes, length 2) ‖ 0x00 0x64
    const preimage = Uint8Array.of(0x42, 0x00, 0x64, 0, 0, 0, 0, 0, 0, 0, 1, ...new Uint8Array(8))
    expect(channelFromReceipt(r.receipt)!.robust.payload).toEqual(blake2b(preimage, { dkLen: 20 }))
  })
})
