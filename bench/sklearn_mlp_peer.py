"""The Python peer for networks: scikit-learn's MLPClassifier with one hidden
layer of H ReLU units, Adam (learning rate 0.001), batch 128, for a fixed
number of epochs (max_iter; early stopping and the tolerance test off), no L2
(alpha=0), on MNIST scaled to [0, 1]. Usage: sklearn_mlp_peer.py DATA_DIR
EPOCHS HIDDEN. Prints one JSON line: fit wall and CPU seconds, test accuracy."""
import json
import os
import resource
import sys
import time
import warnings

import numpy as np

from mnist_idx import load
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier


def main():
    directory, epochs, hidden = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    x, y = load(directory, 'train-images-idx3-ubyte', 'train-labels-idx1-ubyte', np.float32)
    xt, yt = load(directory, 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte', np.float32)
    model = MLPClassifier(hidden_layer_sizes=(hidden,), activation='relu', solver='adam', alpha=0.0,
                          batch_size=128, learning_rate_init=0.001, max_iter=epochs, shuffle=True,
                          tol=0.0, n_iter_no_change=10 ** 6, random_state=0)
    start, cpu0 = time.perf_counter(), time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', ConvergenceWarning)
        model.fit(x, y)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu0
    import sklearn
    print(json.dumps({
        'peer': 'scikit-learn MLPClassifier', 'version': sklearn.__version__, 'epochs': model.n_iter_,
        'train_seconds': seconds, 'cpu_seconds': cpu, 'test_acc': float((model.predict(xt) == yt).mean()),
        'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == '__main__':
    main()
