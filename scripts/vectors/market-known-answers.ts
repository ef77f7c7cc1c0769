/**
 * Known-answer vectors of the market (`vectors/market/encoding/`): a DealProposal's DAG-CBOR
 * bytes and CID.  The bytes are the hand derivation of test/impl/actors/market/types.test.ts
 * (field order of builtin-actors `actors/market/src/deal.rs` @ v18.0.0 `DealProposal`, CBOR heads
 * per RFC 8949 §3, the CID as tag 42 per the DAG-CBOR spec), the labels the known answers of
 * go-state-types v0.18.0 `builtin/v18/market/deal_test.go` (TestDealLabel), the piece CID the
 * empty 32 GiB piece of FRC-0069's tables.  The CID is built here from its parts by hand — prefix
 * 01 (v1) 71 (dag-cbor) a0e402 (blake2b-256) 20 (32 bytes), the digest by @noble/hashes, the
 * string by multiformats — not by our encoder.
 *
 * @module
 */
import { blake2b } from "@noble/hashes/blake2.js"
import { Result } from "effect"
import { CID } from "multiformats/cid"
import type { DealProposalJson } from "../../conformance/storageSchema.js"
import { fromHex, toHex } from "../../src/impl/encoding/hex.js"
import type { KnownAnswer } from "./known-answers.js"

const PIECE = "baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq"
const PIECE_HEX = "0181e203922020077e5fde35c50a9303a55009e3498a4ebedff39c42b710b730d8ec7ac7afa63e"
const SOURCE = "derivation by hand (test/impl/actors/market/types.test.ts): field order of filecoin-project/builtin-actors actors/market/src/deal.rs @ v18.0.0 DealProposal, CBOR heads per RFC 8949 §3, the piece CID as tag 42 over 00 ‖ CID bytes (DAG-CBOR spec); piece CID from FRC-0069's zero-piece tables (32 GiB)"
const LABELS = "go-state-types v0.18.0 builtin/v18/market/deal_test.go TestDealLabel (the label bytes); the rest as valid_proposal_text_label"

/** Proposal A's bytes with `label` (hex of the label's CBOR) in slot 6. */
const aHex = (label: string): string =>
  "8b" + "d82a5828" + "00" + PIECE_HEX + "1b0000000800000000" + "f4" + "420065" + "4300e807" + label + "192775" + "1a00081075" + "430003e8" + "40" + "43000100"
const B_HEX = "8b" + "d82a5828" + "00" + PIECE_HEX + "190800" + "f5" + "420065" + "4300e807" + "44cafeb00a" + "20" + "17" + "420101" + "420018" + "40"

const bytes = (hex: string): Uint8Array => Result.getOrThrow(fromHex(hex))
const cidOf = (hex: string): string => CID.decode(bytes("0171a0e40220" + toHex(blake2b(bytes(hex), { dkLen: 32 })))).toString()
const base = (p: Partial<DealProposalJson>): DealProposalJson => ({
  pieceCid: PIECE, pieceSize: String(1n << 35n), verifiedDeal: false, client: "f0101", provider: "f01000",
  label: { kind: "string", value: "hi" }, startEpoch: "10101", endEpoch: "528501", storagePricePerEpoch: "1000",
  providerCollateral: "0", clientCollateral: "256", ...p
})
const answer = (name: string, description: string, proposal: DealProposalJson, hex: string, source = SOURCE): KnownAnswer => ({
  path: `market/encoding/${name}.json`, description, source,
  encoding: { type: "DealProposal", proposal }, expected: { bytes: hex, cid: cidOf(hex) }
})

/** The market's known answers. */
export const marketKnownAnswers: ReadonlyArray<KnownAnswer> = [
  answer("valid_proposal_text_label", "A DealProposal with a text label \"hi\", a 32 GiB piece, client f0101, provider f01000: its 11-field tuple bytes and its CID (CIDv1, dag-cbor, blake2b-256).", base({}), aHex("626869")),
  answer("valid_proposal_bytes_label", "A DealProposal with a bytes label cafeb00a, verified, start −1, end 23, price −1 (negative on the wire: a publish check, not an encoding one), 2 KiB piece.",
    base({ pieceSize: "2048", verifiedDeal: true, label: { kind: "bytes", value: "cafeb00a" }, startEpoch: "-1", endEpoch: "23", storagePricePerEpoch: "-1", providerCollateral: "24", clientCollateral: "0" }), B_HEX),
  answer("valid_label_empty_string", "The empty text label (go-state-types EmptyDealLabel): 60.", base({ label: { kind: "string", value: "" } }), aHex("60"), LABELS),
  answer("valid_label_text_deadbeef", "The text label \"deadbeef\": 68 6465616462656566.", base({ label: { kind: "string", value: "deadbeef" } }), aHex("686465616462656566"), LABELS),
  answer("valid_label_empty_bytes", "The empty bytes label: 40 (distinct from the empty text label).", base({ label: { kind: "bytes", value: "" } }), aHex("40"), LABELS),
  answer("valid_label_bytes_deadbeef", "The bytes label deadbeef: 44 deadbeef.", base({ label: { kind: "bytes", value: "deadbeef" } }), aHex("44deadbeef"), LABELS)
]
