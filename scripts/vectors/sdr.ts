/**
 * The function vectors of Stacked DRG (`vectors/proofs/sdr/`): porep_id, parents and the parent
 * cache, prover and replica IDs, labels, node encoding, sealing and unsealing of 2 KiB sectors.
 * Every expected value comes from running our implementation (`conformance/sdr.ts`), except the
 * known answers, which carry a `source` and are checked by the generator: Filecoin's own outputs
 * (parent_cache.json, test_create_labels, lotus-bench and lotus-miner sealed CIDs) and
 * derivations by hand recomputed here apart from `src/` (plain sha256 over the bytes the upstream
 * code hashes, bigint arithmetic modulo r).
 *
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js"
import { Result } from "effect"
import { callFunction } from "../../conformance/proofs.js"
import type { FunctionCall } from "../../conformance/schema.js"
import { fromHex, toHex } from "../../src/impl/encoding/hex.js"
import { type FunctionCase, pattern } from "./proofs.js"

const ok = "ok" as const
const err = (error: string) => ({ error })
const P = (name: string) => `proofs/sdr/${name}`
const hexOf = (s: string): Uint8Array => Result.getOrThrow(fromHex(s))
const run = <A>(call: FunctionCall): A => Result.getOrThrow(callFunction(call)) as A

// ---------------------------------------------------------------------------------------------
// sources

const REGISTRY = "derivation by hand from filecoin-project/rust-filecoin-proofs-api src/registry.rs @ v19.0.0 (REGISTERED_PROOF_IDS, porep_id = id u64 LE ‖ nonce 0 u64 LE ‖ 16 zero bytes, V1 → API 1.0.0, V1_1 → 1.1.0) and filecoin-project/rust-fil-proofs filecoin-proofs/src/constants.rs @ filecoin-proofs-v19.1.0 (LAYERS)"
const PARENT_CACHE_JSON = "filecoin-project/rust-fil-proofs storage-proofs-porep/parent_cache.json @ storage-proofs-porep-v19.1.0 (the entry of this graph: its cache file name and the sha256 of the cache, cache.rs ParentCache::generate)"
const CREATE_LABELS = "filecoin-project/rust-fil-proofs storage-proofs-porep/src/stacked/vanilla/create_label/multi.rs @ storage-proofs-porep-v19.1.0 test_create_labels (also tests/stacked_vanilla.rs test_stacked_porep_generate_labels): the last label of layer 11, Fr::from_u64s_le limbs as little-endian bytes"
const LOTUS_BENCH = "filecoin-project/lotus cmd/lotus-bench/simple.go @ e14866315 (the printed example is unchanged at v1.28.1, but lotus commit 4645f25d8 later sets the ticket to all ones; these inputs are the code at e14866315): the example run of `lotus-bench simple` prints d:baga6ea4…mpqmy r:bagboea4…4hn3c for miner t01000 (flag default), sector 1, an all-zero ticket, StackedDrg2KiBV1_1, 2048 zero bytes (AddPiece of /dev/zero)"
const LOTUS_MINER = "a `lotus-miner sectors status --log 1` transcript of a 2 KiB devnet (2021-04-07; third-party notes in the public code index, repository not identified — a weaker source than lotus-bench): SealProof 5, miner t01002, sector 1, ticket c3a1…3aa0, a committed-capacity sector, Sealed: bagboea4…zji"
const VARINT = "derivation by hand: the ID address payload is the unsigned LEB128 varint of the id (filecoin-project/go-address address.go NewIDAddress), zero-padded to 32 bytes (filecoin-project/ref-fvm fvm/src/kernel/filecoin.rs @ fvm@v4.8.2 prover_id_from_u64)"
const REPLICA_HAND = "derivation by hand from filecoin-project/rust-fil-proofs storage-proofs-porep/src/stacked/vanilla/params.rs @ storage-proofs-porep-v19.1.0 generate_replica_id: sha256(prover_id ‖ sector number u64 BE ‖ ticket ‖ comm_d ‖ porep_id), byte 31 &= 0x3f (fr32 bytes_into_fr_repr_safe); recomputed in scripts/vectors/sdr.ts apart from src/"
const LABEL_HAND = "derivation by hand from filecoin-project/rust-fil-proofs storage-proofs-porep/src/stacked/vanilla/create_label/single.rs and graph.rs @ storage-proofs-porep-v19.1.0: sha256(replica_id ‖ layer u32 BE ‖ node u64 BE ‖ 20 zero bytes ‖ 37 parent labels), byte 31 &= 0x3f; recomputed in scripts/vectors/sdr.ts apart from src/"
const FIELD_HAND = "derivation by hand: BLS12-381 Fr addition / subtraction modulo r = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001 on 32-byte little-endian reprs (filecoin-project/rust-fil-proofs storage-proofs-porep/src/encode.rs @ storage-proofs-porep-v19.1.0), with bigints in scripts/vectors/sdr.ts"

// ---------------------------------------------------------------------------------------------
// hand derivations (independent of src/)

const R = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n
/** A field element as its 32-byte little-endian repr, hex. */
const fr = (x: bigint): string => {
  let s = ""
  for (let i = 0; i < 32; i++) s += Number((x >> BigInt(8 * i)) & 0xffn).toString(16).padStart(2, "0")
  return s
}
const leInt = (hex: string): bigint => {
  let x = 0n
  for (let i = hex.length - 2; i >= 0; i -= 2) x = (x << 8n) | BigInt(parseInt(hex.slice(i, i + 2), 16))
  return x
}
const masked = (d: Uint8Array): string => { const c = d.slice(); c[31] = c[31]! & 0x3f; return toHex(c) }
const cat = (...hex: ReadonlyArray<string>): Uint8Array => hexOf(hex.join(""))
const u32be = (n: number): string => n.toString(16).padStart(8, "0")
const u64be = (n: bigint): string => n.toString(16).padStart(16, "0")
/** create_label by hand: the header, then P[i] = parents[i mod degree] for i < 37 (none for node 0). */
const handLabel = (rid: string, layer: number, node: number, parents: ReadonlyArray<string>): string => {
  const header = rid + u32be(layer) + u64be(BigInt(node)) + "00".repeat(20)
  const body = node === 0 ? "" : Array.from({ length: 37 }, (_, i) => parents[i % parents.length]!).join("")
  return masked(sha256(cat(header, body)))
}
const handReplicaId = (i: { proverId: string; sectorNumber: string; ticket: string; commD: string; porepId: string }): string =>
  masked(sha256(cat(i.proverId, u64be(BigInt(i.sectorNumber)), i.ticket, i.commD, i.porepId)))
