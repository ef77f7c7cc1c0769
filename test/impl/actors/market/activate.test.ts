import { sha256 } from "@noble/hashes/sha2.js"
import { Result } from "effect"
import { CID } from "multiformats/cid"
import * as Digest from "multiformats/hashes/digest"
import { describe, expect, it } from "vitest"
import { MarketMethod } from "../../../../src/impl/actors/market/index.js"
import {
  decodeUnsealedCids, encodeBatchActivateDealsParams, encodeVerifyDealsForActivationParams, type SectorDeals
} from "../../../../src/impl/actors/market/params.js"
import { idAddress } from "../../../../src/impl/address/address.js"
import { decodeCbor, encodeCbor } from "../../../../src/impl/encoding/cbor.js"
import { ExitCode } from "../../../../src/impl/vm/exitcode.js"
import type { VmState } from "../../../../src/impl/vm/interface.js"
import { atEpoch, send } from "../../../../src/impl/vm/vm.js"
import { expectRejected, ok } from "../_chain.js"
import { createdMiner, createMiner, createMinerParams } from "../_storage.js"
import { call, CLIENT_ID, DURATION, FORWARD, fromMiner, fund, makeMarketWorld, marketState, MINER_ID, piece, proposal, publish, START } from "./_market.js"

const { USR_ILLEGAL_ARGUMENT, USR_FORBIDDEN, USR_NOT_FOUND, USR_ILLEGAL_STATE } = ExitCode
const EX_DEAL_EXPIRED = 32
const w = makeMarketWorld()
const published = ok(publish(fund(w.vm, w), w, [proposal(w)]))
/** StackedDRG2KiBV1P1 = 5 (fvm_shared RegisteredSealProof), a 2 KiB sector. */
const SECTOR_2KIB = 5n
const sector = (s: Partial<SectorDeals> = {}): SectorDeals => ({ sectorNumber: 1n, sectorType: SECTOR_2KIB, sectorExpiry: START + DURATION, dealIds: [0n], ...s })

/**
 * CommD of a 2 KiB sector holding one 128-byte piece at offset 0, derived here with @noble/hashes:
 * node = sha256(left ‖ right) with the top two bits of the last byte cleared (trunc254); the piece
 * is the node at height 2; its siblings up to the root (height 6) are the zero nodes of heights 2–5.
 */
const expectedCommD = (commP: Uint8Array): CID => {
  const h = (a: Uint8Array, b: Uint8Array) => {
    const d = sha256(new Uint8Array([...a, ...b]))
    d[31]! &= 0x3f
    return d
  }
  const zero: Array<Uint8Array> = [new Uint8Array(32)]
  for (let i = 1; i < 6; i++) zero.push(h(zero[i - 1]!, zero[i - 1]!))
  let node = commP
  for (let height = 2; height < 6; height++) node = h(node, zero[height]!)
  return CID.createV1(0xf101, Digest.create(0x1012, node))
}

/** A second miner (f0106), owned by the same owner. */
const withOtherMiner = (vm: VmState): VmState => {
  const r = createMiner(vm, w.owner.address, createMinerParams(w), 10n ** 18n)
  expect(createdMiner(r).idAddress).toEqual(idAddress(106n))
  return r.vm
}

