#!/usr/bin/env python3
"""Reference values for org.tollgate.evaluation.Stats.hanleyMcNeilVariance and minimumDetectableAurocDifference.

Run: python3 hanley_mcneil.py > hanley_mcneil.json   (Debian python3-scipy 1.17.1 made the checked-in file)

Written from the paper, not from tollgate's code: Hanley JA, McNeil BJ. The meaning and use of the area under a
receiver operating characteristic (ROC) curve. Radiology 1982;143:29-36, doi:10.1148/radiology.143.1.7063747, eq. (2):
  SE^2(A) = [A(1-A) + (nA - 1)(Q1 - A^2) + (nN - 1)(Q2 - A^2)] / (nA nN),  Q1 = A/(2-A),  Q2 = 2A^2/(1+A),
nA abnormal (positive) cases, nN normal (negative) cases.
Hand check of the first case: A = 0.8, nA = nN = 50: Q1 = 0.666667, Q2 = 0.711111,
  [0.16 + 49 * 0.026667 + 49 * 0.071111] / 2500 = 4.951111 / 2500 = 0.00198044, SE 0.0445.

Minimum detectable difference (two independent AUROCs, two-sided alpha 0.05, power 0.8): the delta > 0 with
  delta = z_0.975 sqrt(V(A0; group) + V(A0; ref)) + z_0.8 sqrt(V(A0 - delta; group) + V(A0; ref))
(A0 >= 0.5, so the group's area is looked for below the reference's), solved with scipy.optimize.brentq.
"""
import json
from scipy import optimize, stats


def var(a, n_pos, n_neg):
    q1 = a / (2 - a)
    q2 = 2 * a * a / (1 + a)
    return (a * (1 - a) + (n_pos - 1) * (q1 - a * a) + (n_neg - 1) * (q2 - a * a)) / (n_pos * n_neg)


def mdd(p1, n1, p0, n0, a0):
    za, zb = stats.norm.ppf(0.975), stats.norm.ppf(0.8)
    v0 = var(a0, p0, n0)
    f = lambda d: d - (za * (var(a0, p1, n1) + v0) ** 0.5 + zb * (var(a0 - d, p1, n1) + v0) ** 0.5)
    return optimize.brentq(f, 1e-9, a0, xtol=1e-14)


variances = [(0.8, 50, 50), (0.9, 20, 200), (0.7314, 41, 72), (0.5, 10, 10)]
mdds = [(50, 50, 50, 50, 0.8), (120, 1600, 480, 6400, 0.78), (300, 4000, 900, 12000, 0.85)]
print(json.dumps({
    "variance": [{"auc": a, "positives": p, "negatives": n, "variance": var(a, p, n)} for a, p, n in variances],
    "mdd": [{"positives1": p1, "negatives1": n1, "positives0": p0, "negatives0": n0, "auc0": a0, "mdd": mdd(p1, n1, p0, n0, a0)}
            for p1, n1, p0, n0, a0 in mdds],
}, indent=1))
