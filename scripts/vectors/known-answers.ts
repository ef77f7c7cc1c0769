/**
 * Known-answer vectors: encodings whose expected bytes come from outside this implementation —
 * other implementations' published test vectors, or a derivation by hand — each with its source.
 * These answers are the only hand-written values in `vectors/`; the generator checks our
 * encoders reproduce every one before it writes the file.  The values are the ones cited in
 * test/impl/actors/paych/types.test.ts and test/impl/address/address.test.ts.
 *
 * @module
 */
import { base32 } from "multiformats/bases/base32"
import { toHex } from "../../src/impl/encoding/hex.js"
import type { EncodingInput, VoucherJson } from "../../conformance/schema.js"

const ZONDAX = "Zondax/filecoin-signing-tools (commit 2b0f25f)"
const GO = "filecoin-project/go-address address_test.go (commit 4e4546c)"
const RUST = "filecoin-project/ref-fvm shared/tests/address_test.rs (commit ef0a993)"
const NET = "The source prints the address on network t; the checksum covers protocol and payload only, so the f form differs in the first character alone."

/** One known answer: where its file goes, what it encodes, the expected output and its source. */
export interface KnownAnswer {
  readonly path: string
  readonly description: string
  readonly source: string
  readonly encoding: EncodingInput
  readonly expected: Readonly<Record<string, string>>
}

const v = (fields: Partial<VoucherJson>): VoucherJson => ({
  channelAddr: "f0100", timeLockMin: "0", timeLockMax: "0", secretPreImage: "", extra: null, lane: "1", nonce: "2",
  amount: "10000", minSettleHeight: "0", merges: [], signature: null, ...fields
})

const A_HEX = "8b4200640000" + "40f60102430027100080f6"
const B_UNSIGNED = "8b43008008201b000000010000000042010283420005181841ff1bffffffffffffffff174201011901f481820018 18".replace(/\s/g, "")
const ZONDAX_SIGN_SIG = "510ffddad5fb3273b4cb45481e4390403e1075ac3b95b75aaf0eec1c71338358227e3807b847ff872061fda600588eb821840e0976026e81359fcc57e56ce19200"
const ZONDAX_SIGN_UNSIGNED = "8b5502e004981c649895f446556374ff25f4b35d4ca6f4000040f60101430027100080"
const ZONDAX_VERIFY_SIG = "6b24666104026adac42c1736af07eed23264d04995afe79571c0ec4e1b4cd5957392b0b9ddaeaa560ae016407c387a2265294d996fe798253b1b63ce8447a8da01"
const ZONDAX_VERIFY_UNSIGNED = "8b4300f207000040f6000144000186a00080"
const ZONDAX_UPDATE_SIG = "017211fc32c4ba1077b56bdfe05b695bdf461bc03fbe17ed81448513532919cfd53a9edfa719f6f8d587f4b32d8d7da4e8cfc225fc6983b671827a9bbf9ecee73701"
const ZONDAX_UPDATE = "828b550270125899295ada2a86f7e48f90df1b6b486945ad000040f600014200010080584301" + ZONDAX_UPDATE_SIG + "40"
const ZONDAX_BLS = "f3smdzzt2fbrzalmfi5rskc3tc6wpwcj2zbgyu5engqtkkzrxteg2oyqpukqzrhqqfvzqadh7mtqye443liejq"
const ZONDAX_SECP = "f1evcupqzya3nuzhuabg4oxwoe2ls7eamcu3uw4cy"