const porepHex = (id: number): string => id.toString(16).padStart(2, "0") + "00".repeat(31)
const le32 = (limbs: ReadonlyArray<bigint>): string => limbs.map((l) => fr(l).slice(0, 16)).join("")

// ---------------------------------------------------------------------------------------------
// porep_id

const PROOFS = [
  ["2kib", "2KiB", 0], ["8mib", "8MiB", 1], ["512mib", "512MiB", 2], ["32gib", "32GiB", 3], ["64gib", "64GiB", 4]
] as const

const porepIds: Array<FunctionCase> = [
  ...PROOFS.flatMap(([slug, size, i]) => ([["v1", "V1", "1.0.0", i], ["v1_1", "V1_1", "1.1.0", i + 5]] as const).map(([vs, vn, api, id]): FunctionCase => ({
    path: P(`valid_porep_id_${slug}_${vs}`), description: `StackedDrg${size}${vn} (id ${id}): porep_id, sector size, API version ${api}, nodes and layers`,
    call: { function: "sdrPorepId", input: { sealProof: String(id) } }, expect: ok,
    source: REGISTRY, known: { name: `StackedDrg${size}${vn}`, apiVersion: api, porepId: porepHex(id), layers: id % 5 < 3 ? 2 : 11 }
  }))),
  { path: P("invalid_porep_id_10"), description: "10 is not a V1 or V1_1 seal proof (the SyntheticPoRep / NI-PoRep ids are not built here)", call: { function: "sdrPorepId", input: { sealProof: "10" } }, expect: err("UnknownSealProof") },
  { path: P("invalid_porep_id_negative"), description: "-1 is not a seal proof id", call: { function: "sdrPorepId", input: { sealProof: "-1" } }, expect: err("UnknownSealProof") }
]

// ---------------------------------------------------------------------------------------------
// parents and the parent cache

