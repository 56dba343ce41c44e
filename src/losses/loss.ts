/**
 * A loss on scores: given the score matrix Z (n×K) of a batch and
 * the gold classes, it returns Σᵢ wᵢ·L(zᵢ, yᵢ) and writes ∂/∂Z into dZ. It knows
 * nothing of parameters; the score function applies the chain rule.
 */
export interface ScoreLoss {
  readonly name: string;
  /**
   * @param Z n×K scores, row r belonging to example rows[r] (or r when rows is null)
   * @param y gold class of every example of the dataset (indexed by example, not by batch row)
   * @param dZ where ∂(Σ wᵢLᵢ)/∂Z goes (n×K), or null when only the value is needed
   * @param sampleWeight per-example weights indexed like y, or null for all ones
   * @returns Σᵢ wᵢ·Lᵢ over the batch
   */
  lossAndGradient(
    Z: Float64Array,
    K: number,
    y: Int32Array,
    rows: Int32Array | null,
    dZ: Float64Array | null,
    sampleWeight: Float64Array | null,
  ): number;
  /**
   * Second order, for Newton solvers: out = Σᵢ wᵢ ∇²_z Lᵢ(zᵢ) · uᵢ row by row, at scores Z.
   */
  hessianVectorOnScores?(
    Z: Float64Array,
    K: number,
    y: Int32Array,
    rows: Int32Array | null,
    U: Float64Array,
    out: Float64Array,
    sampleWeight: Float64Array | null,
  ): void;
  /** The diagonal of wᵢ ∇²_z Lᵢ(zᵢ) row by row, at scores Z (for diagonal preconditioners). */
  hessianDiagonalOnScores?(
    Z: Float64Array,
    K: number,
    y: Int32Array,
    rows: Int32Array | null,
    out: Float64Array,
    sampleWeight: Float64Array | null,
  ): void;
}
