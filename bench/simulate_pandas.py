#!/usr/bin/python3
"""Baseline for `tollgate simulate`: the alert-policy replay as a data scientist would write it with
pandas + numpy: read scores and events, sort by encounter and time, group by encounter and apply a
per-encounter Python function that replays every policy (rules 1-4 vectorised with numpy over the
encounter's scores, rules 5-6, the digest and the classification in a loop over the candidate alerts).
This is the comparison point of bench/run.sh, meant to be straightforward, not tuned.

Semantics (tollgate's Simulator javadoc and README "Alert policy semantics"): per encounter, scores in
time order; scores at or after the outcome onset (the encounter's first event of the outcome type)
are censored. A score at time t fires iff
  1. score >= threshold;
  2. persistence k: the k most recent uncensored scores up to and including this one are all >= threshold;
  3. confirm (if set): an event of that type with value >= at_least and time in [t - within, t];
  4. t is not inside [time, end_time) of an event of a suppress_during type;
  5. no earlier alert, or t >= last alert + refire_after (unset: at most one alert per encounter);
  6. fewer than max_alerts_per_encounter alerts so far.
Delivery d = t, or with digest D the first multiple of D minutes since the epoch >= t. Timely iff the
encounter has an onset, d < onset and onset - d <= horizon; late iff onset and d >= onset; else false.
An encounter is detected when it has a timely alert.

Input: CSV (see evaluate_pandas.py for why not Parquet). Usage:
  /usr/bin/python3 bench/simulate_pandas.py --scores scores.csv --events events.csv --policy examples/sepsis/policy.yaml -o out.json
"""
import argparse
import json
import sys
import time

import numpy as np
import pandas as pd
import yaml


def epoch_seconds(col):
    return pd.to_datetime(col, utc=True, format="ISO8601" if pd.__version__ >= "2" else None).astype("int64") // 10**9


def load_policies(path):
    with open(path) as f:
        doc = yaml.safe_load(f)
    out = []
    for i, p in enumerate(doc["policies"]):
        c = p.get("confirm")
        out.append({
            "name": p.get("name", f"policy-{i + 1}"),
            "threshold": float(p["threshold"]),
            "persistence": int(p.get("persistence", 1)),
            "confirm": None if c is None else (c["type"], float(c.get("at_least", -np.inf)), int(c["within_minutes"]) * 60),
            "suppress": list(p.get("suppress_during", [])),
            "refire": None if p.get("refire_after_minutes") is None else int(p["refire_after_minutes"]) * 60,
            "max": p.get("max_alerts_per_encounter"),
            "digest": None if p.get("digest_minutes") is None else int(p["digest_minutes"]) * 60,
        })
    o = doc["outcome"]
    return out, o["type"], int(o.get("horizon_minutes", 720)) * 60


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scores", required=True)
    ap.add_argument("--events", required=True)
    ap.add_argument("--policy", required=True)
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()
    policies, outcome_type, horizon = load_policies(a.policy)
    lap = time.perf_counter()
    laps = {}

    def mark(step):
        nonlocal lap
        now = time.perf_counter()
        laps[step] = round(now - lap, 3)
        print(f"pandas {step:<12} {now - lap:8.3f} s", file=sys.stderr)
        lap = now

    scores = pd.read_csv(a.scores, usecols=["encounter_id", "time", "score"], dtype={"encounter_id": str})
    scores["t"] = epoch_seconds(scores["time"])
    events = pd.read_csv(a.events, dtype={"encounter_id": str, "type": str})
    events["t"] = epoch_seconds(events["time"])
    events["end"] = np.where(events["end_time"].isna(), np.nan,
                             epoch_seconds(events["end_time"].fillna("1970-01-01T00:00:00Z")).astype(float))
    mark("read")
    scores = scores.sort_values(["encounter_id", "t"], kind="stable")
    events = events.sort_values(["encounter_id", "t"], kind="stable")
    events_by_enc = {k: g for k, g in events.groupby("encounter_id", sort=False)}
    mark("sort")

    np_ = len(policies)
    no_events = events.iloc[:0]

    def replay(g):
        ev = events_by_enc.get(g.name, no_events)
        t = g["t"].to_numpy()
        s = g["score"].to_numpy()
        on = ev.loc[ev["type"] == outcome_type, "t"]
        onset = int(on.iloc[0]) if len(on) else None
        if onset is not None:
            keep = t < onset
            t, s = t[keep], s[keep]
        row = []
        for p in policies:
            ok = s >= p["threshold"]
            if p["persistence"] > 1:
                ok &= pd.Series(ok).astype(int).rolling(p["persistence"]).min().fillna(0).to_numpy() == 1
            if p["confirm"] is not None:
                ctype, at_least, within = p["confirm"]
                c = ev.loc[(ev["type"] == ctype) & (ev["value"] >= at_least), "t"].to_numpy()
                i = np.searchsorted(c, t, side="right")
                ok &= (i > 0) & (c[np.maximum(i - 1, 0)] >= t - within) if len(c) else False
            if p["suppress"]:
                w = ev[ev["type"].isin(p["suppress"]) & ev["end"].notna()]
                for st, en in zip(w["t"].to_numpy(), w["end"].to_numpy()):
                    ok &= ~((t >= st) & (t < en))
            alerts = timely = late = false = 0
            last = None
            for tc in t[ok]:
                if p["max"] is not None and alerts >= p["max"]:
                    break
                if last is not None:
                    if p["refire"] is None:
                        break
                    if tc < last + p["refire"]:
                        continue
                alerts += 1
                last = tc
                d = tc if p["digest"] is None else -(-tc // p["digest"]) * p["digest"]
                if onset is not None and d < onset and onset - d <= horizon:
                    timely += 1
                elif onset is not None and d >= onset:
                    late += 1
                else:
                    false += 1
            row += [alerts, timely, late, false, 1, int(onset is not None), int(timely > 0)]
        return pd.Series(row)

    per_encounter = scores.groupby("encounter_id", sort=False).apply(replay)
    mark("replay")
    total = per_encounter.sum().to_numpy().reshape(np_, 7)
    keys = ["alerts", "timely_alerts", "late_alerts", "false_alerts", "encounters", "outcome_encounters", "detected_encounters"]
    doc = {"baseline": "pandas " + pd.__version__, "seconds": laps,
           "policies": [{"name": p["name"], **{k: int(v) for k, v in zip(keys, total[i])}} for i, p in enumerate(policies)]}
    text = json.dumps(doc, indent=1)
    if a.output == "-":
        print(text)
    else:
        with open(a.output, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
