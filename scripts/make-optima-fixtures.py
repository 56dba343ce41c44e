#!/usr/bin/env python3
"""Reference optima for the solver tests, written once into test/fixtures/optima/.

Peers (not needed by the tests, which read the committed files):
  apt-get install -y python3-sklearn liblinear-tools    # scikit-learn 1.2.1, LIBLINEAR 2.x
Run from the repository root with /usr/bin/python3 scripts/make-optima-fixtures.py

For each of iris, wine, digits and breast cancer (scikit-learn's copies), a
seeded 75/25 split is written as LibSVM files (1-based indices, zeros
omitted, values in shortest round-trip form) and reference.json holds:
  - softmax regression by scikit-learn newton-cg, tol 1e-10, at C = 1 and
    C = 100: weights, biases and the objective sum_i CE_i + ||W||^2/(2C)
    recomputed here in float64 from the weights (K = 2: the two rows
    [-w, w], the symmetric form scikit-learn fits);
  - Crammer-Singer by `liblinear-train -s 4 -c 1 -B -1 -e 1e-4`: its weights,
    its primal objective 1/2||W||^2 + C sum_i max_m(l(y_i, m) + w_m.x_i - w_y.x_i)
    recomputed here, and its predictions on the test split;
  - the same Crammer-Singer run on the split scaled by scikit-learn's
    MaxAbsScaler (fitted on the training split; NAME.maxabs.train.svm and
    NAME.maxabs.test.svm, given to both tools): on raw wine and breast
    cancer LIBLINEAR stops at its iteration cap far from the optimum;
  - scaler pipelines (StandardScaler, MaxAbsScaler, MinMaxScaler) + softmax
    newton-cg tol 1e-10 at C = 1: test-split probabilities on raw inputs.
A synthetic problem with a known sparse truth (l1.train.svm) carries saga's
L1 solution (multinomial, tol 1e-12) and its objective in the mean form
(1/N) sum_i CE_i + alpha ||W||_1, alpha = 1/(C N), and saga's elastic net
(penalty 'elasticnet', l1_ratio 0.5) in the same form,
(1/N) sum_i CE_i + l2/2 ||W||^2 + l1 ||W||_1 with l2 = (1 - l1_ratio)/(C N)
and l1 = l1_ratio/(C N).
"""
import json, os, subprocess, sys, tempfile, warnings
import numpy as np
from sklearn import datasets
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MaxAbsScaler, MinMaxScaler, StandardScaler

OUT = os.path.join('test', 'fixtures', 'optima')
os.makedirs(OUT, exist_ok=True)


def write_libsvm(path, X, y):
    with open(path, 'w') as f:
        for xi, yi in zip(X, y):
            feats = ' '.join(f'{j + 1}:{repr(float(v))}' for j, v in enumerate(xi) if v != 0)
            f.write(f'{int(yi)} {feats}'.rstrip() + '\n')


def read_libsvm(path, D):
    rows = []
    for line in open(path):
        x = np.zeros(D)
        for tok in line.split()[1:]:
            j, v = tok.split(':')
            x[int(j) - 1] = float(v)
        rows.append(x)
    return np.array(rows)


def softmax_objective(X, y, W, b, C):
    Z = X @ W.T + b
    Z = Z - Z.max(axis=1, keepdims=True)
    logp = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
    return float(-logp[np.arange(len(y)), y].sum() + 0.5 * (W * W).sum() / C)


def full_rows(clf, K):
    """scikit-learn keeps one row for K = 2 (multinomial); the fitted softmax is [-w, w]."""
    W, b = clf.coef_, clf.intercept_
    if K == 2:
        W, b = np.vstack([-W[0], W[0]]), np.array([-b[0], b[0]])
    return W, b


def cs_primal(X, y, W, C):
    Z = X @ W.T
    aug = Z + (np.arange(W.shape[0])[None, :] != y[:, None])
    xi = aug.max(axis=1) - Z[np.arange(len(y)), y]
    return float(0.5 * (W * W).sum() + C * xi.sum())