const range = (n: number): Array<number> => Array.from({ length: n }, (_, i) => i)
const parents: Array<FunctionCase> = [
  { path: P("valid_parents_2kib_v1_all"), description: "StackedDrg2KiBV1: every node's 6 base and 8 expander parents (predecessor last among the base parents, API 1.0.0); laid out as the cache they hash to parent_cache.json's digest (test/conformance/sdr.test.ts)",
    call: { function: "sdrParents", input: { sealProof: "0", nodes: range(64) } }, expect: ok },
  { path: P("valid_parents_2kib_v1_1_all"), description: "StackedDrg2KiBV1_1: every node's parents (predecessor first, API 1.1.0); hashes to parent_cache.json's digest as a cache",
    call: { function: "sdrParents", input: { sealProof: "5", nodes: range(64) } }, expect: ok },
  { path: P("valid_parents_8mib_v1_1_some"), description: "StackedDrg8MiBV1_1: nodes 0, 1, 2, 3, 1000, 131072 and the last, in that order",
    call: { function: "sdrParents", input: { sealProof: "6", nodes: [0, 1, 2, 3, 1000, 131072, 262143] } }, expect: ok },
  { path: P("valid_parents_8mib_v1_some"), description: "StackedDrg8MiBV1: the same nodes under API 1.0.0",
    call: { function: "sdrParents", input: { sealProof: "1", nodes: [0, 1, 2, 3, 1000, 131072, 262143] } }, expect: ok },
  { path: P("valid_parents_512mib_v1_1_some"), description: "StackedDrg512MiBV1_1: nodes 2, 123456, 8388608 and the last (2^24 − 1), given out of order",
    call: { function: "sdrParents", input: { sealProof: "7", nodes: [16777215, 2, 8388608, 123456] } }, expect: ok },
  { path: P("valid_parents_none"), description: "no nodes asked: no parents", call: { function: "sdrParents", input: { sealProof: "5", nodes: [] } }, expect: ok },
  { path: P("invalid_parents_node_64"), description: "node 64 is past the 2 KiB graph's 64 nodes", call: { function: "sdrParents", input: { sealProof: "5", nodes: [3, 64] } }, expect: err("NodeOutOfRange") },
  { path: P("invalid_parents_node_negative"), description: "node −1", call: { function: "sdrParents", input: { sealProof: "5", nodes: [-1] } }, expect: err("NodeOutOfRange") },
  { path: P("invalid_parents_unknown_proof"), description: "seal proof 10 does not exist", call: { function: "sdrParents", input: { sealProof: "10", nodes: [1] } }, expect: err("UnknownSealProof") },
  { path: P("invalid_parents_32gib"), description: "StackedDrg32GiBV1_1: its expander's Feistel domain (2^33) is beyond what is built here", call: { function: "sdrParents", input: { sealProof: "8", nodes: [1] } }, expect: err("UnsupportedSealProof") }
]

const CACHES = [
  ["2kib_v1", "0", "v28-sdr-parent-3f0eef38bb48af1f48ad65e14eb85b4ebfc167cec18cd81764f6d998836c9899", "3da49221e2ed55371b86d0bf3d6526fcf128af61bed904f966428db1b531750d"],
  ["2kib_v1_1", "5", "v28-sdr-parent-494d91dc80f2df5272c4b9e129bc7ade9405225993af9fe34e6542a39a47554b", "840057702eea7652cf97e04306c30fe57174714d90de156a25eddd6075c25b97"],
  ["8mib_v1", "1", "v28-sdr-parent-dcdabb0fbe4364bf0ac28b6a18c66de246409fa1a9020a00f33fb3e3053da6dc", "a76604f2f59f2744c7151653bbb1d8596b6b57d295e6fa6c1f0c41d725b502ce"],
  ["8mib_v1_1", "6", "v28-sdr-parent-5eed212119fd91aa6220a27f31a8966444a9381842bceb3a1ea61525bd47a5b5", "03cd13565ded97c240a5f52e54295ad127bd0461b57904cb3a4d79b097bbecab"]
] as const
const parentCaches: Array<FunctionCase> = [
  ...CACHES.map(([slug, id, cacheId, digest]): FunctionCase => ({
    path: P(`valid_parent_cache_${slug}`), description: `seal proof ${id}: the parent cache's file name (v28-sdr-parent-<sha256 of hasher name, graph identifier, Feistel keys, nodes>) and sha256 of its nodes × 14 u32 LE parents`,
    call: { function: "sdrParentCache", input: { sealProof: id } }, expect: ok, source: PARENT_CACHE_JSON, known: { cacheId, digest }
  })),
  { path: P("invalid_parent_cache_64gib"), description: "StackedDrg64GiBV1: not built here", call: { function: "sdrParentCache", input: { sealProof: "4" } }, expect: err("UnsupportedSealProof") },
  { path: P("invalid_parent_cache_unknown_proof"), description: "seal proof 99", call: { function: "sdrParentCache", input: { sealProof: "99" } }, expect: err("UnknownSealProof") }
]

