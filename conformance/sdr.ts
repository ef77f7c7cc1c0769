/**
 * Function vectors of Stacked DRG (`vectors/proofs/sdr/`) through our implementation
 * (`src/proofs/sdr/`): porep_id, parents and the parent cache, prover and replica IDs, labels,
 * node encoding, sealing and unsealing, the vanilla seal proof (proved after sealing; verified from
 * its DAG-CBOR bytes, `src/proofs/sdr/sealProofCbor.ts`).  Each call answers its output as JSON or the tag of the
 * typed error it fails with: the implementation's own (`UnknownSealProof`, `InvalidReplicaIdInput`,
 * `InvalidSealInputLength`, `InvalidSectorNumber`, `NodeNotInField`, `EncodeLengthMismatch`,
 * `UnsupportedSealProof`) or, for inputs the library takes as preconditions, one of
 * {@link SDR_INPUT_TAGS}.
 *
 * @module
 */
import { Result } from "effect"
import { fromHex, toHex } from "../src/impl/encoding/hex.js"
import { decodeNode, encodeNode } from "../src/proofs/sdr/encode.js"
import { DEGREE, StackedBucketGraph } from "../src/proofs/sdr/expander.js"
import { BASE_DEGREE } from "../src/proofs/sdr/drg.js"
import { labelLayers, labelNode } from "../src/proofs/sdr/labels.js"
import { sdrParams } from "../src/proofs/sdr/params.js"
import { parentCacheId, streamParentCacheDigest } from "../src/proofs/sdr/parentCache.js"
import { type ApiVersion, porepId, sealProof, type SealProofInfo } from "../src/proofs/sdr/porepId.js"
import { parentCache } from "../src/proofs/sdr/parentCache.js"
import { proverIdFromActorId, replicaIdChecked } from "../src/proofs/sdr/replicaId.js"
import { seal, unseal, UnsupportedSealProof } from "../src/proofs/sdr/seal.js"
import { proveSeal } from "../src/proofs/sdr/sealProof.js"
import { decodeSealProof, encodeSealProof } from "../src/proofs/sdr/sealProofCbor.js"
import { verifySeal } from "../src/proofs/sdr/verifySeal.js"
import { MAX_UVARINT } from "../src/proofs/uvarint.js"
import type { FunctionCall, FunctionOutput } from "./schema.js"
import { typed } from "./typedError.js"

/** Why a call failed: the tag (compared) and a message. */
export interface SdrFailure {
  readonly tag: string
  readonly message: string
}
type R<A> = Result.Result<A, SdrFailure>

/**
 * The tags of inputs rejected here rather than by the library (which takes them as
 * preconditions): a node outside the graph, an actor id outside 0 … 2^63 − 1, a label's inputs of
 * the wrong size or count, a graph that is not a power-of-two node count from 4 to 2^18 or whose
 * porep_id is not 32 bytes, a layer count outside 1 … 11; `InvalidInput` for bad hex.
 */
export const SDR_INPUT_TAGS = ["NodeOutOfRange", "InvalidActorId", "InvalidLabelInput", "InvalidGraph", "InvalidLayerCount", "InvalidInput"] as const

const fail = (tag: (typeof SDR_INPUT_TAGS)[number], message: string): R<never> => Result.fail({ tag, message })
const bytes = (hex: string, field: string): R<Uint8Array> => Result.mapError(fromHex(hex), (e) => ({ tag: "InvalidInput", message: `${field}: ${e.message}` }))

/** The wire form of an API version. */
const apiJson = (v: ApiVersion): "1.0.0" | "1.1.0" => (v === "V1_0_0" ? "1.0.0" : "1.1.0")

/** Largest graph built here from a porep_id: 2^18 nodes (8 MiB). */
const MAX_LABEL_NODES = 1 << 18
/** Most layers labelled here: 11 (constants.rs `LAYERS` of 32/64 GiB). */
const MAX_LAYERS = 11
/** Largest sector whose graph is built here: 512 MiB (the Feistel domain of 32 GiB exceeds 2^32). */
const MAX_GRAPH_SECTOR = 512 << 20

const proofOf = (id: string): R<SealProofInfo> => typed(sealProof(Number(id)))

