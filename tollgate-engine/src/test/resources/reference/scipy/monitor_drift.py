#!/usr/bin/env python3
"""Reference values for org.tollgate.monitor.Drift (PSI, two-sample Kolmogorov-Smirnov).

Run: python3 monitor_drift.py   (Debian python3-scipy 1.17.1, numpy 2.4.6 made the checked-in files)
Writes drift_samples.csv (case, sample, value) and drift.json (per case: PSI, KS D, p-values), then
feature_samples.csv (case, sample, value; "nan" where the input is missing) and feature_drift.json (per
input of a features table: the missing share of each sample with the live share's 95% Wilson interval from
scipy.stats.binomtest(...).proportion_ci(method='wilson'), and the PSI of the present values as above).
The feature samples are drawn after the score samples, so adding them left drift.json unchanged.

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

# Features tables: bedside inputs as charted, in clinical units (heart rate whole beats, lactate to 0.1 mmol/L,
# a score-like input to 0.01, so tollgate's 2-decimal histogram keeps every value), missing as NaN.
def with_missing(x, share):
    x = x.astype(float)
    x[rng.random(len(x)) < share] = np.nan
    return x

feature_cases = {
    # a shift in level, missing share steady
    "heart_rate": (with_missing(np.round(rng.normal(88, 15, 3000)), 0.15), with_missing(np.round(rng.normal(95, 17, 1200)), 0.15)),
    # the lab stops being resulted for most patients: missing share jumps, values as before
    "lactate": (with_missing(np.round(rng.lognormal(0.4, 0.5, 3000), 1), 0.55), with_missing(np.round(rng.lognormal(0.4, 0.5, 1200), 1), 0.9)),
    # values in [0, 1] to 2 decimals: the same numbers can be scores
    "score_like": (np.round(1 / (1 + np.exp(-rng.normal(-1.5, 1.0, 2000))), 2), np.round(1 / (1 + np.exp(-rng.normal(-1.1, 1.0, 1500))), 2)),
}
fout = {}
with open("feature_samples.csv", "w") as f:
    f.write("case,sample,value\n")
    for name, (ref, live) in feature_cases.items():
        for s, xs in (("reference", ref), ("live", live)):
            for x in xs:
                f.write(f"{name},{s},{'nan' if np.isnan(x) else repr(float(x))}\n")
        r, l = ref[~np.isnan(ref)], live[~np.isnan(live)]
        p, edges = psi(r, l)
        k = int(np.isnan(live).sum())
        ci = stats.binomtest(k, len(live)).proportion_ci(confidence_level=0.95, method="wilson")
        fout[name] = {
            "psi": p,
            "edges": edges,
            "reference_rows": len(ref),
            "reference_missing": int(np.isnan(ref).sum()),
            "live_rows": len(live),
            "live_missing": k,
            "live_missing_share": k / len(live),
            "live_missing_wilson": [float(ci.low), float(ci.high)],
        }
with open("feature_drift.json", "w") as f:
    json.dump(fout, f, indent=2)
    f.write("\n")