// ---------------------------------------------------------------------------------------------
// prover id, replica id

const proverIds: Array<FunctionCase> = [
  ...([["0", "00"], ["1000", "e807"], ["1002", "ea07"], ["9223372036854775807", "ffffffffffffffff7f"]] as const).map(([id, varint]): FunctionCase => ({
    path: P(`valid_prover_id_${id === "9223372036854775807" ? "max" : id}`), description: `the prover id of miner f0${id}: the varint of ${id} (${varint.length / 2} byte${varint.length === 2 ? "" : "s"}), then zeros`,
    call: { function: "sdrProverId", input: { actorId: id } }, expect: ok, source: VARINT, known: { proverId: varint + "00".repeat(32 - varint.length / 2) }
  })),
  { path: P("invalid_prover_id_negative"), description: "actor id −1", call: { function: "sdrProverId", input: { actorId: "-1" } }, expect: err("InvalidActorId") },
  { path: P("invalid_prover_id_2_63"), description: "actor id 2^63: above the ids an ID address carries", call: { function: "sdrProverId", input: { actorId: "9223372036854775808" } }, expect: err("InvalidActorId") }
]

const ZERO_COMMD_2KIB = "fc7e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833"
const T01000 = "e807" + "00".repeat(30)
const benchRid = { proverId: T01000, sectorNumber: "1", ticket: "00".repeat(32), commD: ZERO_COMMD_2KIB, porepId: porepHex(5) }
const patternRid = { proverId: "ea07" + "00".repeat(30), sectorNumber: "9223372036854775807", ticket: pattern(32, 3), commD: pattern(32, 4), porepId: porepHex(6) }
const rid = (name: string, description: string, input: typeof benchRid, expect: FunctionCase["expect"], known = false): FunctionCase => ({
  path: P(name), description, call: { function: "sdrReplicaId", input }, expect,
  ...(known ? { source: REPLICA_HAND, known: { replicaId: handReplicaId(input) } } : {})
})
const replicaIds: Array<FunctionCase> = [
  rid("valid_replica_id_lotus_bench", "the replica id of the lotus-bench sector (t01000, sector 1, zero ticket, the zero 2 KiB CommD, StackedDrg2KiBV1_1): the one valid_seal_lotus_bench seals with, whose sealed CID is Filecoin's", benchRid, ok, true),
  rid("valid_replica_id_pattern", "sector 2^63 − 1 (the largest), patterned ticket and CommD, StackedDrg8MiBV1_1's porep_id", patternRid, ok, true),
  ...(["proverId", "ticket", "commD", "porepId"] as const).flatMap((field) => [
    rid(`invalid_replica_id_${field.toLowerCase()}_31_bytes`, `${field} of 31 bytes`, { ...benchRid, [field]: benchRid[field].slice(2) }, err("InvalidReplicaIdInput")),
    rid(`invalid_replica_id_${field.toLowerCase()}_33_bytes`, `${field} of 33 bytes`, { ...benchRid, [field]: benchRid[field] + "00" }, err("InvalidReplicaIdInput"))
  ]),
  rid("invalid_replica_id_sector_negative", "sector number −1", { ...benchRid, sectorNumber: "-1" }, err("InvalidReplicaIdInput")),
  rid("invalid_replica_id_sector_2_63", "sector number 2^63: above the actors' largest (i64::MAX)", { ...benchRid, sectorNumber: "9223372036854775808" }, err("InvalidReplicaIdInput"))
]

// ---------------------------------------------------------------------------------------------
// labels

const LRID = masked(sha256(new TextEncoder().encode("filflow sdr vectors")))
const plabels = range(14).map((i) => masked(sha256(Uint8Array.of(i))))
const label = (name: string, description: string, layer: number, node: number, ps: ReadonlyArray<string>, expect: FunctionCase["expect"], replicaId = LRID): FunctionCase => ({
  path: P(name), description, call: { function: "sdrLabel", input: { replicaId, layer, node, parents: ps } }, expect,
  ...(expect === ok ? { source: LABEL_HAND, known: { label: handLabel(replicaId, layer, node, ps) } } : {})
})

