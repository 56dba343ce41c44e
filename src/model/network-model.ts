import { ScoreModel } from './score-model.js';
import { type Matrix, preferredStorage } from '../data/csr.js';
import { type SequentialScores } from '../scores/sequential.js';
import { Dense } from '../scores/layers.js';

/**
 * A trained network classifier: scores f(x; θ) from its layers (softmax
 * probabilities or margins, as every ScoreModel), and what a network adds:
 * the first layer's units as pictures.
 */
export class NetworkModel extends ScoreModel<SequentialScores> {
  /** Dense layers skip zeros: sparse data (e.g. MNIST, 81% zero pixels) are read in CSR form. */
  override input(X: Matrix): Matrix {
    return preferredStorage(X);
  }

  /** The first layer's weights into hidden unit h (one value per input feature): what that unit looks for. */
  firstLayerUnit(h: number): Float64Array {
    const first = this.scores.layers[0] as Dense;
    const I = first.inputSize;
    const O = first.outputSize;
    if (!(Number.isInteger(h) && h >= 0 && h < O)) throw new RangeError(`unit ${h} is outside 0..${O - 1}`);
    const out = new Float64Array(I);
    for (let i = 0; i < I; i++) out[i] = this.theta[i * O + h];
    return out;
  }
}

/** The architecture in one line, e.g. "784-256-10, relu". */
export function describeLayers(model: NetworkModel): string {
  const specs = model.scores.spec();
  const widths = [model.numFeatures, ...specs.flatMap((s) => (s.type === 'dense' ? [s.outputs] : []))];
  const acts = [...new Set(specs.flatMap((s) => (s.type === 'activation' ? [s.activation] : [])))];
  const dropout = specs.find((s) => s.type === 'dropout');
  return `${widths.join('-')}${acts.length ? `, ${acts.join('/')}` : ''}${dropout && dropout.type === 'dropout' ? `, dropout ${dropout.rate}` : ''}`;
}
