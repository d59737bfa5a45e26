#!/usr/bin/python3
"""Independent reference values (test fixtures) for tollgate, computed with
scikit-learn / statsmodels / plain numpy.

Run from the worktree root:

    /usr/bin/python3 reference/make_sklearn_fixtures.py

Writes into tollgate-engine/src/test/resources/reference/sklearn/:
    <name>.csv   data set (patient_id,score,label,group)
    <name>.json  metrics overall and per group
    ties_sweep.csv  confusion counts of `ties` at thresholds 0.00..1.00

Everything is deterministic (fixed numpy seeds, no wall-clock, no hash
ordering).  Re-running must reproduce the checked-in files byte for byte.
"""

import json
import math
import os
import sys
import warnings

import numpy as np
import scipy
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    brier_score_loss,
    confusion_matrix,
    f1_score,
    precision_score,
    recall_score,
    roc_auc_score,
)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tollgate-engine", "src", "test", "resources", "reference", "sklearn")

THRESHOLD = 0.5
NB_THRESHOLDS = [0.5, 0.1]
GROUPS = ["A", "B", "C"]

VERSIONS = {
    "python": sys.version.split()[0],
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "scikit-learn": sklearn.__version__,
    "statsmodels": statsmodels.__version__,
}

METHODS = {
    "predicted_positive": "score >= threshold (both IEEE doubles)",
    "tp_fp_tn_fn": "sklearn.metrics.confusion_matrix(y, y_pred, labels=[0,1]).ravel() -> tn, fp, fn, tp",
    "sensitivity": "sklearn.metrics.recall_score(y, y_pred, zero_division=0); null when tp+fn == 0 "
                   "(sklearn %s does not accept zero_division=np.nan, so undefined cases are nulled explicitly)" % sklearn.__version__,
    "specificity": "tn/(tn+fp) from confusion_matrix; null when tn+fp == 0",
    "ppv": "sklearn.metrics.precision_score(y, y_pred, zero_division=0); null when tp+fp == 0",
    "npv": "tn/(tn+fn) from confusion_matrix; null when tn+fn == 0",
    "accuracy": "sklearn.metrics.accuracy_score",
    "f1": "sklearn.metrics.f1_score(y, y_pred, zero_division=0); null when tp+fp+fn == 0; "
          "equals 2tp/(2tp+fp+fn) whenever not null (asserted)",
    "flag_rate": "(tp+fp)/n",
    "prevalence": "positives/n",
    "auroc": "sklearn.metrics.roc_auc_score(y, score) (trapezoidal = Mann-Whitney with ties 1/2); null if one class",
    "auprc": "sklearn.metrics.average_precision_score(y, score) (step-wise); null if no positives",
    "brier": "sklearn.metrics.brier_score_loss(y, score)",
    "calibration_slope": "statsmodels GLM(y, [1, logit(s)], family=Binomial()).fit(method='IRLS', tol=1e-14): "
                         "coefficient of logit(s); cross-checked against sklearn LogisticRegression(penalty=None, "
                         "tol=1e-12, max_iter=10000, solver='lbfgs') and a plain-numpy Newton solve",
    "calibration_slope_fit_intercept": "intercept a of the same fit y ~ a + b*logit(s)",
    "calibration_intercept": "calibration-in-the-large: statsmodels GLM(y, [1], family=Binomial(), offset=logit(s)) "
                             "intercept, i.e. a' in logit P(y=1) = a' + 1*logit(s); cross-checked with a plain-numpy Newton solve",
    "calibration_null_rule": "calibration_slope/fit_intercept null when the MLE does not exist: one class only, or the "
                             "classes do not overlap strictly on logit(s) (max over negatives <= min over positives, "
                             "or max over positives <= min over negatives: (quasi-)complete separation); "
                             "calibration_intercept null when one class only",
    "net_benefit": "hand formula in plain numpy: predicted positive iff score >= pt; NB = TP/n - FP/n*pt/(1-pt); "
                   "treat-all = pi - (1-pi)*pt/(1-pt); treat-none = 0; "
                   "interventions_avoided_per_100 = (NB_model - NB_all)/(pt/(1-pt))*100",
    "logit": "log(s) - log1p(-s)",
}


