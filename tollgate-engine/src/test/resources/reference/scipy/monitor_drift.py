#!/usr/bin/env python3
"""Reference values for org.tollgate.monitor.Drift (PSI, two-sample Kolmogorov-Smirnov).

Run: python3 monitor_drift.py   (Debian python3-scipy 1.17.1, numpy 2.4.6 made the checked-in files)
Writes drift_samples.csv (case, sample, value) and drift.json (per case: PSI, KS D, p-values).

PSI, as tollgate defines it: edges = the reference's quantiles at 0.1, ..., 0.9 (numpy's default
'linear' method, Hyndman-Fan type 7), duplicates dropped; a value x falls in bin
searchsorted(edges, x, side='right'), i.e. bins [e_j, e_j+1); proportions floored at 1e-4;
PSI = sum (a - r) * ln(a / r).
KS: D and its location from scipy.stats.ks_2samp; p-values from scipy's Kolmogorov limiting
distribution kstwobign.sf(sqrt(m n / (m + n)) D) (what tollgate computes) and, for comparison,
ks_2samp(method='asymp') (SciPy's finite-n variant kstwo).
"""
import json
import numpy as np
from scipy import stats

rng = np.random.default_rng(20)
cases = {
    # continuous, a small shift in location and scale
    "normal_shift": (rng.normal(0.0, 1.0, 2000), rng.normal(0.15, 1.1, 1500)),
    # same distribution: no drift
    "same": (rng.normal(0.0, 1.0, 1200), rng.normal(0.0, 1.0, 900)),
    # scores logged to 3 decimals (ties), the live scores shifted up on the logit scale
    "scores_ties": (np.round(1 / (1 + np.exp(-rng.normal(-2.5, 1.0, 3000))), 3),
                    np.round(1 / (1 + np.exp(-rng.normal(-2.1, 1.0, 2500))), 3)),
    # a big shift with empty bins in the live data
    "big_shift": (rng.normal(0.0, 1.0, 800), rng.normal(2.5, 0.3, 600)),
}

def psi(ref, live):
    edges = np.unique(np.quantile(ref, np.arange(1, 10) / 10))
    r = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=len(edges) + 1) / len(ref)
    a = np.bincount(np.searchsorted(edges, live, side="right"), minlength=len(edges) + 1) / len(live)
    r = np.maximum(r, 1e-4)
    a = np.maximum(a, 1e-4)
    return float(np.sum((a - r) * np.log(a / r))), edges.tolist()

out = {}
with open("drift_samples.csv", "w") as f:
    f.write("case,sample,value\n")
    for name, (ref, live) in cases.items():
        ref = np.round(ref, 6)
        live = np.round(live, 6)
        for s, xs in (("reference", ref), ("live", live)):
            for x in xs:
                f.write(f"{name},{s},{float(x)!r}\n")
        p, edges = psi(ref, live)
        ks = stats.ks_2samp(ref, live, method="asymp")
        m, n = len(ref), len(live)
        out[name] = {
            "psi": p,
            "edges": edges,
            "ks_d": float(ks.statistic),
            "ks_p_kolmogorov": float(stats.kstwobign.sf(np.sqrt(m * n / (m + n)) * ks.statistic)),
            "ks_p_scipy_asymp": float(ks.pvalue),
        }
with open("drift.json", "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")
