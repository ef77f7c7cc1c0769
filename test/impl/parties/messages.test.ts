/**
 * The deal messages' bytes (src/impl/parties/messages.ts): every message round-trips through its
 * envelope; one byte layout per message kind is derived by hand below (CBOR heads per RFC 8949 §3,
 * CIDs as tag 42 over `00 ‖ CID bytes` per the DAG-CBOR spec, multicodec codes from the
 * multiformats table: dag-cbor 0x71, blake2b-256 0xb220 = varint a0 e4 02, fil-commitment-unsealed
 * 0xf101 = 81 e2 03, sha2-256-trunc254-padded 0x1012 = 92 20); the nested ClientDealProposal is
 * the market's encoding, compared to `encodeClientDealProposal` (tested against hand-derived bytes
 * in test/impl/actors/market/types.test.ts); and the decoder refuses every malformed variant with
 * a MalformedMessage naming the field.
 */
import { Result } from "effect"
import type { CID } from "multiformats/cid"
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { encodeClientDealProposal, signDealProposal, type ClientDealProposal } from "../../../src/impl/actors/market/types.js"
import { signBytes } from "../../../src/impl/crypto/keys.js"
import { encodeSignature } from "../../../src/impl/crypto/signature.js"
import { cidOfCbor, encodeCbor } from "../../../src/impl/encoding/cbor.js"
import { fromHex, toHex } from "../../../src/impl/encoding/hex.js"
import type { MarketMessage, ProviderMessage } from "../../../src/impl/parties/interface.js"
import {
  decodeMessage, encodeMessage, encodeSigned, isProviderMessage, signingBytes, verifyMessageSignature
} from "../../../src/impl/parties/messages.js"
import { clientKey, failureOf, miner, piece, strangerKey, terms, workerKey } from "./_fixtures.js"

