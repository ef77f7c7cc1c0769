/**
 * The scalar types of the vector format `filflow-vector/1` (`vectors/README.md`, "Conventions"):
 * chain integers as decimal strings, bytes as lowercase hex, addresses as `f` strings.  Shared by
 * `schema.ts` and `storageSchema.ts`.
 *
 * @module
 */
import { Schema } from "effect"

/** An integer as a decimal string, no leading zeros, optional minus sign. */
export const Decimal = Schema.String.check(Schema.isPattern(/^(0|-?[1-9][0-9]*)$/u)).annotate({
  identifier: "Decimal", description: "an integer in decimal (chain integers: epochs, attoFIL, nonces, lanes, ids, methods)"
})
/** Bytes as lowercase hex, even length, no prefix (`""` = no bytes). */
export const Hex = Schema.String.check(Schema.isPattern(/^([0-9a-f]{2})*$/u)).annotate({
  identifier: "Hex", description: "bytes as lowercase hex, no 0x prefix"
})
/** A Filecoin address in string form on mainnet (`f0…`, `f1…`, `f2…`, `f3…`, `f4…`). */
export const AddressString = Schema.String.check(Schema.isPattern(/^f[0-4][0-9a-z]+$/u)).annotate({
  identifier: "Address", description: "a Filecoin address string, network f"
})
/** An ID address string (`f0` followed by the actor id). */
export const IdAddressString = Schema.String.check(Schema.isPattern(/^f0(0|[1-9][0-9]*)$/u)).annotate({
  identifier: "IdAddress", description: "an ID address string f0<id>"
})
/** A CID in its default string form (base32 `b…` for CIDv1). */
export const CidString = Schema.String.check(Schema.isPattern(/^b[a-z2-7]+$/u)).annotate({
  identifier: "Cid", description: "a CIDv1 as its base32 string (b…)"
})
