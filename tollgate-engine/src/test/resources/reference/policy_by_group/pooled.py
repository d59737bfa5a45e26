"""Expected values for PolicyByGroupTest's three-group gap (PolicyByGroup compares a group with all other groups
pooled when its attribute's reference group cannot show the compared counts).

Groups (encounters, with the outcome, detected in time, flagged, alerts, timely alerts):
  A 4000, 400, 80, 400, 400, 80   (the reference: most encounters among the groups showing the most shares)
  B 1000, 100,  0,   0,   0,  0
  C  300,  30,  5,  20,  60, 12
C's 5 detections are withheld; complementary withholding over the detected column (A 80 + B 0 + C 5 = 85, shown) withholds
A's 80 too (B's zero is never picked). B's detected in time (0 of 100) is then compared with A and C pooled: 85 of 430 (the
policy's 85 of 530 minus B's 0 of 100; both shown, so the pool gives nothing withheld back).

The family (Holm over the comparisons with a p-value), in PolicyByGroup's order:
  B detected_in_time   0/100  vs pooled 85/430
  B alert_ppv          0/0    vs A 80/400       (no alerts: no p-value)
  B encounters_flagged 0/1000 vs A 400/4000
  C detected_in_time   withheld (suppressed)
  C alert_ppv          12/60  vs A 80/400       (no re-fire sums in the fixture: design effect 1)
  C encounters_flagged 20/300 vs A 400/4000
Wilson and Newcombe (method 10) written out; the pooled z test's p from scipy.stats.norm, checked against
scipy.stats.chi2_contingency(correction=False) (Pearson's chi-squared equals the pooled z test squared).
Run: python3 pooled.py > pooled.json
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
    assert abs(chi2[1] - p) < 1e-12 * max(1.0, p) or abs(chi2[1] - p) < 1e-15, (chi2[1], p)
    return p


def holm(ps):
    order = sorted(range(len(ps)), key=lambda i: ps[i])
    out, running = [None] * len(ps), 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(ps) - rank) * ps[i]))
        out[i] = running
    return out


rows = {
    "B_detected_in_time_vs_pooled": (0, 100, 85, 430),
    "B_encounters_flagged": (0, 1000, 400, 4000),
    "C_alert_ppv": (12, 60, 80, 400),
    "C_encounters_flagged": (20, 300, 400, 4000),
}
ps = [pooled_z_p(*r) for r in rows.values()]
adj = holm(ps)
out = {}
for (name, r), p, a in zip(rows.items(), ps, adj):
    d, lo, hi = newcombe(*r)
    out[name] = {"counts": r, "difference": d, "lower": lo, "upper": hi, "p": p, "p_holm": a}
print(json.dumps(out, indent=2))
