#!/usr/bin/python3
"""Baseline for `tollgate evaluate`: the same per-encounter stratified evaluation as a data scientist
would write it with pandas + scikit-learn + numpy. This is the comparison point of bench/run.sh; it is
meant to be straightforward (vectorised where pandas makes it natural, library metrics, a plain
bootstrap loop), neither deliberately slow nor heroically optimised.

What it computes, matching `tollgate evaluate FILE --by A,B,C --intersections --bootstrap B`:
  * one case per encounter: score = max of the encounter's scores, label = max of its labels (1 when
    any row is labelled 1), attributes = those of the encounter's first row;
  * strata: overall, each level of each attribute, and every combination of levels of two or more
    attributes (A x B, A x C, B x C, A x B x C);
  * per stratum: confusion counts at threshold 0.5 (positive iff score >= 0.5), sensitivity,
    specificity, PPV, NPV, roc_auc_score, average_precision_score, brier_score_loss;
  * a B-replicate bootstrap of AUPRC and Brier per stratum, resampling the stratum's encounters with
    replacement (numpy), 95% percentile intervals.

The bootstrap differs from tollgate's by design (tollgate: one Poisson bootstrap over patients, shared
by all strata; here: an ordinary multinomial resample of encounters per stratum), so only point
estimates and counts are compared with tollgate (bench/compare.py); the intervals agree only roughly.

Input: CSV (Debian bookworm packages neither pyarrow nor fastparquet, so pandas cannot read Parquet
here). Usage:
  /usr/bin/python3 bench/evaluate_pandas.py scores.csv --by age_band,sex,comorbidity_band --bootstrap 1000 -o out.json
"""
import argparse
import itertools
import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score


def ratio(a, b):
    return float(a) / b if b else float("nan")


def metrics(y, s, threshold):
    pred = s >= threshold
    tp = int(np.sum(pred & (y == 1)))
    fp = int(np.sum(pred & (y == 0)))
    tn = int(np.sum(~pred & (y == 0)))
    fn = int(np.sum(~pred & (y == 1)))
    both = 0 < y.sum() < len(y)
    return {
        "n": int(len(y)), "positives": int(y.sum()), "tp": tp, "fp": fp, "tn": tn, "fn": fn,
        "sensitivity": ratio(tp, tp + fn), "specificity": ratio(tn, tn + fp),
        "ppv": ratio(tp, tp + fp), "npv": ratio(tn, tn + fn),
        "auroc": float(roc_auc_score(y, s)) if both else float("nan"),
        "auprc": float(average_precision_score(y, s)) if y.sum() > 0 else float("nan"),
        "brier": float(brier_score_loss(y, s)) if len(y) else float("nan"),
    }


def bootstrap(y, s, replicates, rng):
    n = len(y)
    ap = np.full(replicates, np.nan)
    br = np.full(replicates, np.nan)
    for b in range(replicates):
        idx = rng.integers(0, n, n)
        yb = y[idx]
        sb = s[idx]
        if yb.sum() > 0:
            ap[b] = average_precision_score(yb, sb)
        br[b] = brier_score_loss(yb, sb)
    return ([float(v) for v in np.nanpercentile(ap, [2.5, 97.5])] if np.isfinite(ap).any() else [None, None],
            [float(v) for v in np.nanpercentile(br, [2.5, 97.5])])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scores")
    ap.add_argument("--by", default="age_band,sex,comorbidity_band")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--bootstrap", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()
    by = [c.strip() for c in a.by.split(",") if c.strip()]
    lap = time.perf_counter()
    laps = {}

    def mark(step):
        nonlocal lap
        now = time.perf_counter()
        laps[step] = round(now - lap, 3)
        print(f"pandas {step:<12} {now - lap:8.3f} s", file=sys.stderr)
        lap = now

    df = pd.read_csv(a.scores, usecols=["encounter_id", "score", "label"] + by,
                     dtype={c: str for c in by} | {"encounter_id": str})
    mark("read")
    enc = df.groupby("encounter_id", sort=False).agg(
        score=("score", "max"), label=("label", "max"), **{c: (c, "first") for c in by})
    del df
    mark("groupby")

    strata = [((), enc)]
    for k in range(1, len(by) + 1):
        for combo in itertools.combinations(by, k):
            for key, g in enc.groupby(list(combo) if len(combo) > 1 else combo[0], sort=True):
                key = key if isinstance(key, tuple) else (key,)
                strata.append((tuple(zip(combo, key)), g))
    out = []
    for key, g in strata:
        y = g["label"].to_numpy(dtype=np.int64)
        s = g["score"].to_numpy(dtype=np.float64)
        m = metrics(y, s, a.threshold)
        out.append({"by": dict(key), **m, "_y": y, "_s": s})
    mark("metrics")

    rng = np.random.default_rng(a.seed)
    if a.bootstrap > 0:
        for r in out:
            r["auprc_ci"], r["brier_ci"] = bootstrap(r["_y"], r["_s"], a.bootstrap, rng)
    mark("bootstrap")
    for r in out:
        del r["_y"], r["_s"]
    doc = {"baseline": "pandas " + pd.__version__, "per": "encounter", "threshold": a.threshold,
           "bootstrap": a.bootstrap, "seconds": laps, "strata": out}
    text = json.dumps(doc, indent=1, allow_nan=True)
    if a.output == "-":
        print(text)
    else:
        with open(a.output, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
