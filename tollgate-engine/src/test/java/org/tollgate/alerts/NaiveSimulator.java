package org.tollgate.alerts;

import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately naive reference implementation of the alert semantics, written straight from the
 * issue text with lists and no optimisation, to check {@link Simulator} against on random data.
 */
final class NaiveSimulator {
  record Score(String enc, long t, double s) {}

  record Event(String enc, long t, String type, double value, Long end) {}

  static long[] run(List<Score> scores, List<Event> events, Outcome outcome, AlertPolicy p) {
    // returns {alerts, timely, late, false, encounters, outcomeEncounters, detected, sumLeadSeconds, flagged encounters}
    long[] r = new long[9];
    List<String> encs = scores.stream().map(Score::enc).distinct().sorted().toList();
    for (String e : encs) {
      r[4]++;
      List<Score> ss = new ArrayList<>(scores.stream().filter(x -> x.enc().equals(e)).toList());
      ss.sort((a, b) -> Long.compare(a.t(), b.t()));
      Long onset = null;
      for (Event ev : events) {
        if (ev.enc().equals(e) && ev.type().equals(outcome.type()) && (onset == null || ev.t() < onset)) onset = ev.t();
      }
      if (onset != null) r[5]++;
      List<Score> kept = new ArrayList<>();
      for (Score s : ss) if (onset == null || s.t() < onset) kept.add(s);
      List<Long> alertTimes = new ArrayList<>();
      Long firstTimely = null;
      for (int i = 0; i < kept.size(); i++) {
        Score s = kept.get(i);
        long t = s.t();
        if (!(s.s() >= p.threshold())) continue;
        if (i + 1 < p.persistence()) continue;
        boolean persist = true;
        for (int j = i - p.persistence() + 1; j <= i; j++) persist &= kept.get(j).s() >= p.threshold();
        if (!persist) continue;
        if (p.confirm() != null) {
          boolean ok = false;
          for (Event ev : events) {
            if (ev.enc().equals(e) && ev.type().equals(p.confirm().type()) && ev.value() >= p.confirm().atLeast()
                && ev.t() >= t - p.confirm().withinMinutes() * 60L && ev.t() <= t) ok = true;
          }
          if (!ok) continue;
        }
        boolean suppressed = false;
        for (Event ev : events) {
          if (ev.enc().equals(e) && p.suppressDuring().contains(ev.type()) && ev.end() != null && ev.t() <= t && t < ev.end()) suppressed = true;
        }
        if (suppressed) continue;
        if (!alertTimes.isEmpty()) {
          if (p.refireAfterMinutes() == null) continue;
          if (t < alertTimes.get(alertTimes.size() - 1) + p.refireAfterMinutes() * 60L) continue;
        }
        if (p.maxAlertsPerEncounter() != null && alertTimes.size() >= p.maxAlertsPerEncounter()) continue;
        alertTimes.add(t);
        long d = t;
        if (p.digestMinutes() != null) {
          long D = p.digestMinutes() * 60L;
          d = ((t + D - 1) / D) * D;
        }
        r[0]++;
        if (onset != null && d < onset && onset - d <= outcome.horizonMinutes() * 60L) {
          r[1]++;
          if (firstTimely == null) firstTimely = d;
        } else if (onset != null && d >= onset) {
          r[2]++;
        } else {
          r[3]++;
        }
      }
      if (!alertTimes.isEmpty()) r[8]++;
      if (firstTimely != null) {
        r[6]++;
        r[7] += onset - firstTimely;
      }
    }
    return r;
  }
}