const paych: ReadonlyArray<KnownAnswer> = [
  { path: "paych/encoding/voucher_hand_derived_minimal.json", source: "hand derivation: field order of SignedVoucher in filecoin-project/builtin-actors actors/paych/src/types.rs @ v18.0.0, CBOR heads per RFC 8949 §3; as in test/impl/actors/paych/types.test.ts (voucher A)",
    description: "The simplest voucher (channel f0100, lane 1, nonce 2, amount 10000, no signature): 8b, 42 0064, 00, 00, 40, f6, 01, 02, 43 002710, 00, 80, f6. Unsigned, so its signing bytes are its bytes.",
    encoding: { type: "SignedVoucher", voucher: v({}) }, expected: { bytes: A_HEX, signingBytes: A_HEX } },
  { path: "paych/encoding/voucher_hand_derived_edges.json", source: "hand derivation (RFC 8949 §3; SignedVoucher in filecoin-project/builtin-actors actors/paych/src/types.rs @ v18.0.0; BigInt bytes per filecoin-project/go-state-types big/int.go @ v0.18.0); as in test/impl/actors/paych/types.test.ts (voucher B)",
    description: "Every field at a wire-type edge: channel f01024, timeLockMin −1, timeLockMax 2^32, pre-image 0102, extra [f05, 24, ff], lane 2^64 − 1, nonce 23, amount −1, minSettleHeight 500, merges [[0, 24]], a BLS-typed signature aabbcc. The signing bytes end with f6 instead of the signature.",
    encoding: { type: "SignedVoucher", voucher: v({ channelAddr: "f01024", timeLockMin: "-1", timeLockMax: String(1n << 32n), secretPreImage: "0102",
      extra: { actor: "f05", method: "24", data: "ff" }, lane: String((1n << 64n) - 1n), nonce: "23", amount: "-1", minSettleHeight: "500",
      merges: [{ lane: "0", nonce: "24" }], signature: { type: 2, data: "aabbcc" } }) },
    expected: { bytes: B_UNSIGNED + "4402aabbcc", signingBytes: B_UNSIGNED + "f6" } },
  { path: "paych/encoding/voucher_zondax_verify.json", source: `${ZONDAX} test_vectors/voucher.json "verify".signed_voucher_base64 (bytes); signing bytes by hand: the same array with the signature slot null (f6)`,
    description: "A published secp256k1-signed voucher on channel t01010 (lane 0, nonce 1, amount 100000) re-encodes byte for byte.",
    encoding: { type: "SignedVoucher", voucher: v({ channelAddr: "f01010", lane: "0", nonce: "1", amount: "100000", signature: { type: 1, data: ZONDAX_VERIFY_SIG } }) },
    expected: { bytes: ZONDAX_VERIFY_UNSIGNED + "584201" + ZONDAX_VERIFY_SIG, signingBytes: ZONDAX_VERIFY_UNSIGNED + "f6" } },
  { path: "paych/encoding/voucher_blitslabs_unsigned.json", source: "blitslabs/filecoin-js-signer README.md (paych.createVoucher output, base64 i1UBs06WFTqFA5Kae0SvysnFOUiR2UQAAED2AABJAA3gtrOnZAAAAID2)",
    description: "An unsigned voucher for 1 FIL on lane 0, nonce 0, naming the channel by an f1 address.",
    encoding: { type: "SignedVoucher", voucher: v({ channelAddr: "f1wnhjmfj2qubzfgt3isx4vsofhfejdwkeqgqzr4y", lane: "0", nonce: "0", amount: "1000000000000000000" }) },
    expected: { bytes: "8b5501b34e96153a8503929a7b44afcac9c5394891d944000040f6000049000de0b6b3a76400000080f6", signingBytes: "8b5501b34e96153a8503929a7b44afcac9c5394891d944000040f6000049000de0b6b3a76400000080f6" } },
  { path: "paych/encoding/sign_voucher_zondax_secp256k1.json", source: `${ZONDAX} test_vectors/voucher.json "sign" (signed_voucher_base64) with wallet.json private_key 8VcW07ADswS4BV2cxi5rnIadVsyTDDhY1NfDH19T8Uo= (base64); secp256k1 signing is deterministic (RFC 6979)`,
    description: "Sign a voucher (channel t24acjq…, lane 1, nonce 1, amount 10000) with a secp256k1 key: signature = 01 ‖ r ‖ s ‖ v over blake2b-256 of the signing bytes; the signed voucher's bytes.",
    encoding: { type: "SignVoucher", keyType: 1, privateKey: "f15716d3b003b304b8055d9cc62e6b9c869d56cc930c3858d4d7c31f5f53f14a",
      voucher: v({ channelAddr: "f24acjqhdetck7irsvmn2p6jpuwnouzjxuoa22rva", lane: "1", nonce: "1", amount: "10000" }) },
    expected: { signature: "01" + ZONDAX_SIGN_SIG, bytes: ZONDAX_SIGN_UNSIGNED + "584201" + ZONDAX_SIGN_SIG } },
  { path: "paych/encoding/update_channel_state_params_zondax.json", source: `${ZONDAX} test_vectors/payment_channel.json "update".message.Params (base64 gotVAnAS…)`,
    description: "UpdateChannelStateParams [voucher, secret] as published (the voucher's secp256k1 signature data is 66 bytes: it encodes, but can never verify).",
    encoding: { type: "UpdateChannelStateParams", secret: "",
      voucher: v({ channelAddr: "f2oajfrgjjllncvbxx4shzbxy3nnegsrnnk3tq2tq", lane: "0", nonce: "1", amount: "1", signature: { type: 1, data: ZONDAX_UPDATE_SIG } }) },
    expected: { bytes: ZONDAX_UPDATE } },
  { path: "paych/encoding/constructor_params_zondax_bls_payer.json", source: `${ZONDAX} test_vectors/payment_channel.json "creation".bls.constructor_params`,
    description: "ConstructorParams [from, to] with a BLS payer and a secp256k1 payee.",
    encoding: { type: "ConstructorParams", from: ZONDAX_BLS, to: ZONDAX_SECP },
    expected: { bytes: "8258310393079ccf450c7205b0a8ec64a16e62f59f61275909b14e91a684d4acc6f321b4ec41f4543313c205ae60019fec9c304e5501254547c33806db4c9e8009b8ebd9c4d2e5f20182" } },
  { path: "paych/encoding/constructor_params_zondax_secp256k1_payer.json", source: `${ZONDAX} test_vectors/payment_channel.json "creation".secp256k1.constructor_params`,
    description: "ConstructorParams [from, to] with a secp256k1 payer and a BLS payee.",
    encoding: { type: "ConstructorParams", from: ZONDAX_SECP, to: ZONDAX_BLS },
    expected: { bytes: "825501254547c33806db4c9e8009b8ebd9c4d2e5f2018258310393079ccf450c7205b0a8ec64a16e62f59f61275909b14e91a684d4acc6f321b4ec41f4543313c205ae60019fec9c304e" } },
  { path: "paych/encoding/constructor_params_hand_derived_ids.json", source: "hand derivation: 82 (array of 2) ‖ 42 0064 (f0100) ‖ 42 0065 (f0101)",
    description: "ConstructorParams [f0100, f0101].",
    encoding: { type: "ConstructorParams", from: "f0100", to: "f0101" }, expected: { bytes: "82420064420065" } }
]