/** The graph of a registered proof, refused above 512 MiB. */
const graphOf = (p: SealProofInfo): R<StackedBucketGraph> =>
  p.sectorSize > MAX_GRAPH_SECTOR
    ? typed(Result.fail(new UnsupportedSealProof({ proof: p.name, sectorSize: p.sectorSize })))
    : Result.succeed(new StackedBucketGraph(p.sectorSize / 32, porepId(p), p.apiVersion))

/** A call of a Stacked DRG function (its name starts with `sdr`). */
export type SdrCall = Extract<FunctionCall, { readonly function: `sdr${string}` }>

/** Whether `call` is a Stacked DRG function call. */
export const isSdrCall = (call: FunctionCall): call is SdrCall => call.function.startsWith("sdr")

/**
 * Runs one Stacked DRG function call with our implementation.  Never throws for a well-formed call.
 *
 * @example
 * sdrCall({ function: "sdrPorepId", input: { sealProof: "5" } }) // => Success({ name: "StackedDrg2KiBV1_1", porepId: "0500…", … })
 * sdrCall({ function: "sdrPorepId", input: { sealProof: "10" } }) // => Failure({ tag: "UnknownSealProof", … })
 * @category adapter
 * @since 0.1.0
 */
export const sdrCall = (call: SdrCall): R<FunctionOutput> => {
  switch (call.function) {
    case "sdrPorepId": return Result.gen(function* () {
      const p = yield* proofOf(call.input.sealProof)
      const params = sdrParams(p)
      return { name: p.name, sectorSize: String(p.sectorSize), apiVersion: apiJson(p.apiVersion), porepId: toHex(porepId(p)), nodes: params.nodes, layers: params.layers }
    })
    case "sdrParents": return Result.gen(function* () {
      const g = yield* graphOf(yield* proofOf(call.input.sealProof))
      const out: Array<{ node: number; base: Array<number>; expander: Array<number> }> = []
      for (const v of call.input.nodes) {
        if (v < 0 || v >= g.nodes) return yield* fail("NodeOutOfRange", `node ${v} is outside the graph's 0 … ${g.nodes - 1}`)
        const ps = Array.from(g.parents(v))
        out.push({ node: v, base: ps.slice(0, BASE_DEGREE), expander: ps.slice(BASE_DEGREE, DEGREE) })
      }
      return { parents: out }
    })
    case "sdrParentCache": return Result.gen(function* () {
      const g = yield* graphOf(yield* proofOf(call.input.sealProof))
      return { cacheId: parentCacheId(g), digest: streamParentCacheDigest(g) }
    })
    case "sdrProverId": {
      const id = BigInt(call.input.actorId)
      return id < 0n || id > MAX_UVARINT
        ? fail("InvalidActorId", `actor id ${id} is outside 0 … 2^63 − 1`)
        : Result.succeed({ proverId: toHex(proverIdFromActorId(id)) })
    }
    case "sdrReplicaId": return Result.gen(function* () {
      const { input } = call
      const rid = yield* typed(replicaIdChecked({
        proverId: yield* bytes(input.proverId, "proverId"), sectorNumber: BigInt(input.sectorNumber), ticket: yield* bytes(input.ticket, "ticket"),
        commD: yield* bytes(input.commD, "commD"), porepId: yield* bytes(input.porepId, "porepId")
      }))
      return { replicaId: toHex(rid) }
    })
    case "sdrLabel": return Result.gen(function* () {
      const { input } = call
      const rid = yield* bytes(input.replicaId, "replicaId")
      // a 32-byte replica id, a 1-based layer, a node that fits the u64 header field as labels.ts writes it
      if (rid.length !== 32) return yield* fail("InvalidLabelInput", `replicaId: ${rid.length} bytes, not 32`)
      if (input.layer < 1 || input.layer > 0xffffffff) return yield* fail("InvalidLabelInput", `layer ${input.layer} is not a 1-based u32`)
      if (input.node < 0 || input.node > 0xffffffff) return yield* fail("InvalidLabelInput", `node ${input.node} is outside 0 … 2^32 − 1`)
      const parents: Array<Uint8Array> = []
      for (const [i, h] of input.parents.entries()) {
        const b = yield* bytes(h, `parents[${i}]`)
        if (b.length !== 32) return yield* fail("InvalidLabelInput", `parents[${i}]: ${b.length} bytes, not 32`)
        parents.push(b)
      }
      // node 0 has no parents; layer 1 takes the 6 base parents, later layers 6 base + 8 expander
      const want = input.node === 0 ? 0 : input.layer === 1 ? BASE_DEGREE : DEGREE
      if (parents.length !== want) return yield* fail("InvalidLabelInput", `layer ${input.layer} node ${input.node}: ${parents.length} parent labels, expected ${want}`)
      return { label: toHex(labelNode(rid, input.layer, input.node, parents)) }
    })
    case "sdrLabelLayers": return Result.gen(function* () {
      const { input } = call
      const pid = yield* bytes(input.porepId, "porepId")
      const rid = yield* bytes(input.replicaId, "replicaId")
      if (pid.length !== 32) return yield* fail("InvalidGraph", `porepId: ${pid.length} bytes, not 32`)
      const n = input.nodes
      if (n < 4 || n > MAX_LABEL_NODES || (n & (n - 1)) !== 0) return yield* fail("InvalidGraph", `${n} nodes: not a power of two from 4 to 2^18`)
      if (input.layers < 1 || input.layers > MAX_LAYERS) return yield* fail("InvalidLayerCount", `${input.layers} layers: not 1 … ${MAX_LAYERS}`)
      if (rid.length !== 32) return yield* fail("InvalidLabelInput", `replicaId: ${rid.length} bytes, not 32`)
      const g = new StackedBucketGraph(n, pid, input.apiVersion === "1.0.0" ? "V1_0_0" : "V1_1_0")
      const layers = labelLayers(g, parentCache(g), rid, input.layers)
      const last = layers[layers.length - 1]!
      return { layers: layers.map(toHex), lastLabel: toHex(last.subarray(last.length - 32)) }
    })
    case "sdrEncodeNode": return Result.gen(function* () {
      const key = yield* bytes(call.input.key, "key")
      return { replica: toHex(yield* typed(encodeNode(key, yield* bytes(call.input.data, "data")))) }
    })
    case "sdrDecodeNode": return Result.gen(function* () {
      const key = yield* bytes(call.input.key, "key")
      return { data: toHex(yield* typed(decodeNode(key, yield* bytes(call.input.replica, "replica")))) }
    })
    case "sdrSeal": return Result.gen(function* () {
      const { input } = call
      const out = yield* typed(seal({
        proof: yield* proofOf(input.sealProof), proverId: yield* bytes(input.proverId, "proverId"), sectorNumber: BigInt(input.sectorNumber),
        ticket: yield* bytes(input.ticket, "ticket"), unsealed: yield* bytes(input.unsealed, "unsealed")
      }))
      return {
        commD: toHex(out.commD), commC: toHex(out.commC), commRLast: toHex(out.commRLast), commR: toHex(out.commR),
        sealedCid: out.sealedCid.toString(), unsealedCid: out.unsealedCid.toString(), replicaId: toHex(out.replicaId),
        layers: out.layers.map(toHex), replica: toHex(out.replica)
      }
    })
    case "sdrUnseal": return Result.gen(function* () {
      const { input } = call
      const unsealed = yield* typed(unseal({
        proof: yield* proofOf(input.sealProof), replicaId: yield* bytes(input.replicaId, "replicaId"), replica: yield* bytes(input.replica, "replica")
      }))
      return { unsealed: toHex(unsealed) }
    })
    case "sdrProveSeal": return Result.gen(function* () {
      const { input } = call
      const out = yield* typed(seal({
        proof: yield* proofOf(input.sealProof), proverId: yield* bytes(input.proverId, "proverId"), sectorNumber: BigInt(input.sectorNumber),
        ticket: yield* bytes(input.ticket, "ticket"), unsealed: yield* bytes(input.unsealed, "unsealed")
      }))
      const proof = yield* typed(proveSeal(out, yield* bytes(input.seed, "seed")))
      return { replicaId: toHex(out.replicaId), commD: toHex(out.commD), commR: toHex(out.commR), proof: toHex(encodeSealProof(proof)) }
    })
    case "sdrVerifySeal": return Result.gen(function* () {
      const { input } = call
      const proof = yield* typed(decodeSealProof(yield* bytes(input.proof, "proof")))
      yield* typed(verifySeal({
        replicaId: yield* bytes(input.replicaId, "replicaId"), commD: yield* bytes(input.commD, "commD"),
        commR: yield* bytes(input.commR, "commR"), seed: yield* bytes(input.seed, "seed")
      }, proof))
      return { valid: true }
    })
  }
}
