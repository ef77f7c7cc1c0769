/**
 * The explorer's compact encoding of a SectorPacking state (see `Specification.encode` in
 * `./interface.ts`) and its inverse.  Each set of deals or sectors is one bit-mask word (the
 * general form when an element is outside 0..30), each map its key set and then its values in key
 * order, a unit of a sector's data one word `8d + i`, a PIP's root one marker word when it is its
 * sector's data.  Two states have equal encodings exactly when their {@link key}s are equal
 * (test/model/encoding.test.ts).
 *
 * @module
 */
import { readIntMap, readIntSet, WordReader, writeInt, writeIntMap, writeIntSet } from "./_fingerprint.js"
import { type Chunk, type Pip, type Placement, type State, type Units, sameUnits } from "./SectorPacking.js"

/** Written in place of a PIP's root when it equals the data of the PIP's sector (a units length is never negative). */
const SameAsData = -2

/** A chunk `<<d, i>>` as one word `8d + i` (0 <= i < 8, 0 <= d < 2^27), else as −1, d, i. */
const writeChunk = (out: Int32Array, at: number, [d, i]: Chunk): number => {
  if (i >= 0 && i < 8 && d >= 0 && d < 1 << 27 && Number.isInteger(i) && Number.isInteger(d)) {
    out[at] = d * 8 + i
    return at + 1
  }
  out[at] = -1
  return writeInt(out, writeInt(out, at + 1, d), i)
}

const writeUnits = (out: Int32Array, at: number, u: Units): number => {
  out[at++] = u.length
  for (let k = 0; k < u.length; k++) at = writeChunk(out, at, u[k]!)
  return at
}

const writePlacement = (out: Int32Array, at: number, p: Placement): number => writeInt(out, writeInt(out, at, p.sector), p.offset)

/**
 * Encodes `s` into `out` from index 0; returns the number of words.
 *
 * @category exploration
 * @since 0.2.0
 */
export const encode = (s: State, out: Int32Array): number => {
  let at = writeIntSet(out, writeIntSet(out, 0, s.given), s.queue)
  at = writeIntMap(out, at, s.placed, writePlacement)
  at = writeIntMap(out, at, s.data, writeUnits)
  at = writeIntSet(out, at, s.packed)
  return writeIntMap(out, at, s.pips, (o, a, p: Pip) => {
    a = writeInt(o, writeInt(o, writeInt(o, a, p.sector), p.offset), p.size)
    const data = s.data.get(p.sector)
    if (data !== undefined && sameUnits(p.root, data)) {
      o[a] = SameAsData
      return a + 1
    }
    return writeUnits(o, a, p.root)
  })
}

const chunks = new Map<number, Chunk>()
const readChunk = (r: WordReader): Chunk => {
  const w = r.w[r.at++]!
  if (w >= 0) {
    let chunk = chunks.get(w)
    if (chunk === undefined) chunks.set(w, (chunk = [w >>> 3, w & 7]))
    return chunk
  }
  const d = r.int()
  return [d, r.int()]
}
const readUnits = (r: WordReader): Units => {
  const units: Array<Chunk> = new Array<Chunk>(r.int())
  for (let k = 0; k < units.length; k++) units[k] = readChunk(r)
  return units
}

/**
 * The state whose encoding is `w` (the inverse of {@link encode}).
 *
 * @category exploration
 * @since 0.2.0
 */
export const decode = (w: Int32Array): State => {
  const r = new WordReader(w)
  const given = readIntSet(r)
  const queue = readIntSet(r)
  const placed = readIntMap(r, (q): Placement => {
    const sector = q.int()
    return { sector, offset: q.int() }
  })
  const data = readIntMap(r, readUnits)
  const packed = readIntSet(r)
  const pips = readIntMap(r, (q): Pip => {
    const sector = q.int()
    const offset = q.int()
    const size = q.int()
    const root = q.w[q.at] === SameAsData ? (q.at++, data.get(sector)!) : readUnits(q)
    return { sector, offset, size, root }
  })
  return { given, queue, placed, data, packed, pips }
}