def liblinear_cs(train_path, test_path, D, K, C):
    with tempfile.TemporaryDirectory() as tmp:
        model = os.path.join(tmp, 'model')
        pred = os.path.join(tmp, 'pred')
        log = subprocess.run(['liblinear-train', '-s', '4', '-c', str(C), '-B', '-1', '-e', '1e-4', train_path, model], check=True, capture_output=True, text=True).stdout
        # LIBLINEAR prints its dual objective in minimization form, f(alpha) = -(dual).
        dual = -float(log.split('Objective value = ')[1].split()[0])
        capped = 'reaching max number of iterations' in log
        subprocess.run(['liblinear-predict', test_path, model, pred], check=True, capture_output=True)
        lines = open(model).read().split('\n')
        labels = [int(v) for v in next(l for l in lines if l.startswith('label ')).split()[1:]]
        start = lines.index('w') + 1
        rows = np.array([[float(v) for v in lines[start + j].split()] for j in range(D)])  # D x K, columns in `labels` order
        W = np.zeros((K, D))
        for c, lab in enumerate(labels):
            W[lab] = rows[:, c]
        return W, [int(float(v)) for v in open(pred).read().split()], dual, capped


def main():
    ref = {'sklearn': __import__('sklearn').__version__, 'datasets': {}}
    loaders = {'iris': datasets.load_iris, 'wine': datasets.load_wine, 'digits': datasets.load_digits, 'breast_cancer': datasets.load_breast_cancer}
    for name, load in loaders.items():
        X, y = load(return_X_y=True)
        X = X.astype(np.float64)
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
        # LibSVM drops zeros: keep D the full width by construction (the reader is told D).
        D, K = X.shape[1], int(y.max()) + 1
        tr, te = os.path.join(OUT, f'{name}.train.svm'), os.path.join(OUT, f'{name}.test.svm')
        write_libsvm(tr, Xtr, ytr)
        write_libsvm(te, Xte, yte)
        entry = {'features': D, 'classes': K, 'train': len(ytr), 'test': len(yte), 'softmax': {}, 'scaled': {}}
        for C in (1, 100):
            # At tol 1e-10 newton-cg may end on a failed line search or the iteration cap (digits):
            # what it says is recorded with its result.
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter('always')
                clf = LogisticRegression(multi_class='multinomial', solver='newton-cg', tol=1e-10, C=C, max_iter=1000).fit(Xtr, ytr)
            W, b = full_rows(clf, K)
            entry['softmax'][str(C)] = {
                'objective': softmax_objective(Xtr, ytr, W, b, C), 'W': W.ravel().tolist(), 'b': b.tolist(),
                'iterations': int(clf.n_iter_[0]), 'warnings': sorted({str(w.message).split('.')[0] for w in caught}),
            }
        Wcs, pred, dual, capped = liblinear_cs(tr, te, D, K, 1)
        entry['crammer_singer'] = {'C': 1, 'primal': cs_primal(Xtr, ytr, Wcs, 1), 'dual': dual, 'iteration_cap_reached': capped, 'W': Wcs.ravel().tolist(), 'test_predictions': pred}
        scaler = MaxAbsScaler().fit(Xtr)
        Str, Ste = scaler.transform(Xtr), scaler.transform(Xte)
        str_, ste = os.path.join(OUT, f'{name}.maxabs.train.svm'), os.path.join(OUT, f'{name}.maxabs.test.svm')
        write_libsvm(str_, Str, ytr)
        write_libsvm(ste, Ste, yte)
        # Both tools read these files: the primal is recomputed from the values as written.
        Str, Ste = read_libsvm(str_, D), read_libsvm(ste, D)
        Wcs, pred, dual, capped = liblinear_cs(str_, ste, D, K, 1)
        entry['crammer_singer_maxabs'] = {'C': 1, 'primal': cs_primal(Str, ytr, Wcs, 1), 'dual': dual, 'iteration_cap_reached': capped, 'W': Wcs.ravel().tolist(), 'test_predictions': pred}
        for scaler in (StandardScaler, MaxAbsScaler, MinMaxScaler):
            pipe = make_pipeline(scaler(), LogisticRegression(multi_class='multinomial', solver='newton-cg', tol=1e-10, C=1, max_iter=1000)).fit(Xtr, ytr)
            entry['scaled'][scaler.__name__] = {'C': 1, 'test_proba': pipe.predict_proba(Xte).ravel().tolist()}
        ref['datasets'][name] = entry
        print(name, {C: (v['objective'], v['iterations'], v['warnings']) for C, v in entry['softmax'].items()}, 'CS primal', entry['crammer_singer']['primal'], flush=True)

    # Sparse truth: 60 features, 3 classes, 12 informative features per class. An odd number of
    # classes makes the L1 solution unique: adding c to one feature's K weights leaves the
    # cross-entropy unchanged, and sum_k |w_k + c| has a unique minimizer (the median) only for odd K.
    rng = np.random.default_rng(7)
    N, D, K = 600, 60, 3
    X = rng.standard_normal((N, D))
    Wtrue = np.zeros((K, D))
    for k in range(K):
        Wtrue[k, rng.choice(D, 12, replace=False)] = rng.standard_normal(12) * 2
    Z = X @ Wtrue.T
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    y = np.array([rng.choice(K, p=p) for p in P])
    write_libsvm(os.path.join(OUT, 'l1.train.svm'), X, y)
    C = 0.05
    saga = LogisticRegression(multi_class='multinomial', penalty='l1', solver='saga', C=C, tol=1e-12, max_iter=1000000, random_state=0).fit(X, y)
    W, b = saga.coef_, saga.intercept_
    alpha = 1 / (C * N)
    Z = X @ W.T + b
    Z = Z - Z.max(axis=1, keepdims=True)
    logp = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
    objective = float(-logp[np.arange(N), y].mean() + alpha * np.abs(W).sum())
    ref['l1'] = {'C': C, 'alpha': alpha, 'objective': objective, 'W': W.ravel().tolist(), 'b': b.tolist(), 'zeros': int((W == 0).sum()), 'weights': int(W.size), 'true_zeros': int((Wtrue == 0).sum()), 'iterations': int(saga.n_iter_[0])}
    print('l1', objective, 'zeros', ref['l1']['zeros'], 'of', W.size, flush=True)
    l1_ratio = 0.5
    enet = LogisticRegression(multi_class='multinomial', penalty='elasticnet', l1_ratio=l1_ratio, solver='saga', C=C, tol=1e-12, max_iter=1000000, random_state=0).fit(X, y)
    W, b = enet.coef_, enet.intercept_
    l1, l2 = l1_ratio / (C * N), (1 - l1_ratio) / (C * N)
    Z = X @ W.T + b
    Z = Z - Z.max(axis=1, keepdims=True)
    logp = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
    objective = float(-logp[np.arange(N), y].mean() + 0.5 * l2 * (W * W).sum() + l1 * np.abs(W).sum())
    ref['elastic_net'] = {'C': C, 'l1_ratio': l1_ratio, 'l1': l1, 'l2': l2, 'objective': objective, 'W': W.ravel().tolist(), 'b': b.tolist(), 'zeros': int((W == 0).sum()), 'weights': int(W.size), 'iterations': int(enet.n_iter_[0])}
    print('elastic net', objective, 'zeros', ref['elastic_net']['zeros'], 'of', W.size, 'iterations', ref['elastic_net']['iterations'], flush=True)
    with open(os.path.join(OUT, 'reference.json'), 'w') as f:
        json.dump(ref, f)


if __name__ == '__main__':
    main()