# ---------------------------------------------------------------------------
# data generation
# ---------------------------------------------------------------------------

def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def logit(s):
    s = np.asarray(s, dtype=float)
    return np.log(s) - np.log1p(-s)


def make_patients(rng, n_rows, group_probs, rows_probs=(0.70, 0.20, 0.10)):
    """Return per-row patient index and per-patient group; patients have 1-3 rows."""
    counts = []
    total = 0
    while total < n_rows:
        k = int(rng.choice([1, 2, 3], p=list(rows_probs)))
        k = min(k, n_rows - total)
        counts.append(k)
        total += k
    n_pat = len(counts)
    pat_group = rng.choice(GROUPS, size=n_pat, p=list(group_probs))
    row_pat = np.repeat(np.arange(n_pat), counts)
    return row_pat, pat_group, np.array(counts)


def finish(rng, row_pat, pat_group, score, label, shuffle=True):
    order = rng.permutation(len(score)) if shuffle else np.arange(len(score))
    rows = []
    for i in order:
        rows.append(("P%05d" % (row_pat[i] + 1), float(score[i]), int(label[i]), str(pat_group[row_pat[i]])))
    return rows


def gen_continuous():
    """2,000 rows, continuous scores (no ties), prevalence ~10%.
    Patient random effect shared by label and score (clustering); the score
    separates classes well in A, moderately in B, poorly in C."""
    rng = np.random.default_rng(20240101)
    n = 2000
    row_pat, pat_group, _ = make_patients(rng, n, (0.60, 0.28, 0.12))
    u = rng.normal(0.0, 0.8, size=len(pat_group))           # patient effect
    g = pat_group[row_pat]
    label = (rng.random(n) < sigmoid(-2.45 + u[row_pat])).astype(int)
    sep = np.where(g == "A", 2.6, np.where(g == "B", 1.6, 0.6))
    z = -1.6 + sep * label + 0.5 * u[row_pat] + rng.normal(0.0, 1.0, size=n)
    score = sigmoid(z)
    assert len(np.unique(score)) == n, "continuous: ties present"
    return finish(rng, row_pat, pat_group, score, label)


def gen_ties():
    """3,000 rows, scores rounded to 2 decimals (many ties) and kept in
    [0.01, 0.99] so logit(score) is finite; prevalence ~7%."""
    rng = np.random.default_rng(20240202)
    n = 3000
    row_pat, pat_group, _ = make_patients(rng, n, (0.50, 0.35, 0.15))
    u = rng.normal(0.0, 0.8, size=len(pat_group))
    g = pat_group[row_pat]
    label = (rng.random(n) < sigmoid(-2.85 + u[row_pat])).astype(int)
    sep = np.where(g == "A", 2.2, np.where(g == "B", 1.4, 0.8))
    z = -1.3 + sep * label + 0.5 * u[row_pat] + rng.normal(0.0, 1.1, size=n)
    raw = sigmoid(z)
    score = np.array([round(float(x), 2) for x in raw])
    score = np.clip(score, 0.01, 0.99)
    score = np.array([round(float(x), 2) for x in score])
    return finish(rng, row_pat, pat_group, score, label)


