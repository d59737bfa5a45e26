#!/usr/bin/python3
"""Checks that a pandas baseline computed what tollgate computed (bench/run.sh calls this).

  compare.py evaluate TOLLGATE.json PANDAS.json   overall and every stratum tollgate shows:
      n, positives, tp/fp/tn/fn exactly; AUROC, AUPRC, Brier, sensitivity, specificity, PPV, NPV to 1e-9
  compare.py simulate TOLLGATE.json PANDAS.json   per policy: alerts, timely, late, false alerts exactly;
      encounters, outcome and detected encounters where tollgate shows them (not withheld below min-cell)

Exits 1 and lists the differences when any number disagrees.
"""
import json
import math
import sys

TOL = 1e-9


def close(a, b):
    if a is None or b is None:
        return a is None and (b is None or (isinstance(b, float) and math.isnan(b)))
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return abs(a - b) <= TOL * max(1.0, abs(a))


def evaluate(tg, pd):
    bad = []
    mine = {tuple(sorted(s["by"].items())): s for s in pd["strata"]}
    strata = [tg["overall"]] + tg["strata"]
    checked = 0
    for s in strata:
        key = tuple(sorted(s["by"].items()))
        p = mine.get(key)
        if p is None:
            bad.append(f"{key}: missing from the baseline")
            continue
        for k in ("n", "positives", "tp", "fp", "tn", "fn"):
            if s.get(k) is not None and s[k] != p[k]:
                bad.append(f"{key} {k}: tollgate {s[k]} pandas {p[k]}")
        for k in ("auroc", "auprc", "brier", "sensitivity", "specificity", "ppv", "npv"):
            m = s["metrics"].get(k)
            v = m["estimate"] if m else None
            if v is not None and not close(v, p[k]):
                bad.append(f"{key} {k}: tollgate {v!r} pandas {p[k]!r}")
        checked += 1
    extra = len(mine) - len(strata)
    o = tg["overall"]
    print(f"evaluate: {checked} strata checked; overall n={o['n']} tp={o['tp']} fp={o['fp']} tn={o['tn']} fn={o['fn']}"
          f" auroc={o['metrics']['auroc']['estimate']!r} auprc={o['metrics']['auprc']['estimate']!r}"
          + (f"; the baseline has {extra} more strata (empty in tollgate)" if extra else ""))
    return bad


def simulate(tg, pd):
    bad = []
    mine = {p["name"]: p for p in pd["policies"]}
    for p in tg["policies"]:
        q = mine.get(p["name"])
        if q is None:
            bad.append(f"{p['name']}: missing from the baseline")
            continue
        for k in ("alerts", "timely_alerts", "late_alerts", "false_alerts",
                  "encounters", "outcome_encounters", "detected_encounters"):
            if p.get(k) is not None and p[k] != q[k]:
                bad.append(f"{p['name']} {k}: tollgate {p[k]} pandas {q[k]}")
        print(f"simulate: {p['name']:<28} alerts {p['alerts']:>9} timely {p['timely_alerts']:>7}"
              f" late {p['late_alerts']:>7} false {p['false_alerts']:>9} detected {p['detected_encounters']}")
    return bad


def main():
    kind, a, b = sys.argv[1:4]
    with open(a) as f:
        tg = json.load(f)
    with open(b) as f:
        pd = json.load(f)
    bad = evaluate(tg, pd) if kind == "evaluate" else simulate(tg, pd)
    if bad:
        print(f"{kind}: MISMATCH in {len(bad)} values:")
        for line in bad[:40]:
            print("  " + line)
        sys.exit(1)
    print(f"{kind}: the baseline agrees with tollgate")


if __name__ == "__main__":
    main()
