"""argmax learning-curve DATA against scikit-learn's learning_curve on the same folds and the same training prefixes.

Usage: /usr/bin/python3 bench/learning_curve_sklearn.py DATA.svm [C] (from the repository, after npm run build)

Exports argmax's stratified folds (argmax search --export-folds, the same seed and k as the curve), runs
  argmax learning-curve DATA --order data --sizes ... --scale none --class-weight none --C C --tol 1e-10 --json
and scikit-learn's learning_curve(LogisticRegression(C=C, tol=1e-10, max_iter=10000), cv=PredefinedSplit(folds),
shuffle=False): both train on the first n examples of each fold's training part in data order, the same
minimizer of sum CE + |W|^2/(2C). Prints per size both mean train and test accuracies and the largest difference."""
import json, os, subprocess, sys, tempfile, warnings
import numpy as np
from sklearn.datasets import load_svmlight_file
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import PredefinedSplit, learning_curve

warnings.filterwarnings('ignore')
data = sys.argv[1]
C = sys.argv[2] if len(sys.argv) > 2 else '1'
CLI = ['node', 'dist/src/cli/main.js']
tmp = tempfile.mkdtemp(prefix='argmax-lc-sklearn-')
folds_path = os.path.join(tmp, 'folds.json')
subprocess.run(CLI + ['search', data, '--grid', f'C={C}', '--folds', '5', '--seed', '0', '--export-folds', folds_path, '--json'], check=True, capture_output=True)
fold = np.array(json.load(open(folds_path))['fold'][0])
X, y = load_svmlight_file(data)
smallest = min(int((fold != k).sum()) for k in range(5))
sizes = sorted({max(2, int(f * smallest)) for f in (0.1, 0.325, 0.55, 0.775)} | {smallest})
flags = ['--order', 'data', '--sizes', ','.join(map(str, sizes)), '--scale', 'none', '--class-weight', 'none', '--C', C, '--tol', '1e-10', '--folds', '5', '--seed', '0', '--json', '--out', os.path.join(tmp, 'out')]
ours = json.loads(subprocess.run(CLI + ['learning-curve', data] + flags, check=True, capture_output=True, text=True).stdout)
model = LogisticRegression(C=float(C), tol=1e-10, max_iter=10000)
n_abs, train, test = learning_curve(model, X, y, train_sizes=sizes, cv=PredefinedSplit(fold), shuffle=False)
print(f'{data}: C={C}, 5 folds (argmax, seed 0), first n of each training part in data order')
worst = 0.0
for i, n in enumerate(n_abs):
    p = ours['points'][i]
    assert p['n'] == n
    d = max(abs(p['train_acc'] - train[i].mean()), abs(p['test_acc'] - test[i].mean()))
    worst = max(worst, d)
    print(f'  n={n:4d}  train argmax {p["train_acc"]:.4f} scikit-learn {train[i].mean():.4f}   test argmax {p["test_acc"]:.4f} scikit-learn {test[i].mean():.4f}')
print(f'  largest difference in mean accuracy: {worst:.4f}')