/** The binary form of a non-ID address from its string, by base32 alone: protocol byte ‖ payload (checksum dropped). */
const bytesOfString = (s: string, payloadLength: number): string =>
  `0${s[1]}` + toHex(base32.baseDecode(s.slice(2)).slice(0, payloadLength))

const idAnswer = (id: string, bytes: string, source: string): KnownAnswer => ({
  path: `address/encoding/id_${id}.json`, source, description: `The ID address of actor ${id}: protocol 0 ‖ LEB128(${id}).`,
  encoding: { type: "IdAddress", id }, expected: { string: `f0${id}`, bytes }
})

const hashed = (kind: "secp256k1" | "actor" | "bls", n: number, input: string, s: string): KnownAnswer => ({
  path: `address/encoding/${kind}_${n}.json`,
  source: `${GO} ${kind === "secp256k1" ? "TestVectorSecp256k1Address" : kind === "actor" ? "TestVectorActorAddress" : "TestVectorBLSAddress"} (string); bytes by hand: protocol byte ‖ the base32-decoded payload of the string without its 4-byte checksum`,
  description: `${kind === "secp256k1" ? "A secp256k1 address: blake2b-160 of the 65-byte public key" : kind === "actor" ? "An actor address: blake2b-160 of the data" : "A BLS address: the 48-byte public key"}. ${NET}`,
  encoding: kind === "actor" ? { type: "ActorAddress", data: input } : { type: kind === "bls" ? "BlsAddress" : "Secp256k1Address", publicKey: input },
  expected: { string: s, bytes: bytesOfString(s, kind === "bls" ? 48 : 20) }
})

const addresses: ReadonlyArray<KnownAnswer> = [
  idAnswer("0", "0000", `${RUST} cbor_encoding (f00); ${GO} TestVectorsIDAddress (string)`),
  idAnswer("1024", "008008", `${RUST} cbor_encoding (f01024); ${GO} TestVectorsIDAddress (string)`),
  idAnswer("999999", "00bf843d", `${RUST} cbor_encoding (f0999999); ${GO} TestVectorsIDAddress (string)`),
  idAnswer("9223372036854775807", "00ffffffffffffffff7f", `${GO} TestVectorsIDAddress (string); bytes by hand: 2^63 − 1 is eight 7-bit groups with the continuation bit (ff × 8) and 7f`),
  hashed("secp256k1", 1, "049402fac37e6432a416a3a0ca5426b5185ab3b24f6134efa25ce487c82d2e4e13bf452511e0d2245421f8613bc10d72fa216666a96c3bc13920d3ff233fd0bc05", "f15ihq5ibzwki2b4ep2f46avlkrqzhpqgtga7pdrq"),
  hashed("secp256k1", 2, "047687b910379bf28cbe3aea674b12000c6b7dba46ffc05f6c94fe2a22bbcc2602ff7f5c76f21ca55d36959152b0e1e887917c393576eef093f61ebd3ad06f7fda", "f12fiakbhe2gwd5cnmrenekasyn6v5tnaxaqizq6a"),
  hashed("actor", 1, "76128190cdf068d1418044acc03e0b6781970d60", "f24vg6ut43yw2h2jqydgbg2xq7x6f4kub3bg6as6i"),
  hashed("actor", 2, "2cafb8e2e06bba98ea657c5cf5f42023aa23e88e", "f25nml2cfbljvn4goqtclhifepvfnicv6g7mfmmvq"),
  hashed("bls", 1, "ad58df696e2d4e91ea86c881e938ba4ea81b395e12797b84b9cf314b9546705e839c7a99d606b247ddb4f9ac7a3414dd", "f3vvmn62lofvhjd2ugzca6sof2j2ubwok6cj4xxbfzz4yuxfkgobpihhd2thlanmsh3w2ptld2gqkn2jvlss4a")
]

/** Every known answer. */
export const knownAnswers: ReadonlyArray<KnownAnswer> = [...paych, ...addresses]