const TEST_CREATE_LABELS: ReadonlyArray<readonly [number, number, "1.0.0" | "1.1.0", ReadonlyArray<bigint>]> = [
  [64, 0, "1.0.0", [0xd3faa96b9a0fba04n, 0xea81a283d106485en, 0xe3d51b9afa5ac2b3n, 0x0462f4f4f1a68d37n]],
  [128, 0, "1.0.0", [0x7e191e52c4a8da86n, 0x5ae8a1c9e6fac148n, 0xce239f3b88a894b8n, 0x234c00d1dc1d53ben]],
  [64, 123, "1.1.0", [0xabb3f38bb70defcfn, 0x777a2e4d7769119fn, 0x3448959d495490bcn, 0x06021188c7a71cb5n]],
  [128, 123, "1.1.0", [0x22ab81cf68c4676dn, 0x7a77a82fc7c9c189n, 0xc6c03d32c1e42d23n, 0x0f777c18cc2c55bdn]]
]
const layersIn = { porepId: "7b".repeat(32), apiVersion: "1.1.0" as const, nodes: 64, layers: 2, replicaId: "09".repeat(32) }
const labelLayers: Array<FunctionCase> = [
  ...TEST_CREATE_LABELS.map(([nodes, porepByte, api, limbs]): FunctionCase => ({
    path: P(`valid_labels_create_labels_${nodes}_v${api === "1.0.0" ? "1" : "1_1"}`),
    description: `rust-fil-proofs' test_create_labels: ${nodes} nodes, porep_id [${porepByte}; 32] (not a registered proof's), API ${api}, 11 layers, replica_id [9; 32]: every layer's labels`,
    call: { function: "sdrLabelLayers", input: { porepId: toHex(new Uint8Array(32).fill(porepByte)), apiVersion: api, nodes, layers: 11, replicaId: "09".repeat(32) } }, expect: ok,
    source: CREATE_LABELS, known: { lastLabel: le32(limbs) }
  })),
  { path: P("invalid_labels_nodes_100"), description: "100 nodes: not a power of two", call: { function: "sdrLabelLayers", input: { ...layersIn, nodes: 100 } }, expect: err("InvalidGraph") },
  { path: P("invalid_labels_nodes_2_19"), description: "2^19 nodes: above the 8 MiB graphs labelled here", call: { function: "sdrLabelLayers", input: { ...layersIn, nodes: 1 << 19 } }, expect: err("InvalidGraph") },
  { path: P("invalid_labels_porep_id_short"), description: "a porep_id of 31 bytes", call: { function: "sdrLabelLayers", input: { ...layersIn, porepId: "7b".repeat(31) } }, expect: err("InvalidGraph") },
  { path: P("invalid_labels_layers_0"), description: "no layers", call: { function: "sdrLabelLayers", input: { ...layersIn, layers: 0 } }, expect: err("InvalidLayerCount") },
  { path: P("invalid_labels_layers_12"), description: "12 layers: more than any registered proof's 11", call: { function: "sdrLabelLayers", input: { ...layersIn, layers: 12 } }, expect: err("InvalidLayerCount") },
  { path: P("invalid_labels_replica_id_short"), description: "a replica id of 31 bytes", call: { function: "sdrLabelLayers", input: { ...layersIn, replicaId: "09".repeat(31) } }, expect: err("InvalidLabelInput") }
]

const labels: Array<FunctionCase> = [
  label("valid_label_node_0", "node 0 of layer 1: the 64-byte header alone is hashed", 1, 0, [], ok),
  label("valid_label_node_0_layer_2", "node 0 of layer 2: the header alone, layer 2", 2, 0, [], ok),
  label("valid_label_layer_1", "layer 1, node 300: six rounds of the 6 base parents' labels, then parent 0", 1, 300, plabels.slice(0, 6), ok),
  label("valid_label_layer_2", "layer 2, node 300: the 14 parents (6 base from layer 2, 8 expander from layer 1) twice, parents 0…7, then parent 8", 2, 300, plabels, ok),
  label("valid_label_layer_11_last_node", "layer 11, node 2^32 − 1 (the largest node index written here)", 11, 0xffffffff, plabels, ok),
  label("invalid_label_layer_1_fourteen_parents", "layer 1 takes 6 parent labels, not 14", 1, 5, plabels, err("InvalidLabelInput")),
  label("invalid_label_layer_2_six_parents", "layer 2 takes 14 parent labels, not 6", 2, 5, plabels.slice(0, 6), err("InvalidLabelInput")),
  label("invalid_label_node_0_with_parents", "node 0 has no parents", 1, 0, plabels.slice(0, 6), err("InvalidLabelInput")),
  label("invalid_label_short_parent", "a parent label of 31 bytes", 1, 5, plabels.slice(0, 6).map((p, i) => (i === 3 ? p.slice(2) : p)), err("InvalidLabelInput")),
  label("invalid_label_layer_0", "layers are 1-based", 0, 5, plabels.slice(0, 6), err("InvalidLabelInput")),
  label("invalid_label_replica_id_short", "a replica id of 31 bytes", 1, 5, plabels.slice(0, 6), err("InvalidLabelInput"), LRID.slice(2))
]