const hex = (s: string) => Result.getOrThrow(fromHex(s.replace(/#.*$/gm, "").replace(/\s+/g, "")))

const cdp: ClientDealProposal = signDealProposal(clientKey, {
  pieceCid: piece.pieceCid, pieceSize: terms.pieceSize, verifiedDeal: false, client: clientKey.address, provider: miner,
  label: terms.label, startEpoch: terms.startEpoch, endEpoch: terms.endEpoch, storagePricePerEpoch: terms.storagePricePerEpoch,
  providerCollateral: 0n, clientCollateral: 0n
})
const proposalCid: CID = cidOfCbor(encodeCbor(["a proposal"]))
const publishCid: CID = cidOfCbor(encodeCbor(["a message"]))
/** The 39 bytes of a dag-cbor blake2b-256 CIDv1: 01 ‖ 71 ‖ a0 e4 02 ‖ 20 ‖ digest. */
const blockCidHex = (c: CID) => `01 71 a0e402 20 ${toHex(c.multihash.digest)}`
const pieceCidHex = `01 81e203 9220 20 ${toHex(piece.pieceCid.multihash.digest)}`

const samples: ReadonlyArray<MarketMessage> = [
  { _tag: "DealProposal", proposal: cdp, piece },
  { _tag: "DealResponse", proposalCid, verdict: { _tag: "Accepted" } },
  ...(["PriceBelowAsk", "PieceSizeOutOfBounds", "DurationOutOfBounds", "ProviderCollateralAboveLimit", "StartEpochTooSoon", "PublishFailed"] as const)
    .map((reason): MarketMessage => ({ _tag: "DealResponse", proposalCid, verdict: { _tag: "Rejected", reason, message: `because ${reason}` } })),
  { _tag: "DealAccepted", proposalCid, dealId: 42n, publishMessageCid: publishCid },
  { _tag: "Deal", proposalCid, status: "Publishing", dealId: null, publishMessageCid: null, proposal: cdp },
  { _tag: "Deal", proposalCid, status: "Published", dealId: (1n << 64n) - 1n, publishMessageCid: publishCid, proposal: cdp },
  { _tag: "Deal", proposalCid, status: "Rejected", dealId: null, publishMessageCid: null, proposal: cdp },
  { _tag: "Deal", proposalCid, status: "Failed", dealId: null, publishMessageCid: publishCid, proposal: cdp },
  { _tag: "StorageDealQuery", ref: { _tag: "ByProposalCid", proposalCid } },
  { _tag: "StorageDealQuery", ref: { _tag: "ByDealId", dealId: 0n } },
  { _tag: "NoSuchDeal", ref: { _tag: "ByProposalCid", proposalCid } },
  { _tag: "NoSuchDeal", ref: { _tag: "ByDealId", dealId: 7n } }
]

const wire = (m: MarketMessage): Uint8Array => (isProviderMessage(m) ? encodeSigned(workerKey, m) : encodeMessage(m, null))

describe("round trip", () => {
  it.each(samples.map((m, i) => [`${i} ${m._tag}`, m] as const))("%s decodes to itself, with its signature", (_, m) => {
    const decoded = Result.getOrThrow(decodeMessage(wire(m)))
    expect(decoded.message).toEqual(m)
    expect(decoded.signature === null).toBe(!isProviderMessage(m))
    if (isProviderMessage(m)) {
      expect(verifyMessageSignature(decoded, workerKey.address)).toBe(true)
      expect(verifyMessageSignature(decoded, strangerKey.address)).toBe(false)
    }
  })

  it("a signature by another key does not verify (forged answer)", () => {
    const m: ProviderMessage = { _tag: "DealAccepted", proposalCid, dealId: 1n, publishMessageCid: publishCid }
    const forged = Result.getOrThrow(decodeMessage(encodeSigned(strangerKey, m)))
    expect(verifyMessageSignature(forged, workerKey.address)).toBe(false)
    // the signature covers the body: a valid signature moved onto another body fails
    const moved = { message: { ...m, dealId: 2n }, signature: Result.getOrThrow(decodeMessage(encodeSigned(workerKey, m))).signature }
    expect(verifyMessageSignature(moved, workerKey.address)).toBe(false)
  })
})

describe("byte layouts, derived by hand", () => {
  const sigHex = (m: ProviderMessage) => `58 42 ${toHex(encodeSignature(signBytes(workerKey, signingBytes(m))))}` // bytes(66) = 01 ‖ r ‖ s ‖ v

  it("DealProposal: [1, [ClientDealProposal, [pieceCid, payloadSize]], null]", () => {
    const m: MarketMessage = { _tag: "DealProposal", proposal: cdp, piece }
    expect(piece.payloadSize).toBe(1008n) // 56 × 18
    expect(toHex(encodeMessage(m, null))).toBe(toHex(hex(`
      83 01                               # array(3), kind 1
      82                                  # body: array(2)
      ${toHex(encodeClientDealProposal(cdp))}  # the market's ClientDealProposal, nested as an array
      82 d8 2a 58 28 00 ${pieceCidHex}    # piece: array(2), tag(42) bytes(40) 00 ‖ piece CID
      19 03 f0                            # payloadSize 1008
      f6                                  # no signature
    `)))
    expect(toHex(encodeClientDealProposal(cdp)).slice(0, 4)).toBe("828b") // [proposal(11 fields), signature]
  })

  it("DealResponse: [2, [proposalCid, status, message], signature]", () => {
    const m: ProviderMessage = { _tag: "DealResponse", proposalCid, verdict: { _tag: "Rejected", reason: "StartEpochTooSoon", message: "soon" } }
    expect(toHex(encodeSigned(workerKey, m))).toBe(toHex(hex(`
      83 02 83 d8 2a 58 27 00 ${blockCidHex(proposalCid)}  # kind 2; body array(3); proposal CID (39 bytes)
      05                                                   # status 5 = StartEpochTooSoon
      64 736f6f6e                                          # text(4) "soon"
      ${sigHex(m)}
    `)))
  })

  it("DealAccepted: [3, [proposalCid, dealId, publishMessageCid], signature]", () => {
    const m: ProviderMessage = { _tag: "DealAccepted", proposalCid, dealId: 300n, publishMessageCid: publishCid }
    expect(toHex(encodeSigned(workerKey, m))).toBe(toHex(hex(`
      83 03 83 d8 2a 58 27 00 ${blockCidHex(proposalCid)}
      19 01 2c                                             # deal ID 300
      d8 2a 58 27 00 ${blockCidHex(publishCid)}
      ${sigHex(m)}
    `)))
  })

  it("Deal: [4, [proposalCid, status, dealId, publishMessageCid, ClientDealProposal], signature]", () => {
    const m: ProviderMessage = { _tag: "Deal", proposalCid, status: "Published", dealId: 0n, publishMessageCid: publishCid, proposal: cdp }
    expect(toHex(encodeSigned(workerKey, m))).toBe(toHex(hex(`
      83 04 85 d8 2a 58 27 00 ${blockCidHex(proposalCid)}  # kind 4; body array(5)
      01 00                                                # status 1 = Published; deal ID 0
      d8 2a 58 27 00 ${blockCidHex(publishCid)}
      ${toHex(encodeClientDealProposal(cdp))}
      ${sigHex(m)}
    `)))
  })

  it("StorageDealQuery: [5, [[1, dealId]], null] and [5, [[0, proposalCid]], null]", () => {
    expect(toHex(encodeMessage({ _tag: "StorageDealQuery", ref: { _tag: "ByDealId", dealId: 7n } }, null))).toBe("830581820107f6")
    expect(toHex(encodeMessage({ _tag: "StorageDealQuery", ref: { _tag: "ByProposalCid", proposalCid } }, null)))
      .toBe(toHex(hex(`83 05 81 82 00 d8 2a 58 27 00 ${blockCidHex(proposalCid)} f6`)))
  })

  it("NoSuchDeal: [6, [[1, dealId]], signature]", () => {
    const m: ProviderMessage = { _tag: "NoSuchDeal", ref: { _tag: "ByDealId", dealId: 24n } }
    expect(toHex(encodeSigned(workerKey, m))).toBe(toHex(hex(`83 06 81 82 01 18 18 ${sigHex(m)}`)))
  })
})

describe("strict decoding", () => {
  const signed = (m: ProviderMessage) => encodeSignature(signBytes(workerKey, signingBytes(m)))
  const query = encodeMessage({ _tag: "StorageDealQuery", ref: { _tag: "ByDealId", dealId: 7n } }, null)
  const cases: ReadonlyArray<readonly [string, Uint8Array, string]> = [
    ["not CBOR", hex("ff"), ""],
    ["trailing bytes", Uint8Array.of(...query, 0x00), ""],
    ["a non-minimal integer head", hex("83 05 81 82 01 18 07 f6"), ""],
    ["an envelope of 2 elements", hex("82 05 80"), "envelope"],
    ["a negative kind", hex("83 20 81 82 01 07 f6"), "envelope.kind"],
    ["a body of the wrong length", hex("83 05 82 82 01 07 07 f6"), "StorageDealQuery"],
    ["a query reference of kind 2", hex("83 05 81 82 02 07 f6"), "StorageDealQuery.ref.kind"],
    ["a deal ID above u64 (a bignum tag)", hex("83 05 81 82 01 c2 49 010000000000000000 f6"), ""],
    ["a negative deal ID", hex("83 05 81 82 01 20 f6"), "StorageDealQuery.ref.dealId"],
    ["a signature on a client message", encodeCbor([5n, [[1n, 7n]], signed({ _tag: "NoSuchDeal", ref: { _tag: "ByDealId", dealId: 7n } })]), "envelope.signature"],
    ["a provider message without signature", encodeCbor([6n, [[1n, 7n]], null]), "envelope.signature"],
    ["signature bytes of type 3", encodeCbor([6n, [[1n, 7n]], Uint8Array.of(3, 1, 2)]), "envelope.signature"],
    ["an accepted response with a message", encodeCbor([2n, [proposalCid, 0n, "hm"], Uint8Array.of(1)]), "DealResponse.message"],
    ["a response status 7", encodeCbor([2n, [proposalCid, 7n, ""], Uint8Array.of(1)]), "DealResponse.status"],
    ["a proposal CID that names raw bytes", encodeCbor([2n, [piece.pieceCid, 0n, ""], Uint8Array.of(1)]), "DealResponse.proposalCid"],
    ["a Published deal without deal ID", encodeCbor([4n, [proposalCid, 1n, null, publishCid, hex(toHex(encodeClientDealProposal(cdp)))], Uint8Array.of(1)]), "Deal.dealId"],
    ["a Rejected deal with a publish CID", encodeCbor([4n, [proposalCid, 2n, null, publishCid, []], Uint8Array.of(1)]), "Deal.publishMessageCid"],
    ["a Deal status 4", encodeCbor([4n, [proposalCid, 4n, null, null, []], Uint8Array.of(1)]), "Deal.status"],
    ["a proposal of 10 fields", encodeCbor([1n, [[[], Uint8Array.of(1)], [piece.pieceCid, 1n]], null]), "DealProposal.proposal.proposal"],
    ["a piece ref without payload size", encodeCbor([1n, [[], [piece.pieceCid]], null]), "DealProposal.piece"]
  ]
  it.each(cases.map(([name, bytes, at]) => [name, at, bytes] as const))("%s → MalformedMessage at %j", (_, fieldPath, bytes) => {
    const e = failureOf(decodeMessage(bytes))
    expect(e._tag).toBe("MalformedMessage")
    if (e._tag === "MalformedMessage") expect(e.field).toBe(fieldPath)
  })

  it("an unknown kind → UnknownMessageKind", () => {
    const e = failureOf(decodeMessage(hex("83 07 81 82 01 07 f6")))
    expect(e).toMatchObject({ _tag: "UnknownMessageKind", kind: 7n })
  })
})

describe("decoding arbitrary bytes", () => {
  test.prop([fc.uint8Array({ maxLength: 200 })], { seed: 8811, numRuns: 300 })("never throws; what decodes re-encodes to the same bytes", (bytes) => {
    const r = decodeMessage(bytes)
    if (Result.isSuccess(r)) expect(toHex(encodeMessage(r.success.message, r.success.signature))).toBe(toHex(bytes))
  })

  test.prop([fc.nat({ max: 16 }), fc.nat(), fc.integer({ min: 1, max: 255 })], { seed: 8812, numRuns: 300 })(
    "a message with one byte changed is refused, or is another canonical message",
    (which, at, xor) => {
      const m = samples[which % samples.length]!
      const bytes = Uint8Array.from(wire(m))
      bytes[at % bytes.length]! ^= xor
      const r = decodeMessage(bytes)
      if (Result.isSuccess(r)) expect(toHex(encodeMessage(r.success.message, r.success.signature))).toBe(toHex(bytes))
    }
  )
})
