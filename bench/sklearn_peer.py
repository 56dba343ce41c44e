"""The Python peer for the optimizer benchmark: scikit-learn's
LogisticRegression(C=1, solver='lbfgs', max_iter=5000) on all 60,000 MNIST
training images scaled to [0, 1]. Prints one JSON line with the fit time, the
CPU time, the iterations and the objective in argmax's convention, sum of cross-entropies +
||W||^2 / (2C), bias not penalised. With a target objective (third argument),
also the time at which scikit-learn's objective first reached it: the
function scikit-learn hands to scipy's L-BFGS is wrapped to record the time
and value of every evaluation (its own convention may scale the objective:
the factor is measured at the solution)."""
import json
import os
import sys
import time

import numpy as np

from mnist_idx import load
import sklearn.linear_model._logistic as logistic_module
from sklearn.linear_model import LogisticRegression

evaluations = []  # (seconds since the fit started, objective value in scikit-learn's convention)
fit_started = [0.0]
_minimize = logistic_module.optimize.minimize


def recording_minimize(fun, x0, *args, **kwargs):
    def wrapped(w, *a):
        out = fun(w, *a)
        value = out[0] if isinstance(out, tuple) else out
        evaluations.append((time.perf_counter() - fit_started[0], float(value)))
        return out
    return _minimize(wrapped, x0, *args, **kwargs)


logistic_module.optimize.minimize = recording_minimize


def main():
    directory = sys.argv[1]
    x, y = load(directory, 'train-images-idx3-ubyte', 'train-labels-idx1-ubyte')
    xt, yt = load(directory, 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte')
    target = float(sys.argv[2]) if len(sys.argv) > 2 else None
    model = LogisticRegression(C=1.0, solver='lbfgs', max_iter=5000)
    start = time.perf_counter()
    cpu_start = time.process_time()
    fit_started[0] = start
    model.fit(x, y)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start  # every thread of the process (BLAS included)
    z = x @ model.coef_.T + model.intercept_
    z -= z.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    objective = -log_p[np.arange(len(y)), y].sum() + 0.5 * (model.coef_ ** 2).sum()
    seconds_to_target = None
    if target is not None and evaluations:
        # The last evaluation is at (or next to) the solution: its ratio to argmax's objective converts the target.
        factor = min(evaluations, key=lambda e: e[1])[1] / objective
        hit = next((t for t, v in evaluations if v <= target * factor), None)
        seconds_to_target = hit
    print(json.dumps({
        'peer': 'scikit-learn',
        'version': __import__('sklearn').__version__,
        'seconds': seconds,
        'cpu_seconds': cpu_seconds,
        'iterations': int(model.n_iter_[0]),
        'objective': float(objective),
        'seconds_to_target': seconds_to_target,
        'evaluations': len(evaluations),
        'train_acc': float(model.score(x, y)),
        'test_acc': float(model.score(xt, yt)),
    }))


main()
