import { type Objective } from '../objective/objective.js';

/**
 * A symmetric positive definite M ≈ H for preconditioned conjugate gradients:
 * CG then works on M^(−1/2) H M^(−1/2), whose eigenvalues cluster when M
 * captures H's large-scale structure, so fewer Hessian-vector products solve
 * the Newton system. The trust region is measured in M's norm ‖s‖_M = √(sᵀMs).
 */
export interface Preconditioner {
  /** Short name for reports ('diagonal', 'kronecker', 'identity'). */
  readonly name: string;
  /** Rebuilds M at the objective's current point (called before the first CG solve and after each accepted step). */
  refresh(): void;
  /** z = M⁻¹ r (z and r distinct arrays). */
  solve(r: Float64Array, z: Float64Array): void;
  /** Sees each Hessian-vector product v ↦ Hv of a CG solve (preconditioners that learn from them). */
  observeProduct?(v: Float64Array, Hv: Float64Array): void;
}

/**
 * LIBLINEAR's diagonal preconditioner M = (1 − α)·I + α·diag(H), from the
 * objective's Hessian diagonal (M = I when it has none).
 */
export function diagonalPreconditioner(objective: Objective, mix: number): Preconditioner {
  const M = new Float64Array(objective.numParams);
  return {
    name: objective.hessianDiagonal ? 'diagonal' : 'identity',
    refresh() {
      if (objective.hessianDiagonal) {
        objective.hessianDiagonal(M);
        for (let i = 0; i < M.length; i++) M[i] = 1 - mix + mix * M[i];
      } else M.fill(1);
    },
    solve(r, z) {
      for (let i = 0; i < r.length; i++) z[i] = r[i] / M[i];
    },
  };
}