// ---------------------------------------------------------------------------------------------
// node encoding

const K = fr(0x1234567890abcdefn * 0x1000000000000000000000000000000n + 17n)
const D = pattern(31, 5) + "00"
const encodeNode = (name: string, description: string, key: string, data: string, expect: FunctionCase["expect"], hand = true): FunctionCase => ({
  path: P(name), description, call: { function: "sdrEncodeNode", input: { key, data } }, expect,
  ...(expect === ok && hand ? { source: FIELD_HAND, known: { replica: fr((leInt(key) + leInt(data)) % R) } } : {})
})
const decodeNode = (name: string, description: string, key: string, replica: string, expect: FunctionCase["expect"]): FunctionCase => ({
  path: P(name), description, call: { function: "sdrDecodeNode", input: { key, replica } }, expect,
  ...(expect === ok ? { source: FIELD_HAND, known: { data: fr((leInt(replica) - leInt(key) + R) % R) } } : {})
})
const nodes: Array<FunctionCase> = [
  encodeNode("valid_encode_node_zero_key", "key 0: the replica node is the data node", fr(0n), D, ok),
  encodeNode("valid_encode_node", "a key and a data node whose sum is below r", K, D, ok),
  encodeNode("valid_encode_node_wraps", "key r − 1 plus data 2 wraps to 1", fr(R - 1n), fr(2n), ok),
  encodeNode("valid_encode_node_max", "(r − 1) + (r − 1) = r − 2", fr(R - 1n), fr(R - 1n), ok),
  encodeNode("invalid_encode_node_data_r", "data = r: not a field element", K, fr(R), err("NodeNotInField")),
  encodeNode("invalid_encode_node_key_all_ones", "a key of 32 × 0xff: not a field element", "ff".repeat(32), D, err("NodeNotInField")),
  encodeNode("invalid_encode_node_short_key", "a key of 31 bytes", K.slice(2), D, err("EncodeLengthMismatch")),
  encodeNode("invalid_encode_node_two_nodes", "64 bytes of data: one node at a time", K, D + D, err("EncodeLengthMismatch")),
  decodeNode("valid_decode_node", "decoding valid_encode_node's replica node gives its data node back", K, fr((leInt(K) + leInt(D)) % R), ok),
  decodeNode("valid_decode_node_wraps", "replica 1 minus key r − 1 wraps to 2", fr(R - 1n), fr(1n), ok),
  decodeNode("valid_decode_node_zero", "replica 0 minus key 1 is r − 1", fr(1n), fr(0n), ok),
  decodeNode("invalid_decode_node_replica_r", "replica = r: not a field element", K, fr(R), err("NodeNotInField")),
  decodeNode("invalid_decode_node_long_replica", "a replica node of 33 bytes", K, D + "00", err("EncodeLengthMismatch"))
]

// ---------------------------------------------------------------------------------------------
// seal and unseal (2 KiB)

/** 2048 bytes of fr32-padded pattern data: every node canonical, as AddPiece writes them. */
const padded = (seed: number): string => run<{ bytes: string }>({ function: "fr32Pad", input: { bytes: pattern(2032, seed) } }).bytes
const ZERO_2KIB = "00".repeat(2048)
const benchSeal = { sealProof: "5", proverId: T01000, sectorNumber: "1", ticket: "00".repeat(32), unsealed: ZERO_2KIB }
const minerSeal = { ...benchSeal, proverId: "ea07" + "00".repeat(30), ticket: "c3a1ca12b981a8a59f9a4764edf3398edd239b2afa8ca2bbd57e0091ec193aa0" }
const v11Seal = { sealProof: "5", proverId: "8f03" + "00".repeat(30), sectorNumber: "42", ticket: pattern(32, 6), unsealed: padded(7) }
const v1Seal = { ...v11Seal, sealProof: "0" }
/** The sealed sectors' inputs, for the proof vectors (scripts/vectors/post.ts, sealProof.ts). */
export const SEAL_INPUTS = { bench: benchSeal, miner: minerSeal, v11: v11Seal, v1: v1Seal } as const
const sealOut = (input: typeof benchSeal) => run<{ replicaId: string; replica: string; layers: ReadonlyArray<string> }>({ function: "sdrSeal", input })
const seal = (name: string, description: string, input: typeof benchSeal, expect: FunctionCase["expect"], known?: { source: string; known: Record<string, unknown> }): FunctionCase =>
  ({ path: P(name), description, call: { function: "sdrSeal", input }, expect, ...(known ?? {}) })

