"""argmax search against scikit-learn's GridSearchCV on wine, breast cancer and digits.

Usage: /usr/bin/python3 bench/select_sklearn_toy.py [node dist/src/cli/main.js] (from the repository, after npm run build)

Writes each dataset as a CSV with an id column, runs
  argmax search DATA.csv --ignore-columns id --grid 'C=0.01,0.1,1,10,100' --scale standard
                --class-weight none --tol 1e-10 --export-folds FOLDS --json
and scores Pipeline(StandardScaler(), LogisticRegression(multinomial, newton-cg, tol 1e-10))
over the same C on the exported folds (PredefinedSplit). Prints, per C, both mean held-out accuracies
and exact log losses (from predict_log_proba: scikit-learn's log_loss clips probabilities at 1e-15),
the largest difference of per-class counts between folds (stratification), and both picks of C."""
import csv, json, os, subprocess, sys, tempfile, warnings
import numpy as np
from sklearn.datasets import load_breast_cancer, load_digits, load_wine
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings('ignore')
CLI = sys.argv[1:] or ['node', 'dist/src/cli/main.js']
GRID = [0.01, 0.1, 1, 10, 100]
tmp = tempfile.mkdtemp(prefix='argmax-select-sklearn-')
for name, load in [('wine', load_wine), ('breast-cancer', load_breast_cancer), ('digits', load_digits)]:
    X, y = load(return_X_y=True)
    path, folds_path = os.path.join(tmp, f'{name}.csv'), os.path.join(tmp, f'{name}-folds.json')
    with open(path, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['id'] + [f'x{j}' for j in range(X.shape[1])] + ['label'])
        for i, (x, c) in enumerate(zip(X, y)):
            w.writerow([i] + [repr(float(v)) for v in x] + [int(c)])
    out = subprocess.run(CLI + ['search', path, '--ignore-columns', 'id', '--grid', 'C=' + ','.join(map(str, GRID)), '--scale', 'standard',
                                '--class-weight', 'none', '--tol', '1e-10', '--export-folds', folds_path, '--json'], capture_output=True, text=True, check=True)
    ours = json.loads(out.stdout)
    by_c = {float(r['setting']['C']): r for r in ours['results']}
    fold = np.array(json.load(open(folds_path))['fold'][0])
    k = fold.max() + 1
    counts = np.array([[np.sum((fold == f) & (y == c)) for c in np.unique(y)] for f in range(k)])
    print(f'{name}: {len(y)} examples; argmax folds: largest per-class count difference between folds {(counts.max(0) - counts.min(0)).max()}')
    theirs = {}
    for C in GRID:
        acc, ll = [], []
        for f in range(k):
            tr, te = fold != f, fold == f
            m = make_pipeline(StandardScaler(), LogisticRegression(C=C, multi_class='multinomial', solver='newton-cg', tol=1e-10, max_iter=10000)).fit(X[tr], y[tr])
            acc.append(np.mean(m.predict(X[te]) == y[te]))
            ll.append(-np.mean(m.predict_log_proba(X[te])[np.arange(te.sum()), np.searchsorted(m.classes_, y[te])]))
        theirs[C] = np.mean(acc)
        a = by_c[C]
        print(f'  C={C:<5} accuracy argmax {a["accuracy"]["mean"]:.4f} scikit-learn {np.mean(acc):.4f}   log loss argmax {a["log_loss"]["mean"]:.6f} scikit-learn {np.mean(ll):.6f}')
    print(f'  best C: argmax {ours["best"]["setting"]["C"]}, scikit-learn {max(GRID, key=lambda C: (theirs[C], -GRID.index(C)))}')
