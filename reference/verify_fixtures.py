#!/usr/bin/python3
"""Check that every reference fixture parses (JSON strictly, CSV with a
consistent column count and numeric fields where expected) and that the
pROC s100b values round to the published 0.7314 / 0.6301-0.8326.

Run from the worktree root:  /usr/bin/python3 reference/verify_fixtures.py
"""
import csv
import json
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASE = os.path.join(ROOT, "tollgate-engine", "src", "test", "resources", "reference")


def strict_json(path):
    def bad_constant(c):
        raise ValueError("non-standard JSON constant %s in %s" % (c, path))
    with open(path) as f:
        return json.load(f, parse_constant=bad_constant)


def check_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    assert body, path
    for r in body:
        assert len(r) == len(header), (path, r)
    return header, body


def finite_numbers(obj, path):
    if isinstance(obj, dict):
        for v in obj.values():
            finite_numbers(v, path)
    elif isinstance(obj, list):
        for v in obj:
            finite_numbers(v, path)
    elif isinstance(obj, float):
        assert math.isfinite(obj), path


n = 0
for dirpath, _, files in sorted(os.walk(BASE)):
    for name in sorted(files):
        path = os.path.join(dirpath, name)
        rel = os.path.relpath(path, BASE)
        if name.endswith(".json"):
            finite_numbers(strict_json(path), rel)
        elif name.endswith(".csv"):
            header, body = check_csv(path)
            if rel.startswith("sklearn/") and header[0] == "patient_id":
                assert header == ["patient_id", "score", "label", "group"], rel
                for r in body:
                    s = float(r[1])
                    assert 0.0 < s < 1.0 and r[2] in ("0", "1") and r[3] in ("A", "B", "C"), (rel, r)
        else:
            raise SystemExit("unexpected file %s" % rel)
        n += 1
        print("ok  %s" % rel)

a = strict_json(os.path.join(BASE, "proc", "asah.json"))["single"]["s100b"]
got = ("%.4f" % a["auc"], "%.4f" % a["ci_lower"], "%.4f" % a["ci_upper"])
assert got == ("0.7314", "0.6301", "0.8326"), got
print("s100b AUC %s, DeLong 95%% CI %s-%s: matches the published values" % got)
# consistency: ties_sweep rows at 0.10 / 0.50 equal the JSON counts; counts recomputed in plain Python
ties = strict_json(os.path.join(BASE, "sklearn", "ties.json"))["overall"]
_, sweep = check_csv(os.path.join(BASE, "sklearn", "ties_sweep.csv"))
sweep = {r[0]: [int(v) for v in r[1:]] for r in sweep}
assert sweep["0.50"] == [ties["tp"], ties["fp"], ties["tn"], ties["fn"]]
nb = ties["net_benefit"]["0.1"]
assert sweep["0.10"][:2] == [nb["tp"], nb["fp"]]
for name in ("continuous", "ties", "small", "calibrated_skewed"):
    js = strict_json(os.path.join(BASE, "sklearn", name + ".json"))
    _, body = check_csv(os.path.join(BASE, "sklearn", name + ".csv"))
    for sub in ("overall", "A", "B", "C"):
        rows = [r for r in body if sub == "overall" or r[3] == sub]
        m = js["overall"] if sub == "overall" else js["groups"][sub]
        tp = sum(1 for r in rows if float(r[1]) >= 0.5 and r[2] == "1")
        fp = sum(1 for r in rows if float(r[1]) >= 0.5 and r[2] == "0")
        pos = sum(1 for r in rows if r[2] == "1")
        assert (m["n"], m["positives"], m["tp"], m["fp"]) == (len(rows), pos, tp, fp), (name, sub)
print("confusion counts and sweep consistent with the JSON")
print("%d files valid" % n)