const seals: Array<FunctionCase> = [
  seal("valid_seal_lotus_bench", "lotus-bench simple: t01000, sector 1, zero ticket, 2048 zero bytes, StackedDrg2KiBV1_1", benchSeal, ok, {
    source: LOTUS_BENCH, known: { unsealedCid: "baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy", sealedCid: "bagboea4b5abcbrshxgmmpaucffwp2elaofbcrvb7hmcu3653o4lsw2arlor4hn3c", commD: ZERO_COMMD_2KIB }
  }),
  seal("valid_seal_lotus_miner_t01002", "a lotus-miner devnet sector: t01002, sector 1, ticket c3a1…3aa0, committed capacity (zeros), StackedDrg2KiBV1_1", minerSeal, ok, {
    source: LOTUS_MINER, known: { sealedCid: "bagboea4b5abcbnym7z3pgc64fk5wwsk3nsmz62jamgaa3pekzelmm3fv5q6g6zji" }
  }),
  seal("valid_seal_v1_1_data", "StackedDrg2KiBV1_1, f0399's sector 42, patterned ticket, fr32-padded pattern data", v11Seal, ok),
  seal("valid_seal_v1_data", "the same sector under StackedDrg2KiBV1 (API 1.0.0: another parent order, another porep_id)", v1Seal, ok),
  seal("valid_seal_max_sector_number", "sector 2^63 − 1", { ...v11Seal, sectorNumber: "9223372036854775807" }, ok),
  seal("invalid_seal_unknown_proof", "seal proof 10", { ...benchSeal, sealProof: "10" }, err("UnknownSealProof")),
  seal("invalid_seal_32gib", "StackedDrg32GiBV1_1: not sealed here (sub-trees, 11 layers)", { ...benchSeal, sealProof: "8" }, err("UnsupportedSealProof")),
  seal("invalid_seal_unsealed_2047", "2047 unsealed bytes for a 2 KiB sector", { ...benchSeal, unsealed: "00".repeat(2047) }, err("InvalidSealInputLength")),
  seal("invalid_seal_unsealed_for_8mib", "2048 unsealed bytes for StackedDrg8MiBV1_1", { ...benchSeal, sealProof: "6" }, err("InvalidSealInputLength")),
  seal("invalid_seal_ticket_31", "a ticket of 31 bytes", { ...benchSeal, ticket: "00".repeat(31) }, err("InvalidSealInputLength")),
  seal("invalid_seal_prover_id_33", "a prover id of 33 bytes", { ...benchSeal, proverId: T01000 + "00" }, err("InvalidSealInputLength")),
  seal("invalid_seal_sector_negative", "sector −1", { ...benchSeal, sectorNumber: "-1" }, err("InvalidSectorNumber")),
  seal("invalid_seal_sector_2_63", "sector 2^63", { ...benchSeal, sectorNumber: "9223372036854775808" }, err("InvalidSectorNumber")),
  seal("invalid_seal_node_not_in_field", "node 5 of the unsealed bytes is 32 × 0xff (not fr32-padded: above r)", { ...benchSeal, unsealed: "00".repeat(160) + "ff".repeat(32) + "00".repeat(2048 - 192) }, err("NodeNotInField"))
]

