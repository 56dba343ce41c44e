"""The Python peer for the optimizer benchmark: scikit-learn's
LogisticRegression(C=1, solver='lbfgs', max_iter=5000) on all 60,000 MNIST
training images scaled to [0, 1]. Prints one JSON line with the fit time, the
iterations and the objective in scikit-learn's convention,
sum of cross-entropies + ||W||^2 / (2C), bias not penalised."""
import json
import os
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression


def load(directory, images, labels):
    with open(os.path.join(directory, images), 'rb') as f:
        raw = f.read()
    n = int.from_bytes(raw[4:8], 'big')
    d = int.from_bytes(raw[8:12], 'big') * int.from_bytes(raw[12:16], 'big')
    x = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(n, d).astype(np.float64) / 255.0
    with open(os.path.join(directory, labels), 'rb') as f:
        y = np.frombuffer(f.read(), dtype=np.uint8, offset=8).astype(np.int64)
    return x, y


def main():
    directory = sys.argv[1]
    x, y = load(directory, 'train-images-idx3-ubyte', 'train-labels-idx1-ubyte')
    xt, yt = load(directory, 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte')
    model = LogisticRegression(C=1.0, solver='lbfgs', max_iter=5000)
    start = time.perf_counter()
    model.fit(x, y)
    seconds = time.perf_counter() - start
    z = x @ model.coef_.T + model.intercept_
    z -= z.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    objective = -log_p[np.arange(len(y)), y].sum() + 0.5 * (model.coef_ ** 2).sum()
    print(json.dumps({
        'peer': 'scikit-learn',
        'version': __import__('sklearn').__version__,
        'seconds': seconds,
        'iterations': int(model.n_iter_[0]),
        'objective': float(objective),
        'train_acc': float(model.score(x, y)),
        'test_acc': float(model.score(xt, yt)),
    }))


main()