describe("VerifyDealsForActivation", () => {
  it("returns the sector's unsealed CID, derived independently (see expectedCommD)", () => {
    const r = fromMiner(published, w, MarketMethod.VerifyDealsForActivation, encodeVerifyDealsForActivationParams([sector()]))
    ok(r)
    expect(Result.getOrThrow(decodeUnsealedCids(r.receipt.return))[0]!.toString()).toBe(expectedCommD(piece(1).commP).toString())
  })

  it("the layout follows the deals' order: [128-byte A, 256-byte B] and [B, A] give the CommDs derived by hand", () => {
    const b = piece(2, 254)
    const vm = ok(publish(published, w, [proposal(w, { pieceCid: b.cid, pieceSize: 256n })]))
    const h = (x: Uint8Array, y: Uint8Array) => {
      const d = sha256(new Uint8Array([...x, ...y]))
      d[31]! &= 0x3f
      return d
    }
    const z: Array<Uint8Array> = [new Uint8Array(32)]
    for (let i = 1; i < 6; i++) z.push(h(z[i - 1]!, z[i - 1]!))
    const a = piece(1).commP
    // [A, B]: A @0 (height 2), zero 128 @128, B @256 (height 3), zero 512 @512, zero 1024 @1024
    const ab = h(h(h(h(a, z[2]!), b.commP), z[4]!), z[5]!)
    // [B, A]: B @0, A @256, zero 128 @384, zero 512 @512, zero 1024 @1024
    const ba = h(h(h(b.commP, h(a, z[2]!)), z[4]!), z[5]!)
    const cids = (ids: Array<bigint>) => {
      const r = fromMiner(vm, w, MarketMethod.VerifyDealsForActivation, encodeVerifyDealsForActivationParams([sector({ dealIds: ids })]))
      ok(r)
      return Result.getOrThrow(decodeUnsealedCids(r.receipt.return))[0]!.toString()
    }
    expect(cids([0n, 1n])).toBe(CID.createV1(0xf101, Digest.create(0x1012, ab)).toString())
    expect(cids([1n, 0n])).toBe(CID.createV1(0xf101, Digest.create(0x1012, ba)).toString())
  })

  it("a sector with no deals gets null: [[null]] = 81 81 f6", () => {
    const r = fromMiner(published, w, MarketMethod.VerifyDealsForActivation, encodeVerifyDealsForActivationParams([sector({ dealIds: [] })]))
    ok(r)
    expect(Buffer.from(r.receipt.return).toString("hex")).toBe("8181f6")
  })

  it("a caller that is not a miner fails 18 CallerIsMiner", () => {
    const r = call(published, w.worker.address, MarketMethod.VerifyDealsForActivation, encodeVerifyDealsForActivationParams([sector()]))
    expectRejected(published, r, w.worker.address, { tag: "CallerIsMiner", exitCode: USR_FORBIDDEN })
  })

  const twoKib = ok(publish(published, w, [proposal(w, { pieceSize: 2048n, startEpoch: START + 1n, endEpoch: START + 1n + DURATION })]))
  it.each<[string, VmState, SectorDeals, string, number]>([
    ["a deal id twice", published, sector({ dealIds: [0n, 0n] }), "DealIdsUnique", USR_ILLEGAL_ARGUMENT],
    ["a deal never published", published, sector({ dealIds: [7n] }), "DealPublished", USR_NOT_FOUND],
    ["an unknown sector type", published, sector({ sectorType: 20n }), "SectorTypeKnown", USR_ILLEGAL_ARGUMENT],
    ["a deal ending after the sector", published, sector({ sectorExpiry: START + DURATION - 1n }), "EndWithinSectorExpiry", USR_ILLEGAL_ARGUMENT],
    ["a deal whose start has passed", atEpoch(published, START + 1n), sector(), "StartNotPassed", EX_DEAL_EXPIRED],
    ["deals larger than the sector (128 + 2048 > 2048)", twoKib, sector({ dealIds: [0n, 1n], sectorExpiry: START + DURATION + 1n }), "DealsFitSector", USR_ILLEGAL_ARGUMENT]
  ])("%s fails and changes nothing", (_, vm, s, tag, exitCode) => {
    expectRejected(vm, fromMiner(vm, w, MarketMethod.VerifyDealsForActivation, encodeVerifyDealsForActivationParams([s])), w.worker.address, { tag, exitCode })
  })

  it("another miner fails 18 CallerIsDealProvider", () => {
    const vm = withOtherMiner(published)
    const forwarded = sendForward(vm, 106n, MarketMethod.VerifyDealsForActivation, encodeVerifyDealsForActivationParams([sector()]))
    expectRejected(vm, forwarded, w.worker.address, { tag: "CallerIsDealProvider", exitCode: USR_FORBIDDEN })
  })
})

/** The worker forwards market `method` through miner `id`. */
const sendForward = (vm: VmState, id: bigint, method: bigint, params: Uint8Array) =>
  send(vm, { from: w.worker.address, to: idAddress(id), value: 0n, method: FORWARD, params: encodeCbor([method, params]) })

/** Reads a batch return `[success_count, [[idx, code]…]]` from BatchActivateDeals' return. */
const batchCodes = (ret: Uint8Array): { success: number; fails: Array<[number, number]> } => {
  const v = Result.getOrThrow(decodeCbor(ret)) as [[number, Array<[number, number]>], unknown]
  return { success: v[0][0], fails: v[0][1] }
}

