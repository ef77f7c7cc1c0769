/**
 * Test helper: a small JSON Schema (draft 2020-12) validator for the keywords the committed
 * vector schema uses, so the tests can check every vector against the schema file itself, as a
 * third party would, without a validator dependency.  An unknown keyword is an error (a schema
 * that grows a new keyword must grow this validator too), never silently ignored.
 */

type Json = unknown
type Schema = Record<string, unknown>

const ANNOTATIONS = new Set(["$schema", "$id", "title", "description", "$defs"])
const KNOWN = new Set([
  ...ANNOTATIONS, "$ref", "type", "properties", "required", "additionalProperties", "items", "anyOf", "oneOf", "allOf",
  "enum", "const", "pattern", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"
])

const typeOf = (x: Json): string =>
  x === null ? "null" : Array.isArray(x) ? "array" : typeof x === "number" ? (Number.isInteger(x) ? "integer" : "number") : typeof x

const deepEqual = (a: Json, b: Json): boolean => JSON.stringify(a) === JSON.stringify(b)

/**
 * The validation errors of `value` against `schema` (an empty list when it is valid); `root`
 * holds the `$defs` that `$ref`s point into.
 */
export const validate = (root: Schema, value: Json, schema: Schema = root, path = "$"): Array<string> => {
  for (const k of Object.keys(schema)) if (!KNOWN.has(k)) throw new Error(`validator: unsupported keyword ${k} at ${path}`)
  const errors: Array<string> = []
  if (typeof schema.$ref === "string") {
    const m = /^#\/\$defs\/(.+)$/.exec(schema.$ref)
    const target = m === null ? undefined : (root.$defs as Record<string, Schema> | undefined)?.[m[1]!]
    if (target === undefined) throw new Error(`validator: unresolvable $ref ${schema.$ref}`)
    errors.push(...validate(root, value, target, path))
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as Array<string>) : [schema.type as string]
    const t = typeOf(value)
    if (!types.includes(t) && !(t === "integer" && types.includes("number"))) return [...errors, `${path}: expected ${types.join("|")}, got ${t}`]
  }
  if (schema.enum !== undefined && !(schema.enum as Array<Json>).some((e) => deepEqual(e, value))) errors.push(`${path}: not one of ${JSON.stringify(schema.enum)}`)
  if ("const" in schema && !deepEqual(schema.const, value)) errors.push(`${path}: expected ${JSON.stringify(schema.const)}`)
  if (typeof value === "string") {
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) errors.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`)
    const n = [...value].length
    if (typeof schema.minLength === "number" && n < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`)
    if (typeof schema.maxLength === "number" && n > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`)
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`)
    if (typeof schema.maximum === "number" && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`)
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`)
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`)
    if (typeof schema.items === "object" && schema.items !== null) value.forEach((x, i) => errors.push(...validate(root, x, schema.items as Schema, `${path}[${i}]`)))
  }
  if (typeOf(value) === "object") {
    const obj = value as Record<string, Json>
    const props = (schema.properties ?? {}) as Record<string, Schema>
    for (const r of (schema.required ?? []) as Array<string>) if (!(r in obj)) errors.push(`${path}.${r}: required`)
    for (const [k, v] of Object.entries(obj)) {
      const p = props[k]
      if (p !== undefined) errors.push(...validate(root, v, p, `${path}.${k}`))
      else if (schema.additionalProperties === false) errors.push(`${path}.${k}: not allowed`)
      else if (typeof schema.additionalProperties === "object" && schema.additionalProperties !== null) errors.push(...validate(root, v, schema.additionalProperties as Schema, `${path}.${k}`))
    }
  }
  if (Array.isArray(schema.allOf)) for (const s of schema.allOf as Array<Schema>) errors.push(...validate(root, value, s, path))
  if (Array.isArray(schema.anyOf) && !(schema.anyOf as Array<Schema>).some((s) => validate(root, value, s, path).length === 0)) {
    errors.push(`${path}: matches none of anyOf`)
  }
  if (Array.isArray(schema.oneOf) && (schema.oneOf as Array<Schema>).filter((s) => validate(root, value, s, path).length === 0).length !== 1) {
    errors.push(`${path}: does not match exactly one of oneOf`)
  }
  return errors
}
