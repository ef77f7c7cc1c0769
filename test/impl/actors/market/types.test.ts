import { blake2b } from "@noble/hashes/blake2.js"
import { secp256k1 } from "@noble/curves/secp256k1.js"
import { Result } from "effect"
import { CID } from "multiformats/cid"
import { describe, expect, it } from "vitest"
import { idAddress } from "../../../../src/impl/address/address.js"
import { keyFromSeed } from "../../../../src/impl/crypto/keys.js"
import { SigType } from "../../../../src/impl/crypto/signature.js"
import { encodeCbor } from "../../../../src/impl/encoding/cbor.js"
import { fromHex, toHex } from "../../../../src/impl/encoding/hex.js"
import {
  clientBalanceRequirement, type DealProposal, dealProposalBytes, dealProposalCid, decodeClientDealProposal,
  decodeDealProposal, encodeClientDealProposal, labelFromBytes, labelFromString, labelLength, signDealProposal,
  totalStorageFee
} from "../../../../src/impl/actors/market/types.js"

const hex = (s: string) => Result.getOrThrow(fromHex(s.replace(/#.*$/gm, "").replace(/\s+/g, "")))
const failureOf = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}

// The piece: FRC-0069 (filecoin-project/FIPs FRCs/frc-0069.md, test cases), the piece CID v1 of the
// empty 32 GiB piece, as a v1 piece CID; its bytes are parsed here by multiformats, not by our code.
const PIECE = CID.parse("baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq")
const PIECE_HEX = `
  01                # CIDv1
  81 e2 03          # codec fil-commitment-unsealed 0xf101 (varint)
  92 20             # multihash sha2-256-trunc254-padded 0x1012 (varint)
  20                # 32-byte digest
  077e5fde35c50a9303a55009e3498a4ebedff39c42b710b730d8ec7ac7afa63e
`

const proposalA: DealProposal = {
  pieceCid: PIECE, pieceSize: 1n << 35n, verifiedDeal: false, client: idAddress(101n), provider: idAddress(1000n),
  label: labelFromString("hi"), startEpoch: 10101n, endEpoch: 528501n, storagePricePerEpoch: 1000n,
  providerCollateral: 0n, clientCollateral: 256n
}

// Field order: builtin-actors actors/market/src/deal.rs @ v18.0.0 `DealProposal` (Serialize_tuple);
// CBOR heads per RFC 8949 §3; CID as tag 42 over 00 ‖ CID bytes (DAG-CBOR spec, "Links").
const A_HEX = `
  8b                            # array(11)
  d8 2a 58 28 00 ${PIECE_HEX}   # piece_cid: tag(42) bytes(40) = 00 (identity multibase) ‖ 39 CID bytes
  1b 00 00 00 08 00 00 00 00    # piece_size 2^35 (needs the 8-byte head)
  f4                            # verified_deal false
  42 00 65                      # client f0101: bytes(2) = protocol 0 ‖ LEB128(101)
  43 00 e8 07                   # provider f01000: LEB128(1000) = e8 07
  62 68 69                      # label: text(2) "hi"
  19 27 75                      # start_epoch 10101 = 0x2775
  1a 00 08 10 75                # end_epoch 528501 = 0x81075
  43 00 03 e8                   # storage_price_per_epoch 1000: bytes(3) = sign 00 ‖ 03 e8
  40                            # provider_collateral 0: empty bytes
  43 00 01 00                   # client_collateral 256
`

const proposalB: DealProposal = {
  ...proposalA, verifiedDeal: true, label: labelFromBytes(Uint8Array.of(0xca, 0xfe, 0xb0, 0x0a)), startEpoch: -1n,
  endEpoch: 23n, storagePricePerEpoch: -1n, providerCollateral: 24n, clientCollateral: 0n, pieceSize: 2048n
}
const B_HEX = `
  8b d8 2a 58 28 00 ${PIECE_HEX}
  19 08 00                      # piece_size 2048
  f5                            # verified_deal true
  42 00 65 43 00 e8 07          # client, provider as in A
  44 ca fe b0 0a                # label: bytes(4) (go-state-types v0.18.0 builtin/v18/market/deal_test.go TestDealLabel's bytes label)
  20                            # start_epoch -1 (major 1, value 0)
  17                            # end_epoch 23 (largest immediate)
  42 01 01                      # storage_price_per_epoch -1: sign 01 ‖ 01 (negative on the wire; a publish check)
  42 00 18                      # provider_collateral 24
  40                            # client_collateral 0
`

describe("DealProposal bytes — hand derivation", () => {
  it("proposal A encodes to the derived bytes and decodes back", () => {
    expect(toHex(dealProposalBytes(proposalA))).toBe(toHex(hex(A_HEX)))
    expect(Result.getOrThrow(decodeDealProposal(hex(A_HEX)))).toEqual(proposalA)
  })

  it("proposal B (bytes label, verified, negative epoch and price) encodes to the derived bytes and decodes back", () => {
    expect(toHex(dealProposalBytes(proposalB))).toBe(toHex(hex(B_HEX)))
    expect(Result.getOrThrow(decodeDealProposal(hex(B_HEX)))).toEqual(proposalB)
  })

  it("the CID is CIDv1 ‖ dag-cbor ‖ blake2b-256 of the bytes", () => {
    // prefix by hand: 01 (v1) 71 (dag-cbor) a0 e4 02 (varint 0xb220) 20 (32 bytes); digest by @noble/hashes
    expect(toHex(dealProposalCid(proposalA).bytes)).toBe("0171a0e40220" + toHex(blake2b(hex(A_HEX), { dkLen: 32 })))
    expect(dealProposalCid(proposalA).equals(dealProposalCid(proposalB))).toBe(false)
  })

  it("total fee and client requirement as deal.rs defines them: price × (end − start) + client collateral", () => {
    // 1000 × (528501 − 10101) = 518 400 000
    expect(totalStorageFee(proposalA)).toBe(518_400_000n)
    expect(clientBalanceRequirement(proposalA)).toBe(518_400_256n)
  })
})

describe("DealLabel — go-state-types v0.18.0 builtin/v18/market/deal_test.go known answers", () => {
  const inA = (labelHex: string) => hex(A_HEX.replace("62 68 69", labelHex))

  it.each([
    ["60", labelFromString(""), 0],
    [`68 ${toHex(new TextEncoder().encode("deadbeef"))}`, labelFromString("deadbeef"), 8],
    ["40", labelFromBytes(new Uint8Array(0)), 0],
    ["44 de ad be ef", labelFromBytes(hex("deadbeef")), 4]
  ])("label %s decodes to its kind and value", (labelHex, label, length) => {
    const p = Result.getOrThrow(decodeDealProposal(inA(labelHex)))
    expect(p.label).toEqual(label)
    expect(labelLength(p.label)).toBe(length)
    expect(toHex(dealProposalBytes(p))).toBe(toHex(inA(labelHex)))
  })

  it("a text label of invalid UTF-8 (64 de ad be ef) does not decode", () => {
    expect(failureOf(decodeDealProposal(inA("64 de ad be ef")))._tag).toBe("MalformedParams")
  })

  it("an array label (81 80) does not decode, naming the label", () => {
    const e = failureOf(decodeDealProposal(inA("81 80")))
    expect(e.field).toBe("DealProposal.label")
    expect(e.message).toContain("expected text or byte string")
  })

  it("the label's length is its UTF-8 byte length (Label::len), and 300 bytes still decode (256 is a publish check)", () => {
    expect(labelLength(labelFromString("é"))).toBe(2)
    const long = { ...proposalA, label: labelFromString("x".repeat(300)) }
    expect(Result.getOrThrow(decodeDealProposal(dealProposalBytes(long))).label).toEqual(long.label)
  })
})

describe("ClientDealProposal", () => {
  const client = keyFromSeed(SigType.Secp256k1, "market-types-client")

  it("is [proposal, signature bytes]: 82 ‖ proposal ‖ bytes(1 + 65) = 58 42 01 ‖ r s v", () => {
    const cdp = signDealProposal(client, { ...proposalA, client: client.address })
    const bytes = encodeClientDealProposal(cdp)
    expect(toHex(bytes)).toBe("82" + toHex(dealProposalBytes(cdp.proposal)) + "584201" + toHex(cdp.clientSignature.data))
    expect(Result.getOrThrow(decodeClientDealProposal(bytes))).toEqual(cdp)
  })

  it("the client signs the proposal's bytes: ECDSA over blake2b-256(proposal bytes), checked with @noble/curves", () => {
    const proposal = { ...proposalA, client: client.address }
    const sig = signDealProposal(client, proposal).clientSignature
    const digest = blake2b(dealProposalBytes(proposal), { dkLen: 32 })
    expect(secp256k1.verify(sig.data.subarray(0, 64), digest, client.publicKey, { prehash: false })).toBe(true)
    const other = blake2b(dealProposalBytes({ ...proposal, storagePricePerEpoch: 1001n }), { dkLen: 32 })
    expect(secp256k1.verify(sig.data.subarray(0, 64), other, client.publicKey, { prehash: false })).toBe(false)
  })

  it.each<[string, Uint8Array, string]>([
    ["a 1-tuple", encodeCbor([hex(A_HEX)]), "ClientDealProposal"],
    ["the proposal as bytes, not an array", encodeCbor([hex(A_HEX), hex("0101")]), "ClientDealProposal.proposal"],
    ["an empty signature", hex("82" + toHex(hex(A_HEX)) + "40"), "ClientDealProposal.client_signature"],
    ["signature type 3", hex("82" + toHex(hex(A_HEX)) + "42 03 00"), "ClientDealProposal.client_signature"]
  ])("rejects %s, naming the field", (_, bytes, field) => {
    const e = failureOf(decodeClientDealProposal(bytes))
    expect(e._tag).toBe("MalformedParams")
    expect(e.field).toBe(field)
  })
})

describe("decodeDealProposal rejects, naming the field", () => {
  const tuple = (): Array<unknown> => [
    PIECE, 2048n, false, hex("0065"), hex("00e807"), "hi", 1n, 2n, hex("0001"), new Uint8Array(0), new Uint8Array(0)
  ]
  const withSlot = (i: number, v: unknown) => {
    const t = tuple()
    t[i] = v
    return encodeCbor(t)
  }
  it("the unmodified tuple decodes", () => {
    expect(Result.isSuccess(decodeDealProposal(encodeCbor(tuple())))).toBe(true)
  })
  it.each<[string, Uint8Array, string]>([
    ["10 elements", encodeCbor(tuple().slice(0, 10)), "DealProposal"],
    ["not CBOR", hex("ff"), ""],
    ["trailing bytes", hex(toHex(hex(A_HEX)) + "00"), ""],
    ["piece CID as bytes", withSlot(0, PIECE.bytes), "DealProposal.piece_cid"],
    ["negative piece size", withSlot(1, -1n), "DealProposal.piece_size"],
    ["verified as 0", withSlot(2, 0n), "DealProposal.verified_deal"],
    ["client address truncated", withSlot(3, hex("0080")), "DealProposal.client"],
    ["provider as text", withSlot(4, "f01000"), "DealProposal.provider"],
    ["label null", withSlot(5, null), "DealProposal.label"],
    ["start epoch 2^63", withSlot(6, 1n << 63n), "DealProposal.start_epoch"],
    ["end epoch as bytes", withSlot(7, hex("02")), "DealProposal.end_epoch"],
    ["price with sign byte 2", withSlot(8, hex("0201")), "DealProposal.storage_price_per_epoch"],
    ["provider collateral as an integer", withSlot(9, 0n), "DealProposal.provider_collateral"],
    ["client collateral null", withSlot(10, null), "DealProposal.client_collateral"]
  ])("%s", (_, bytes, field) => {
    const e = failureOf(decodeDealProposal(bytes))
    expect(e._tag).toBe("MalformedParams")
    expect(e.field).toBe(field)
  })
  it("a non-minimal integer head (start epoch 1 as 18 01) is not canonical", () => {
    const canonical = toHex(encodeCbor(tuple()))
    // start_epoch 1 then end_epoch 2 appear as "01 02" right after the label "62 68 69"
    const bytes = hex(canonical.replace("626869" + "0102", "626869" + "180102"))
    expect(failureOf(decodeDealProposal(bytes)).field).toBe("")
  })
})
