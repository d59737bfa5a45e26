"""Expected values for EvaluatorTest's cell-by-cell small cells (a score with no alert policy, threshold 0.5).

Confusion cells by sex (TP, FN, FP, TN):
  F  50  20   0  100   (n 170: a zero false positives is shown)
  M   5  35  30  130   (n 200, the reference: the largest group)
  X  30  12  20   60   (n 122)
M's 5 true positives are withheld, and with them M's FN, FP and TN (any one cell and the shown margins give the others);
over the levels, the smallest other TP (X's 30) is withheld to cover M's, and with it X's other three. M and X keep their
cases, positives, negatives and flagged cases (flag rate 35/200 and 50/122). F is compared with M on the flag rate only;
on sensitivity, specificity, PPV and NPV M withholds its counts, so F is compared with M and X pooled: the overall minus F
(overall TP 85, FN 67, FP 50, TN 290).
Wilson and Newcombe (method 10) written out; the pooled z test's p from scipy.stats.norm, checked against
scipy.stats.chi2_contingency(correction=False).
Run: python3 cell_by_cell.py > cell_by_cell.json
"""
import json
import math

from scipy.stats import chi2_contingency, norm

Z = norm.ppf(0.975)


def wilson(x, n):
    p = x / n
    den = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / den
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / den
    return p, (0.0 if x == 0 else max(0.0, centre - half)), (1.0 if x == n else min(1.0, centre + half))


def newcombe(x1, n1, x0, n0):
    p1, l1, u1 = wilson(x1, n1)
    p0, l0, u0 = wilson(x0, n0)
    d = p1 - p0
    return d, d - math.sqrt((p1 - l1) ** 2 + (u0 - p0) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p0 - l0) ** 2)


def pooled_z_p(x1, n1, x0, n0):
    pbar = (x1 + x0) / (n1 + n0)
    z = (x1 / n1 - x0 / n0) / math.sqrt(pbar * (1 - pbar) * (1 / n1 + 1 / n0))
    p = 2 * norm.sf(abs(z))
    chi2 = chi2_contingency([[x1, n1 - x1], [x0, n0 - x0]], correction=False)
    assert abs(chi2[1] - p) <= 1e-9 * p, (chi2[1], p)
    return p


F = dict(tp=50, fn=20, fp=0, tn=100)
M = dict(tp=5, fn=35, fp=30, tn=130)
X = dict(tp=30, fn=12, fp=20, tn=60)
pool = {k: M[k] + X[k] for k in F}


def num_den(c, metric):
    return {
        "sensitivity": (c["tp"], c["tp"] + c["fn"]),
        "specificity": (c["tn"], c["tn"] + c["fp"]),
        "ppv": (c["tp"], c["tp"] + c["fp"]),
        "npv": (c["tn"], c["tn"] + c["fn"]),
        "flag_rate": (c["tp"] + c["fp"], sum(c.values())),
    }[metric]


out = {}
for metric in ["sensitivity", "specificity", "ppv", "npv"]:
    r = num_den(F, metric) + num_den(pool, metric)
    d, lo, hi = newcombe(*r)
    out["F_" + metric + "_vs_pooled"] = {"counts": r, "difference": d, "lower": lo, "upper": hi, "p": pooled_z_p(*r)}
for name, c in [("F", F), ("X", X)]:
    r = num_den(c, "flag_rate") + num_den(M, "flag_rate")
    d, lo, hi = newcombe(*r)
    out[name + "_flag_rate_vs_M"] = {"counts": r, "difference": d, "lower": lo, "upper": hi, "p": pooled_z_p(*r)}
print(json.dumps(out, indent=2))