def gen_small():
    """60 rows: group A 40 rows (has both classes), group B 12 rows with zero
    positives, group C 8 rows (< 11, below the small-cell rule)."""
    rng = np.random.default_rng(20240303)
    rows = []
    # patients: explicit row counts so that the group sizes are exact
    plan = {"A": [1, 2, 1, 3, 1, 1, 2, 1, 1, 2, 1, 1, 3, 1, 2, 1, 1, 2, 1, 1, 1, 2, 1, 1, 1, 2, 3],   # 40
            "B": [2, 1, 1, 3, 1, 2, 1, 1],                                                    # 12
            "C": [2, 1, 3, 1, 1]}                                                             # 8
    for gname in GROUPS:
        assert sum(plan[gname]) == {"A": 40, "B": 12, "C": 8}[gname]
    pat_no = 0
    for gname in GROUPS:
        for k in plan[gname]:
            pat_no += 1
            for _ in range(k):
                rows.append([pat_no, gname])
    n = len(rows)
    assert n == 60
    g = np.array([r[1] for r in rows])
    prev = np.where(g == "A", 0.30, np.where(g == "B", 0.0, 0.40))
    label = (rng.random(n) < prev).astype(int)
    sep = np.where(g == "A", 2.0, np.where(g == "B", 0.0, 0.7))
    z = -0.9 + sep * label + rng.normal(0.0, 1.1, size=n)
    score = sigmoid(z)
    assert label[g == "B"].sum() == 0
    assert 0 < label[g == "A"].sum() < 40
    assert len(np.unique(score)) == n
    row_pat = np.array([r[0] - 1 for r in rows])
    pat_group = np.array([None] * pat_no, dtype=object)
    for r in rows:
        pat_group[r[0] - 1] = r[1]
    return finish(rng, row_pat, pat_group, score, label)


def gen_calibrated_skewed():
    """5,000 rows; scores strictly inside (0,1) and miscalibrated:
    true p = sigmoid(b_g*logit(s) + a_g), with (b,a) = (0.5,-1) in A,
    (0.8,-0.5) in B and (1.3,0.3) in C."""
    rng = np.random.default_rng(20240404)
    n = 5000
    row_pat, pat_group, _ = make_patients(rng, n, (0.55, 0.30, 0.15))
    u = rng.normal(0.0, 0.6, size=len(pat_group))
    g = pat_group[row_pat]
    z = -0.8 + u[row_pat] + rng.normal(0.0, 1.5, size=n)
    score = sigmoid(z)
    assert np.all(score > 0.0) and np.all(score < 1.0)
    b = np.where(g == "A", 0.5, np.where(g == "B", 0.8, 1.3))
    a = np.where(g == "A", -1.0, np.where(g == "B", -0.5, 0.3))
    p = sigmoid(b * logit(score) + a)
    label = (rng.random(n) < p).astype(int)
    return finish(rng, row_pat, pat_group, score, label)


DATASETS = [
    ("continuous", gen_continuous, gen_continuous.__doc__),
    ("ties", gen_ties, gen_ties.__doc__),
    ("small", gen_small, gen_small.__doc__),
    ("calibrated_skewed", gen_calibrated_skewed, gen_calibrated_skewed.__doc__),
]
SEEDS = {"continuous": 20240101, "ties": 20240202, "small": 20240303, "calibrated_skewed": 20240404}


def write_csv(path, rows):
    with open(path, "w", newline="") as f:
        f.write("patient_id,score,label,group\n")
        for pid, s, y, g in rows:
            f.write("%s,%s,%d,%s\n" % (pid, repr(s), y, g))


def read_csv(path):
    ids, scores, labels, groups = [], [], [], []
    with open(path) as f:
        header = f.readline().rstrip("\n")
        assert header == "patient_id,score,label,group"
        for line in f:
            pid, s, y, g = line.rstrip("\n").split(",")
            ids.append(pid)
            scores.append(float(s))
            labels.append(int(y))
            groups.append(g)
    return np.array(ids), np.array(scores, dtype=float), np.array(labels, dtype=int), np.array(groups)


# ---------------------------------------------------------------------------
# metrics
# ---------------------------------------------------------------------------

def ratio(num, den):
    return None if den == 0 else num / den


