/**
 * The explorer's set of visited states: each state's compact encoding (a run of 32-bit words)
 * stored once in one growing arena, found again through a 32-bit hash in an open-addressing table
 * of typed arrays.  No object is allocated per state.
 *
 * Membership is exact: a hash match is confirmed by comparing the stored words, so two states are
 * the same state exactly when their encodings are equal — no fingerprint collision can merge two
 * states and shift the counts the tests compare with TLC's.  (TLC keeps only a 64-bit fingerprint
 * per state and reports the chance that two states collided; keeping the words costs a few words
 * of memory per state, ≈ 60–160 bytes for the models here, plus 32–64 bytes of 16-byte slots
 * (the table is kept between a quarter and half full), against TLC's 8.)
 *
 * Also the encoders every model can use: {@link writeBigInt} for integers of any size and
 * {@link encodeKey}, the fallback that encodes a model's string key.
 *
 * @module
 */

/** MurmurHash3's 32-bit mixing of `len` words of `w` from `at` (Austin Appleby's public-domain design). */
export const hashWords = (w: Int32Array, at: number, len: number): number => {
  let h = 0x9747b28c
  for (let i = at, end = at + len; i < end; i++) {
    let k = Math.imul(w[i]!, 0xcc9e2d51)
    k = (k << 15) | (k >>> 17)
    h ^= Math.imul(k, 0x1b873593)
    h = (h << 13) | (h >>> 19)
    h = (Math.imul(h, 5) + 0xe6546b64) | 0
  }
  h ^= len
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) | 0
}

/** The words of one slot of a {@link StateTable}. */
const SLOT = 4

const grown = (a: Int32Array, atLeast: number): Int32Array<ArrayBuffer> => {
  let n = Math.max(a.length * 2, 16)
  while (n < atLeast) n *= 2
  const b = new Int32Array(n)
  b.set(a)
  return b
}

/**
 * A set of encodings, each given the index of its insertion (0, 1, 2, …).
 *
 * @example
 * ```ts
 * import { StateTable } from "filflow/model/_fingerprint"
 * const t = new StateTable()
 * // new: its index, 0
 * t.add(Int32Array.of(7, 8), 2) // => 0
 * // present: −1 − its index
 * t.add(Int32Array.of(7, 8), 2) // => -1
 * t.size // => 1
 * ```
 * @category exploration
 * @since 0.2.0
 */
export class StateTable {
  /**
   * Open-addressing slots of {@link SLOT} words each: the state's index + 1 (0: empty), its hash,
   * and where its words are in `words` and how many — so that a probe reads one cache line of
   * the slots before the words it compares (the table is far larger than the caches).
   */
  private slots: Int32Array
  private mask: number
  /** Each state's hash, to rehash on growth. */
  private hashes = new Int32Array(1024)
  /** offsets[i]..offsets[i + 1] are state i's words in `words`. */
  private offsets = new Int32Array(1025)
  private words = new Int32Array(16384)
  /** The number of states held. */
  size = 0

  constructor(initialSlots = 1 << 12) {
    let n = 16
    while (n < initialSlots) n *= 2
    this.slots = new Int32Array(n * SLOT)
    this.mask = n - 1
  }

  /** The number of slots (a power of two; kept at least twice the number of states). */
  get capacity(): number {
    return this.mask + 1
  }

  /**
   * Adds the encoding `w[0..len)`: returns its new index when it was absent, or `-1 - index` of
   * the equal encoding already held.
   */
  add(w: Int32Array, len: number): number {
    const h = hashWords(w, 0, len)
    const { slots, mask } = this
    let words = this.words
    let i = h & mask
    for (let slot = slots[i * SLOT]!; slot !== 0; slot = slots[i * SLOT]!) {
      const e = i * SLOT
      if (slots[e + 1] === h && slots[e + 3] === len) {
        const at = slots[e + 2]!
        let k = 0
        while (k < len && words[at + k] === w[k]) k++
        if (k === len) return -slot
      }
      i = (i + 1) & mask
    }
    const index = this.size
    if (index + 1 >= this.hashes.length) {
      this.hashes = grown(this.hashes, index + 2)
      this.offsets = grown(this.offsets, index + 2)
    }
    const at = this.offsets[index]!
    if (at + len > words.length) this.words = words = grown(words, at + len)
    words.set(w.subarray(0, len), at)
    this.offsets[index + 1] = at + len
    this.hashes[index] = h
    const e = i * SLOT
    slots[e] = index + 1
    slots[e + 1] = h
    slots[e + 2] = at
    slots[e + 3] = len
    this.size = index + 1
    if (this.size * 2 > this.mask + 1) this.rehash()
    return index
  }

  /** State `index`'s words (a view into the arena, valid until the next `add`). */
  encoding(index: number): Int32Array {
    return this.words.subarray(this.offsets[index]!, this.offsets[index + 1]!)
  }