const unsealCase = (name: string, description: string, input: { sealProof: string; replicaId: string; replica: string }, expect: FunctionCase["expect"], original?: { of: string; unsealed: string }): FunctionCase => ({
  path: P(name), description, call: { function: "sdrUnseal", input }, expect,
  ...(original === undefined ? {} : { source: `the input of proofs/sdr/${original.of} (round trip)`, known: { unsealed: original.unsealed } })
})
const bench = sealOut(benchSeal)
const v11 = sealOut(v11Seal)
const v1 = sealOut(v1Seal)
const flipNode = (hex: string, node: number, value: string): string => hex.slice(0, node * 64) + value + hex.slice(node * 64 + 64)
const unseals: Array<FunctionCase> = [
  unsealCase("valid_unseal_lotus_bench", "unsealing valid_seal_lotus_bench's replica with its replica id gives the 2048 zero bytes", { sealProof: "5", replicaId: bench.replicaId, replica: bench.replica }, ok, { of: "valid_seal_lotus_bench", unsealed: ZERO_2KIB }),
  unsealCase("valid_unseal_v1_1_data", "unsealing valid_seal_v1_1_data's replica", { sealProof: "5", replicaId: v11.replicaId, replica: v11.replica }, ok, { of: "valid_seal_v1_1_data", unsealed: v11Seal.unsealed }),
  unsealCase("valid_unseal_v1_data", "unsealing valid_seal_v1_data's replica (API 1.0.0 graph)", { sealProof: "0", replicaId: v1.replicaId, replica: v1.replica }, ok, { of: "valid_seal_v1_data", unsealed: v1Seal.unsealed }),
  unsealCase("valid_unseal_wrong_version", "valid_seal_v1_1_data's replica unsealed on the V1 graph: bytes come out, not the original ones (a replica carries no proof of its graph)", { sealProof: "0", replicaId: v11.replicaId, replica: v11.replica }, ok),
  unsealCase("invalid_unseal_replica_2047", "a replica of 2047 bytes", { sealProof: "5", replicaId: bench.replicaId, replica: bench.replica.slice(2) }, err("InvalidSealInputLength")),
  unsealCase("invalid_unseal_replica_id_31", "a replica id of 31 bytes", { sealProof: "5", replicaId: bench.replicaId.slice(2), replica: bench.replica }, err("InvalidSealInputLength")),
  unsealCase("invalid_unseal_replica_node_not_in_field", "replica node 7 is r: not a field element", { sealProof: "5", replicaId: bench.replicaId, replica: flipNode(bench.replica, 7, fr(R)) }, err("NodeNotInField")),
  unsealCase("invalid_unseal_replica_id_not_in_field", "a replica id of 32 × 0xff: not a field element (replica ids are masked to 254 bits)", { sealProof: "5", replicaId: "ff".repeat(32), replica: bench.replica }, err("NodeNotInField")),
  unsealCase("invalid_unseal_unknown_proof", "seal proof 10", { sealProof: "10", replicaId: bench.replicaId, replica: bench.replica }, err("UnknownSealProof")),
  unsealCase("invalid_unseal_64gib", "StackedDrg64GiBV1_1: not unsealed here", { sealProof: "9", replicaId: bench.replicaId, replica: bench.replica }, err("UnsupportedSealProof"))
]

// a label of a sealed sector, recomputed from its parents' labels as a verifier does
const benchParents = run<{ parents: ReadonlyArray<{ base: ReadonlyArray<number>; expander: ReadonlyArray<number> }> }>({ function: "sdrParents", input: { sealProof: "5", nodes: [37] } }).parents[0]!
const nodeOf = (flat: string, i: number): string => flat.slice(64 * i, 64 * i + 64)
const benchLabel: FunctionCase = {
  path: P("valid_label_from_seal"),
  description: "node 37 of layer 2 of valid_seal_lotus_bench, from its 6 base parents' labels in layer 2 and 8 expander parents' labels in layer 1 (valid_parents_2kib_v1_1_all): the label that seal's layer 2 holds",
  call: { function: "sdrLabel", input: { replicaId: bench.replicaId, layer: 2, node: 37, parents: [...benchParents.base.map((p) => nodeOf(bench.layers[1]!, p)), ...benchParents.expander.map((p) => nodeOf(bench.layers[0]!, p))] } },
  expect: ok, source: "proofs/sdr/valid_seal_lotus_bench, output layers[1] node 37 (consistency with the sealed sector, whose sealed CID is Filecoin's)", known: { label: nodeOf(bench.layers[1]!, 37) }
}

/** Every Stacked DRG function case, in a fixed order. */
export const sdrCases: ReadonlyArray<FunctionCase> = [
  ...porepIds, ...parents, ...parentCaches, ...proverIds, ...replicaIds, ...labels, benchLabel, ...labelLayers, ...nodes, ...seals, ...unseals
]
