/**
 * Poseidon's MDS matrix as neptune builds it: the t × t Cauchy matrix
 * M[i][j] = 1 / (x_i + y_j) with x_i = i and y_j = t + j (0 ≤ i, j < t). Every x_i + y_j is
 * i + j + t, between t and 3t − 2, never 0 in Fr; the x's are distinct and so are the y's, so every
 * square submatrix is invertible (the Cauchy determinant), which is what "MDS" asks. The matrix is
 * symmetric (M[i][j] depends on i + j only).
 *
 * neptune multiplies the state as a row vector (`elements × M`, `product_mds_with_matrix`); with a
 * symmetric M that equals M × elements, and {@link mdsMultiply} does the former as neptune does.
 *
 * Source: argumentcomputer/neptune src/mds.rs @ v11.0.0 (`generate_mds`, `create_mds_matrices`),
 * src/poseidon.rs @ v11.0.0 (`product_mds_with_matrix`).
 *
 * @module
 */
import { FR_MODULUS, frInv } from "./field.js"

/** The t × t Cauchy MDS matrix of width `width` (row i, column j). @since 0.1.0 */
export const cauchyMds = (width: number): Array<Array<bigint>> =>
  Array.from({ length: width }, (_, i) =>
    Array.from({ length: width }, (_, j) => frInv(BigInt(i) + BigInt(width + j))))

/**
 * result[j] = Σ_i elements[i] · M[i][j] (neptune's vector × matrix product), as a new array.
 *
 * @since 0.1.0
 */
export const mdsMultiply = (matrix: ReadonlyArray<ReadonlyArray<bigint>>, elements: ReadonlyArray<bigint>): Array<bigint> =>
  elements.map((_, j) => {
    let acc = 0n
    for (let i = 0; i < elements.length; i++) acc += elements[i]! * matrix[i]![j]!
    return acc % FR_MODULUS
  })