def newton_logistic(X, y, offset=None, iters=100):
    """Plain-numpy Newton-Raphson for unpenalised logistic regression (cross-check)."""
    beta = np.zeros(X.shape[1])
    off = np.zeros(len(y)) if offset is None else offset
    for _ in range(iters):
        eta = X @ beta + off
        mu = sigmoid(eta)
        w = mu * (1 - mu)
        grad = X.T @ (y - mu)
        H = X.T @ (X * w[:, None])
        step = np.linalg.solve(H, grad)
        beta = beta + step
        if np.max(np.abs(step)) < 1e-15:
            break
    return beta


def calibration(score, y):
    out = {"calibration_slope": None, "calibration_slope_fit_intercept": None, "calibration_intercept": None}
    notes = []
    pos = y.sum()
    n = len(y)
    if pos == 0 or pos == n:
        notes.append("calibration undefined: one class only")
        return out, notes
    lg = logit(score)
    yf = y.astype(float)
    # calibration-in-the-large (offset model): MLE exists when both classes present
    ones = np.ones((n, 1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res0 = sm.GLM(yf, ones, family=sm.families.Binomial(), offset=lg).fit(method="IRLS", tol=1e-14, maxiter=1000)
    a_off = float(res0.params[0])
    a_off_newton = float(newton_logistic(ones, yf, offset=lg)[0])
    assert abs(a_off - a_off_newton) < 1e-9 * max(1.0, abs(a_off)), (a_off, a_off_newton)
    out["calibration_intercept"] = a_off
    # slope fit: MLE exists iff the classes overlap strictly on logit(s)
    lp, ln_ = lg[y == 1], lg[y == 0]
    if ln_.max() <= lp.min() or lp.max() <= ln_.min():
        notes.append("calibration slope undefined: (quasi-)complete separation on logit(score)")
        return out, notes
    X = np.column_stack([np.ones(n), lg])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = sm.GLM(yf, X, family=sm.families.Binomial()).fit(method="IRLS", tol=1e-14, maxiter=1000)
    a, b = float(res.params[0]), float(res.params[1])
    an, bn = newton_logistic(X, yf)
    sk = LogisticRegression(penalty=None, tol=1e-12, max_iter=10000, solver="lbfgs").fit(lg.reshape(-1, 1), y)
    ask, bsk = float(sk.intercept_[0]), float(sk.coef_[0, 0])
    assert abs(a - an) < 1e-9 * max(1.0, abs(a)) and abs(b - bn) < 1e-9 * max(1.0, abs(b)), (a, an, b, bn)
    # lbfgs stops on a gradient tolerance: looser agreement expected
    if not (abs(a - ask) < 1e-4 * max(1.0, abs(a)) and abs(b - bsk) < 1e-4 * max(1.0, abs(b))):
        notes.append("sklearn LogisticRegression disagrees with GLM beyond 1e-4: a=%r vs %r, b=%r vs %r" % (a, ask, b, bsk))
    out["calibration_slope"] = b
    out["calibration_slope_fit_intercept"] = a
    return out, notes


def net_benefit(score, y, pt):
    n = len(y)
    pred = score >= pt
    tp = int(np.sum(pred & (y == 1)))
    fp = int(np.sum(pred & (y == 0)))
    pi = float(np.sum(y == 1)) / n
    odds = pt / (1.0 - pt)
    nb = tp / n - fp / n * odds
    nb_all = pi - (1.0 - pi) * odds
    return {
        "threshold_probability": pt,
        "tp": tp,
        "fp": fp,
        "n": n,
        "net_benefit_model": nb,
        "net_benefit_treat_all": nb_all,
        "net_benefit_treat_none": 0.0,
        "interventions_avoided_per_100": (nb - nb_all) / odds * 100.0,
    }


def metrics(score, y):
    n = len(y)
    y_pred = (score >= THRESHOLD).astype(int)
    tn, fp, fn, tp = (int(v) for v in confusion_matrix(y, y_pred, labels=[0, 1]).ravel())
    assert tp == int(np.sum((y_pred == 1) & (y == 1)))
    positives = int(y.sum())
    m = {"n": n, "positives": positives, "negatives": n - positives,
         "tp": tp, "fp": fp, "tn": tn, "fn": fn}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sens = float(recall_score(y, y_pred, zero_division=0)) if tp + fn > 0 else None
        ppv = float(precision_score(y, y_pred, zero_division=0)) if tp + fp > 0 else None
        f1 = float(f1_score(y, y_pred, zero_division=0)) if tp + fp + fn > 0 else None
    if f1 is not None:
        assert abs(f1 - 2 * tp / (2 * tp + fp + fn)) < 1e-15, (f1, tp, fp, fn)
    m["sensitivity"] = sens
    m["specificity"] = ratio(tn, tn + fp)
    m["ppv"] = ppv
    m["npv"] = ratio(tn, tn + fn)
    m["accuracy"] = float(accuracy_score(y, y_pred))
    m["f1"] = f1
    m["flag_rate"] = (tp + fp) / n
    m["prevalence"] = positives / n
    m["auroc"] = float(roc_auc_score(y, score)) if 0 < positives < n else None
    m["auprc"] = float(average_precision_score(y, score)) if positives > 0 else None
    m["brier"] = float(brier_score_loss(y, score))
    cal, notes = calibration(score, y)
    m.update(cal)
    m["net_benefit"] = {repr(pt): net_benefit(score, y, pt) for pt in NB_THRESHOLDS}
    m["notes"] = notes
    return m


def sweep(score, y):
    lines = ["threshold,tp,fp,tn,fn"]
    for k in range(0, 101):
        t = k / 100  # correctly rounded double nearest to k/100, same as float("0.kk")
        ts = "%d.%02d" % (k // 100, k % 100)
        assert float(ts) == t
        pred = score >= t
        tp = int(np.sum(pred & (y == 1)))
        fp = int(np.sum(pred & (y == 0)))
        tn = int(np.sum(~pred & (y == 0)))
        fn = int(np.sum(~pred & (y == 1)))
        lines.append("%s,%d,%d,%d,%d" % (ts, tp, fp, tn, fn))
    return "\n".join(lines) + "\n"


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, gen, doc in DATASETS:
        rows = gen()
        csv_path = os.path.join(OUT, name + ".csv")
        write_csv(csv_path, rows)
        ids, score, y, groups = read_csv(csv_path)
        assert np.array_equal(score, np.array([r[1] for r in rows]))   # exact round trip
        per_patient = {}
        for pid, gname in zip(ids, groups):
            per_patient.setdefault(pid, set()).add(gname)
        assert all(len(v) == 1 for v in per_patient.values())
        rows_per_patient = {}
        for pid in ids:
            rows_per_patient[pid] = rows_per_patient.get(pid, 0) + 1
        hist = {}
        for c in rows_per_patient.values():
            hist[str(c)] = hist.get(str(c), 0) + 1
        result = {
            "dataset": name,
            "csv": name + ".csv",
            "generator": {
                "script": "reference/make_sklearn_fixtures.py",
                "numpy_seed": SEEDS[name],
                "description": " ".join(doc.split()),
                "patients": len(rows_per_patient),
                "patients_by_row_count": dict(sorted(hist.items())),
            },
            "threshold": THRESHOLD,
            "versions": VERSIONS,
            "methods": METHODS,
            "overall": metrics(score, y),
            "groups": {gname: metrics(score[groups == gname], y[groups == gname]) for gname in GROUPS},
        }
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump(result, f, indent=2, allow_nan=False)
            f.write("\n")
        if name == "ties":
            with open(os.path.join(OUT, "ties_sweep.csv"), "w", newline="") as f:
                f.write(sweep(score, y))
        o = result["overall"]
        print("%-18s n=%d pos=%d prev=%.4f auroc=%.4f groups=%s" % (
            name, o["n"], o["positives"], o["prevalence"], o["auroc"],
            {g: (result["groups"][g]["n"], result["groups"][g]["positives"]) for g in GROUPS}))


if __name__ == "__main__":
    main()
