#!/usr/bin/python3
"""Wilson score intervals (95%, no continuity correction) for the worked
examples of Newcombe (1998a, 1998b), computed with statsmodels and checked
against a closed-form numpy computation and R's prop.test(correct = FALSE).

Run from the worktree root:

    /usr/bin/python3 reference/make_wilson.py

Writes tollgate-engine/src/test/resources/reference/wilson/wilson.csv
(x,n,lower,upper) and wilson/newcombe_difference.csv
(x1,n1,x2,n2,difference,lower,upper), and prints a comparison with the
4-decimal published values (see reference/wilson_examples.md).
"""

import math
import os
import subprocess
import sys

import numpy as np
import scipy
import statsmodels
from scipy.stats import norm
from statsmodels.stats.proportion import proportion_confint

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tollgate-engine", "src", "test", "resources", "reference", "wilson")

# Newcombe (1998a) Stat Med 17:857-872, single-proportion examples, method 3
# (Wilson score, no continuity correction), 4 decimals.
NEWCOMBE_A = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
]
# Newcombe (1998b) Stat Med 17:873-890, Table II, method 10 (square-and-add of
# Wilson score intervals, no continuity correction), 4 decimals.
NEWCOMBE_B = [
    (56, 70, 48, 80, 0.0524, 0.3339),
    (9, 10, 3, 10, 0.1705, 0.8090),
    (6, 7, 2, 7, 0.0582, 0.8062),
    (5, 56, 0, 29, -0.0381, 0.1926),
    (0, 10, 0, 20, -0.1611, 0.2775),
    (0, 10, 0, 10, -0.2775, 0.2775),
    (10, 10, 0, 20, 0.6791, 1.0000),
    (10, 10, 0, 10, 0.6075, 1.0000),
]
# extra edge cases (not from the paper)
EXTRA = [(29, 29), (0, 1), (1, 1), (5, 25), (999, 1000), (1, 10000)]

Z = float(norm.ppf(0.975))


def wilson_closed(x, n, z=Z):
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def wilson(x, n):
    lo, hi = proportion_confint(x, n, alpha=0.05, method="wilson")
    lo, hi = float(lo), float(hi)
    clo, chi = wilson_closed(x, n)
    assert abs(lo - clo) < 1e-14 and abs(hi - chi) < 1e-14, (x, n, lo, clo, hi, chi)
    # guard: the exact limits at x = 0 / x = n are 0 / 1 (a closed form in floating
    # point can land a few ulps off; statsmodels 0.13.5 already returns 0.0 / 1.0)
    if x == 0:
        lo = 0.0
    if x == n:
        hi = 1.0
    return lo, hi


def r_prop_test(pairs):
    """R prop.test(x, n, correct = FALSE)$conf.int for each pair."""
    xs = ",".join(str(x) for x, _ in pairs)
    ns = ",".join(str(n) for _, n in pairs)
    code = ("x <- c(%s); n <- c(%s); for (i in seq_along(x)) { ci <- suppressWarnings("
            "prop.test(x[i], n[i], correct = FALSE)$conf.int); "
            "cat(sprintf('%%.17g %%.17g\\n', ci[1], ci[2])) }" % (xs, ns))
    out = subprocess.run(["Rscript", "-e", code], check=True, capture_output=True, text=True).stdout
    return [tuple(float(v) for v in line.split()) for line in out.strip().splitlines()]


def newcombe_diff(x1, n1, x2, n2):
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1, n1)
    l2, u2 = wilson(x2, n2)
    d = p1 - p2
    lo = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    hi = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return d, lo, hi


def r4(v):
    # round half away from zero at 4 decimals, on the decimal value of the double
    return float("%.4f" % v)


def main():
    os.makedirs(OUT, exist_ok=True)
    pairs = [(x, n) for x, n, _, _ in NEWCOMBE_A]
    for x1, n1, x2, n2, _, _ in NEWCOMBE_B:
        for pr in ((x1, n1), (x2, n2)):
            if pr not in pairs:
                pairs.append(pr)
    for pr in EXTRA:
        if pr not in pairs:
            pairs.append(pr)

    rvals = r_prop_test(pairs)
    lines = ["x,n,lower,upper"]
    for (x, n), (rlo, rhi) in zip(pairs, rvals):
        lo, hi = wilson(x, n)
        assert abs(lo - rlo) < 1e-12 and abs(hi - rhi) < 1e-12, (x, n, lo, rlo, hi, rhi)
        lines.append("%d,%d,%r,%r" % (x, n, lo, hi))
    with open(os.path.join(OUT, "wilson.csv"), "w") as f:
        f.write("\n".join(lines) + "\n")

    print("z = %r; statsmodels %s, scipy %s, numpy %s" % (Z, statsmodels.__version__, scipy.__version__, np.__version__))
    print("Newcombe 1998a, method 3 (Wilson):")
    for x, n, plo, phi in NEWCOMBE_A:
        lo, hi = wilson(x, n)
        lo196, hi196 = wilson_closed(x, n, 1.96)
        print("  %3d/%-3d paper %.4f-%.4f  computed %.4f-%.4f %s  (z=1.96: %.4f-%.4f)  full %r %r" % (
            x, n, plo, phi, lo, hi, "OK" if (r4(lo), r4(hi)) == (plo, phi) else "DIFF",
            max(lo196, 0.0), hi196, lo, hi))

    dl = ["x1,n1,x2,n2,difference,lower,upper"]
    print("Newcombe 1998b, Table II method 10:")
    for x1, n1, x2, n2, plo, phi in NEWCOMBE_B:
        d, lo, hi = newcombe_diff(x1, n1, x2, n2)
        dl.append("%d,%d,%d,%d,%r,%r,%r" % (x1, n1, x2, n2, d, lo, hi))
        print("  %2d/%-2d - %2d/%-2d paper %.4f to %.4f  computed %.4f to %.4f %s  full %r %r" % (
            x1, n1, x2, n2, plo, phi, lo, hi, "OK" if (r4(lo), r4(hi)) == (plo, phi) else "DIFF", lo, hi))
    with open(os.path.join(OUT, "newcombe_difference.csv"), "w") as f:
        f.write("\n".join(dl) + "\n")


if __name__ == "__main__":
    main()