  private rehash(): void {
    const n = (this.mask + 1) * 2
    const slots = new Int32Array(n * SLOT)
    const mask = n - 1
    const { hashes, offsets } = this
    for (let j = 0; j < this.size; j++) {
      let i = hashes[j]! & mask
      while (slots[i * SLOT] !== 0) i = (i + 1) & mask
      const e = i * SLOT
      slots[e] = j + 1
      slots[e + 1] = hashes[j]!
      slots[e + 2] = offsets[j]!
      slots[e + 3] = offsets[j + 1]! - offsets[j]!
    }
    this.slots = slots
    this.mask = mask
  }
}

/** A growing list of 32-bit integers in one typed array (the explorer's per-state columns). */
export class IntColumn {
  private data = new Int32Array(1024)
  length = 0
  push(x: number): void {
    if (this.length === this.data.length) this.data = grown(this.data, this.length + 1)
    this.data[this.length++] = x
  }
  get(i: number): number {
    return this.data[i]!
  }
}

const I32_MIN = -0x80000000

/**
 * Writes integer `b` at `out[at..]` and returns the position after it: one word when it fits in
 * 32 bits (−2^31 excluded), else the marker −2^31, the count of 32-bit limbs and the limbs of
 * `b`'s two's complement, least significant first — so every integer has exactly one encoding
 * and no encoding is a prefix of another's.  Writes past `out`'s end are dropped (typed arrays
 * ignore them), so an encoder can return its full length and let the caller retry with more room.
 *
 * @example
 * ```ts
 * import { writeBigInt } from "filflow/model/_fingerprint"
 * const out = new Int32Array(8)
 * writeBigInt(out, 0, 5n) // => 1
 * // the marker, 2 limbs, then the limbs 0 and 256
 * writeBigInt(out, 0, 2n ** 40n) // => 4
 * Array.from(out.subarray(0, 4)) // => [-2147483648, 2, 0, 256]
 * ```
 * @category exploration
 * @since 0.2.0
 */
export const writeBigInt = (out: Int32Array, at: number, b: bigint): number => {
  // Number(b) is exact whenever it lands in 32 bits (it rounds only past 2^53): the one-word form
  // without comparing bigints, which costs more
  const n = Number(b)
  if ((n | 0) === n && n !== I32_MIN) {
    out[at] = n
    return at + 1
  }
  out[at] = I32_MIN
  let limbs = 0
  for (let x = b; ; limbs++) {
    const limb = Number(BigInt.asIntN(32, x))
    out[at + 2 + limbs] = limb
    x >>= 32n
    if ((x === 0n && limb >= 0) || (x === -1n && limb < 0)) break
  }
  out[at + 1] = limbs + 1
  return at + 3 + limbs
}

/**
 * The fallback encoding of a model without an `encode` hook: its string key, two UTF-16 code
 * units per word, then the key's length (so keys differing only by a trailing U+0000 differ).
 */
export const encodeKey = (key: string, out: Int32Array): number => {
  const n = key.length
  let w = 0
  for (let i = 0; i < n; i += 2) out[w++] = key.charCodeAt(i) | ((i + 1 < n ? key.charCodeAt(i + 1) : 0) << 16)
  out[w++] = n
  return w
}

/**
 * Writes integer `n` (a safe integer) at `out[at..]` exactly as {@link writeBigInt} writes
 * `BigInt(n)` — one word when it fits — and returns the position after it.
 */
export const writeInt = (out: Int32Array, at: number, n: number): number => {
  if ((n | 0) === n && n !== I32_MIN) {
    out[at] = n
    return at + 1
  }
  if (!Number.isSafeInteger(n)) throw new RangeError(`writeInt: ${n} is not a safe integer (a model state holds only integers)`)
  return writeBigInt(out, at, BigInt(n))
}

/**
 * Reads back what {@link writeInt} and {@link writeBigInt} wrote, from position `at` on.
 *
 * @example
 * ```ts
 * import { WordReader, writeBigInt, writeInt } from "filflow/model/_fingerprint"
 * const out = new Int32Array(8)
 * const at = writeInt(out, 0, 7)
 * writeBigInt(out, at, -(2n ** 40n))
 * const r = new WordReader(out)
 * r.int() // => 7
 * r.bigint() // => -1099511627776n
 * ```
 * @category exploration
 * @since 0.2.0
 */
export class WordReader {
  constructor(readonly w: Int32Array, public at = 0) {}
  /** The next integer, as a bigint. */
  bigint(): bigint {
    const first = this.w[this.at++]!
    if (first !== I32_MIN) return BigInt(first)
    const limbs = this.w[this.at++]!
    let b = 0n
    for (let i = limbs - 1; i >= 0; i--) b = (b << 32n) | BigInt(this.w[this.at + i]! >>> 0)
    this.at += limbs
    return BigInt.asIntN(32 * limbs, b)
  }
  /** The next integer, as a number. */
  int(): number {
    const first = this.w[this.at]!
    if (first !== I32_MIN) {
      this.at++
      return first
    }
    return Number(this.bigint())
  }
}

