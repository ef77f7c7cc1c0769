/**
 * The Stacked DRG part of the vector format `filflow-vector/1` (`vectors/proofs/README.md`,
 * "sdr/"): the inputs and outputs of the function vectors of `src/proofs/sdr/` — porep_id, the
 * graph's parents and parent cache, prover and replica IDs, labels, encoding, sealing and
 * unsealing.
 *
 * Registered seal proof ids and sector numbers are decimal strings (as `windowPoStProofType` in
 * the chain state), node indices, layers and node counts JSON integers, bytes lowercase hex,
 * CIDs their base32 strings.
 *
 * @module
 */
import { Schema } from "effect"
import { CidString, Decimal, Hex } from "./scalars.js"

const Int = Schema.Number.check(Schema.isInt())

/** The proofs API version of a graph's parent order (storage-proofs-core `ApiVersion`). */
export const ApiVersionJson = Schema.Literals(["1.0.0", "1.1.0"]).annotate({ identifier: "ApiVersion" })

/** A registered seal proof (RegisteredSealProof, `0`…`9`). */
const SealProofIn = Schema.Struct({ sealProof: Decimal })

/** `sdrPorepId`: a registered seal proof → its name, size, API version, porep_id, nodes and layers. */
export const SdrPorepIdIO = {
  input: SealProofIn,
  output: Schema.Struct({
    name: Schema.String, sectorSize: Decimal, apiVersion: ApiVersionJson, porepId: Hex, nodes: Int, layers: Int
  }).annotate({ identifier: "SdrPorepIdOutput" })
} as const

/** One node's parents: 6 base parents (this layer) and 8 expander parents (the previous layer). */
export const NodeParentsJson = Schema.Struct({ node: Int, base: Schema.Array(Int), expander: Schema.Array(Int) })
  .annotate({ identifier: "NodeParents" })

/** `sdrParents`: a seal proof's graph, some nodes → their parents, in the order given. */
export const SdrParentsIO = {
  input: Schema.Struct({ sealProof: Decimal, nodes: Schema.Array(Int) }),
  output: Schema.Struct({ parents: Schema.Array(NodeParentsJson) }).annotate({ identifier: "SdrParentsOutput" })
} as const

/** `sdrParentCache`: a seal proof → the parent cache's file name (without `.cache`) and sha256 digest. */
export const SdrParentCacheIO = {
  input: SealProofIn,
  output: Schema.Struct({ cacheId: Schema.String, digest: Hex }).annotate({ identifier: "SdrParentCacheOutput" })
} as const

/** `sdrProverId`: a miner's actor id → its 32-byte prover id. */
export const SdrProverIdIO = {
  input: Schema.Struct({ actorId: Decimal }),
  output: Schema.Struct({ proverId: Hex }).annotate({ identifier: "SdrProverIdOutput" })
} as const

/** `sdrReplicaId`: prover id, sector number, ticket, CommD, porep_id → replica id. */
export const SdrReplicaIdIO = {
  input: Schema.Struct({ proverId: Hex, sectorNumber: Decimal, ticket: Hex, commD: Hex, porepId: Hex }),
  output: Schema.Struct({ replicaId: Hex }).annotate({ identifier: "SdrReplicaIdOutput" })
} as const

/** `sdrLabel`: one node's label from its parents' labels (6 in layer 1, 14 after). */
export const SdrLabelIO = {
  input: Schema.Struct({ replicaId: Hex, layer: Int, node: Int, parents: Schema.Array(Hex) }),
  output: Schema.Struct({ label: Hex }).annotate({ identifier: "SdrLabelOutput" })
} as const

/** `sdrLabelLayers`: every layer's labels of a graph given by porep_id, API version and node count. */
export const SdrLabelLayersIO = {
  input: Schema.Struct({ porepId: Hex, apiVersion: ApiVersionJson, nodes: Int, layers: Int, replicaId: Hex }),
  output: Schema.Struct({ layers: Schema.Array(Hex), lastLabel: Hex }).annotate({ identifier: "SdrLabelLayersOutput" })
} as const

/** `sdrEncodeNode`: key + data in Fr. */
export const SdrEncodeNodeIO = {
  input: Schema.Struct({ key: Hex, data: Hex }),
  output: Schema.Struct({ replica: Hex }).annotate({ identifier: "SdrEncodeNodeOutput" })
} as const

/** `sdrDecodeNode`: replica − key in Fr. */
export const SdrDecodeNodeIO = {
  input: Schema.Struct({ key: Hex, replica: Hex }),
  output: Schema.Struct({ data: Hex }).annotate({ identifier: "SdrDecodeNodeOutput" })
} as const

/** `sdrSeal`: a sector sealed, from its padded unsealed bytes. */
export const SdrSealIO = {
  input: Schema.Struct({ sealProof: Decimal, proverId: Hex, sectorNumber: Decimal, ticket: Hex, unsealed: Hex }),
  output: Schema.Struct({
    commD: Hex, commC: Hex, commRLast: Hex, commR: Hex, sealedCid: CidString, unsealedCid: CidString,
    replicaId: Hex, layers: Schema.Array(Hex), replica: Hex
  }).annotate({ identifier: "SdrSealOutput" })
} as const

/** `sdrUnseal`: the unsealed bytes of a replica. */
export const SdrUnsealIO = {
  input: Schema.Struct({ sealProof: Decimal, replicaId: Hex, replica: Hex }),
  output: Schema.Struct({ unsealed: Hex }).annotate({ identifier: "SdrUnsealOutput" })
} as const

/** A verifier's answer when the proof holds. */
export const ValidJson = Schema.Struct({ valid: Schema.Boolean })

/** `sdrProveSeal`: a 2 KiB sector sealed, then its vanilla seal proof for the interactive `seed`. */
export const SdrProveSealIO = {
  input: Schema.Struct({ sealProof: Decimal, proverId: Hex, sectorNumber: Decimal, ticket: Hex, unsealed: Hex, seed: Hex }),
  output: Schema.Struct({ replicaId: Hex, commD: Hex, commR: Hex, proof: Hex }).annotate({ identifier: "SdrProveSealOutput" })
} as const

/** `sdrVerifySeal`: a vanilla seal proof (DAG-CBOR) against replica id, CommD, CommR and the seed. */
export const SdrVerifySealIO = {
  input: Schema.Struct({ replicaId: Hex, commD: Hex, commR: Hex, seed: Hex, proof: Hex }),
  output: ValidJson
} as const
