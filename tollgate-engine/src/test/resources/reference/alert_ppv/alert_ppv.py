#!/usr/bin/env python3
"""Reference values for org.tollgate.alerts.AlertPpv (alert PPV with encounter-clustered alerts).

Run: /usr/bin/python3 alert_ppv.py   (writes alert_ppv_clusters.csv and alert_ppv.json beside it; Debian bookworm's
python3-statsmodels 0.13.5+dfsg with numpy 1.24.2 made the checked-in files)

Written from the papers and statsmodels, not from tollgate's code. Each case is a set of encounters that alerted,
encounter i with a_i alerts of which t_i were timely. As alert-level rows (y = 1 for a timely alert, 0 otherwise,
grouped by encounter):
  - alert PPV p = mean of y = sum t / sum a, the ratio estimator over encounter clusters;
  - its cluster-robust (sandwich, linearized) variance from statsmodels: OLS of y on a constant with
    cov_type='cluster', groups = encounter, use_correction=False (no G/(G-1) factor), i.e.
    sum_i (t_i - p a_i)^2 / (sum a)^2 (Cochran, Sampling Techniques, 1977, ch. 6);
  - the design effect d = that variance / (p (1 - p) / N), N = sum a, floored at 1 (tollgate's documented choice: never
    narrower than treating alerts as independent);
  - Rao & Scott (1992, Biometrics 48:577-585, doi:10.2307/2532311): the counts divided by d, and the Wilson interval on
    them: statsmodels.stats.proportion.proportion_confint(T / d, N / d, alpha=0.05, method='wilson').
When p is 0 or 1 the variance is 0 and d undefined; tollgate then counts each alerting encounter once (d = N / encounters),
and this script does the same (case all_timely).
"""
import csv
import json
import os

import numpy as np
import statsmodels.api as sm
from statsmodels.stats.proportion import proportion_confint

HERE = os.path.dirname(os.path.abspath(__file__))


def cases():
    rng = np.random.default_rng(20261207)
    out = {}
    # Re-firing policy: 1 to 4 alerts per encounter; a septic encounter's alerts are timely, its last one late 30% of the time.
    rows = []
    for e in range(300):
        a = int(rng.integers(1, 5))
        septic = rng.random() < 0.3
        t = 0 if not septic else (a - 1 if (a > 1 and rng.random() < 0.3) else a)
        rows.append((a, t))
    out["refire"] = rows
    # One alert per encounter: the interval must be Wilson on (T, N).
    out["one_per_encounter"] = [(1, int(rng.random() < 0.2)) for _ in range(250)]
    # Every alert timely (p = 1): each encounter counts once.
    out["all_timely"] = [(int(a), int(a)) for a in rng.integers(1, 4, size=20)]
    return out


def reference(rows):
    y, g = [], []
    for e, (a, t) in enumerate(rows):
        y += [1] * t + [0] * (a - t)
        g += [e] * a
    y = np.array(y, dtype=float)
    n = len(y)
    t = y.sum()
    p = t / n
    if 0 < p < 1:
        fit = sm.OLS(y, np.ones(n)).fit(cov_type="cluster", cov_kwds={"groups": np.array(g), "use_correction": False})
        var = float(fit.cov_params()[0][0])
        d = max(1.0, var / (p * (1 - p) / n))
    else:
        d = max(1.0, n / len(rows))
    lo, hi = proportion_confint(t / d, n / d, alpha=0.05, method="wilson")
    return {"timely": int(t), "alerts": n, "encounters": len(rows), "ppv": p, "design_effect": d, "lower": float(lo), "upper": float(hi)}


def main():
    cs = cases()
    with open(os.path.join(HERE, "alert_ppv_clusters.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["case", "encounter", "alerts", "timely"])
        for name, rows in cs.items():
            for e, (a, t) in enumerate(rows):
                w.writerow([name, e, a, t])
    with open(os.path.join(HERE, "alert_ppv.json"), "w") as f:
        json.dump({name: reference(rows) for name, rows in cs.items()}, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