describe("BatchActivateDeals", () => {
  const activate = (vm: VmState, sectors: ReadonlyArray<SectorDeals>, computeCid = true) =>
    fromMiner(vm, w, MarketMethod.BatchActivateDeals, encodeBatchActivateDealsParams({ sectors, computeCid }))
  const r = activate(published, [sector()])
  const active = ok(r)

  it("activates: the deal's state (sector 1, activated now, never updated nor slashed, nothing paid, the sector's CommD)", () => {
    expect(marketState(active).states.get(0n)).toEqual({
      sectorNumber: 1n, sectorStartEpoch: 0n, lastUpdatedEpoch: -1n, slashEpoch: -1n, paid: 0n,
      unsealed: { cid: expectedCommD(piece(1).commP), sectorSize: 2048n }
    })
    expect(batchCodes(r.receipt.return)).toEqual({ success: 1, fails: [] })
  })

  it("returns [[client, allocation 0, piece, size]] and the unsealed CID; keeps that CID with the deal, the sector's deal ids as upstream", () => {
    const v = Result.getOrThrow(decodeCbor(r.receipt.return)) as [unknown, Array<[Array<[number, number, CID, number]>, CID]>]
    const [[activated, cid]] = v[1] as [[Array<[number, number, CID, number]>, CID]]
    expect(activated.map(([c, a, d, s]) => [c, a, d.toString(), s])).toEqual([[Number(CLIENT_ID), 0, piece(1).cid.toString(), 128]])
    expect(cid.toString()).toBe(expectedCommD(piece(1).commP).toString())
    expect(marketState(active).states.get(0n)?.unsealed?.cid.toString()).toBe(cid.toString())
    expect(marketState(active).providerSectors.get(MINER_ID)?.get(1n)).toEqual([0n])
  })

  it("without compute_cid the return has no CID, but the sector's CommD is still kept with the deal", () => {
    const r2 = activate(published, [sector()], false)
    const v = Result.getOrThrow(decodeCbor(r2.receipt.return)) as [unknown, Array<[unknown, CID | null]>]
    expect(v[1][0]![1]).toBeNull()
    expect(marketState(ok(r2)).states.get(0n)?.unsealed?.cid.toString()).toBe(expectedCommD(piece(1).commP).toString())
  })

  it("two activations into one sector number: each deal keeps the CommD of its own call's deals; the sector lists both", () => {
    const two = ok(publish(fund(w.vm, w), w, [proposal(w), proposal(w, { pieceCid: piece(2).cid })]))
    const first = ok(activate(two, [sector({ dealIds: [0n] })]))
    const second = ok(activate(first, [sector({ dealIds: [1n] })]))
    const st = marketState(second)
    // each a 2 KiB sector holding only its deal's 128-byte piece at offset 0 (expectedCommD, by hand)
    expect(st.states.get(0n)?.unsealed).toEqual({ cid: expectedCommD(piece(1).commP), sectorSize: 2048n })
    expect(st.states.get(1n)?.unsealed).toEqual({ cid: expectedCommD(piece(2).commP), sectorSize: 2048n })
    expect(st.providerSectors.get(MINER_ID)?.get(1n)).toEqual([0n, 1n])
  })

  it("a sector of an unknown seal proof without compute_cid activates, its deal with no CommD (null)", () => {
    const r2 = activate(published, [sector({ sectorType: 20n })], false)
    expect(batchCodes(r2.receipt.return)).toEqual({ success: 1, fails: [] })
    expect(marketState(ok(r2)).states.get(0n)?.unsealed).toBeNull()
  })

  it.each<[string, VmState, SectorDeals, number]>([
    ["an activated deal again", active, sector({ sectorNumber: 2n }), USR_ILLEGAL_ARGUMENT],
    ["a deal never published", published, sector({ dealIds: [7n] }), USR_NOT_FOUND],
    ["a deal id twice in the sector", published, sector({ dealIds: [0n, 0n] }), USR_ILLEGAL_ARGUMENT],
    ["a deal whose start has passed", atEpoch(published, START + 1n), sector(), EX_DEAL_EXPIRED],
    ["a sector expiring before the deal's end", published, sector({ sectorExpiry: START }), USR_ILLEGAL_ARGUMENT]
  ])("%s fails its sector (the message succeeds, no state changes)", (_, vm, s, code) => {
    const r2 = activate(vm, [s])
    expect(batchCodes(r2.receipt.return)).toEqual({ success: 0, fails: [[0, code]] })
    expect(marketState(ok(r2))).toEqual(marketState(vm))
  })

  it("a deal in two sectors of one batch: the second sector fails 16, the first activates", () => {
    const r2 = activate(published, [sector(), sector({ sectorNumber: 2n })])
    expect(batchCodes(r2.receipt.return)).toEqual({ success: 1, fails: [[1, USR_ILLEGAL_ARGUMENT]] })
  })

  it("another miner fails the sector 18 (CallerIsDealProvider)", () => {
    const vm = withOtherMiner(published)
    const r2 = sendForward(vm, 106n, MarketMethod.BatchActivateDeals, encodeBatchActivateDealsParams({ sectors: [sector()], computeCid: true }))
    expect(batchCodes(r2.receipt.return)).toEqual({ success: 0, fails: [[0, USR_FORBIDDEN]] })
  })

  it("a deal not pending (an internal invariant broken by hand) fails its sector 20", () => {
    const st = marketState(published)
    const broken: VmState = { ...published, actors: new Map(published.actors).set(5n, { ...published.actors.get(5n)!, state: { ...st, pendingProposals: new Set() } }) }
    expect(batchCodes(activate(broken, [sector()]).receipt.return)).toEqual({ success: 0, fails: [[0, USR_ILLEGAL_STATE]] })
  })

  it("a caller that is not a miner fails 18 CallerIsMiner", () => {
    const r2 = call(published, w.worker.address, MarketMethod.BatchActivateDeals, encodeBatchActivateDealsParams({ sectors: [sector()], computeCid: true }))
    expectRejected(published, r2, w.worker.address, { tag: "CallerIsMiner", exitCode: USR_FORBIDDEN })
  })
})