/**
 * The integers of `xs` in ascending order, written into `scratch` from index 0 (an array the
 * caller reuses, so that sorting a state's keys allocates nothing once it is large enough);
 * returns how many there are.
 *
 * @example
 * ```ts
 * import { sortInto } from "filflow/model/_fingerprint"
 * const scratch: Array<number> = []
 * sortInto(new Set([3, 1, 2]), scratch) // => 3
 * scratch // => [1, 2, 3]
 * ```
 * @category exploration
 * @since 0.2.0
 */
export const sortInto = (xs: Iterable<number>, scratch: Array<number>): number => {
  let n = 0
  for (const x of xs) {
    let i = n++
    while (i > 0 && scratch[i - 1]! > x) {
      scratch[i] = scratch[i - 1]!
      i--
    }
    scratch[i] = x
  }
  return n
}

/** Whether `x` is an integer in 0..30 (a bit of a non-negative 32-bit mask). */
const isBit = (x: number): boolean => x >= 0 && x <= 30 && (x | 0) === x

const keyScratch: Array<number> = []

/**
 * Writes a set of integers at `out[at..]` and returns the position after it: one word, the bit
 * mask of its elements, when every element is in 0..30 (the models' lanes, deals and sectors);
 * else −1 − n and its n elements in ascending order.  A mask is never negative, so the two forms
 * never meet.
 *
 * @example
 * ```ts
 * import { WordReader, readIntSet, writeIntSet } from "filflow/model/_fingerprint"
 * const out = new Int32Array(8)
 * writeIntSet(out, 0, new Set([3, 0])) // => 1
 * out[0] // => 9
 * writeIntSet(out, 0, new Set([40, 2])) // => 3
 * Array.from(out.subarray(0, 3)) // => [-3, 2, 40]
 * Array.from(readIntSet(new WordReader(out))) // => [2, 40]
 * ```
 * @category exploration
 * @since 0.2.0
 */
export const writeIntSet = (out: Int32Array, at: number, xs: ReadonlySet<number>): number => {
  let mask = 0
  for (const x of xs) {
    if (!isBit(x)) {
      const n = sortInto(xs, keyScratch)
      out[at++] = -1 - n
      for (let k = 0; k < n; k++) at = writeInt(out, at, keyScratch[k]!)
      return at
    }
    mask |= 1 << x
  }
  out[at] = mask
  return at + 1
}

/**
 * Writes a map from integers at `out[at..]`: its keys as {@link writeIntSet} writes them, then
 * each value in ascending key order, written by `writeValue`.
 *
 * @category exploration
 * @since 0.2.0
 */
export const writeIntMap = <V>(out: Int32Array, at: number, m: ReadonlyMap<number, V>, writeValue: (out: Int32Array, at: number, v: V) => number): number => {
  let mask = 0
  for (const k of m.keys()) {
    if (!isBit(k)) {
      mask = -1
      break
    }
    mask |= 1 << k
  }
  if (mask >= 0) {
    out[at++] = mask
    for (let bits = mask; bits !== 0; bits &= bits - 1) at = writeValue(out, at, m.get(31 - Math.clz32(bits & -bits))!)
    return at
  }
  const keys: Array<number> = []
  const n = sortInto(m.keys(), keys)
  out[at++] = -1 - n
  for (let k = 0; k < n; k++) at = writeValue(out, writeInt(out, at, keys[k]!), m.get(keys[k]!)!)
  return at
}

/** The keys written by {@link writeIntSet} or {@link writeIntMap}, in ascending order. */
const readKeys = (r: WordReader): Array<number> => {
  const first = r.w[r.at++]!
  const keys: Array<number> = []
  if (first >= 0) for (let bits = first; bits !== 0; bits &= bits - 1) keys.push(31 - Math.clz32(bits & -bits))
  else for (let n = -1 - first; n > 0; n--) keys.push(r.int())
  return keys
}

/** Reads back a set written by {@link writeIntSet}. */
export const readIntSet = (r: WordReader): Set<number> => new Set(readKeys(r))

/** Reads back a map written by {@link writeIntMap}, each value read by `readValue`. */
export const readIntMap = <V>(r: WordReader, readValue: (r: WordReader) => V): Map<number, V> => {
  const first = r.w[r.at]!
  const out = new Map<number, V>()
  if (first >= 0) {
    for (const k of readKeys(r)) out.set(k, readValue(r))
    return out
  }
  r.at++
  for (let n = -1 - first; n > 0; n--) {
    const k = r.int()
    out.set(k, readValue(r))
  }
  return out
}
