package org.tollgate.alerts;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tollgate.data.BadInputException;
import org.tollgate.data.FileHeader;
import org.tollgate.data.InputRecord;

/**
 * A {@link Simulator.Run} made elsewhere (a Spark job) as a file, so that {@code tollgate simulate
 * --summary FILE} prices it with the command line's own reports. It holds the policies and the outcome
 * it was run with, the counters per policy (overall and per group) and the lead times of detected
 * encounters; no identifier of any encounter.
 *
 * <p>Format {@code tollgate.simulation-summary/v3}, big-endian ({@link DataOutputStream}; {@code str} =
 * {@code writeUTF}, {@code int?}/{@code str?} = a boolean "present" first):
 * <pre>
 * bytes "TGSIMRUN", int 3
 * scores input, events input        (as {@link InputRecord#writeTo})
 * str outcome type, int horizon minutes
 * int p policies; per policy: str name, double threshold, int persistence, boolean confirm [str type, double at least,
 *     int within minutes], int k, k × str suppressed during, int? refire, int? max alerts, int? digest
 * double days, double patient-days
 * counts of every policy overall; int a attributes; per attribute: str name, int levels; per level: str level, counts of every policy
 * counts = 8 × long (alerts, timely, late, false, encounters, outcome encounters, detected, flagged encounters),
 *     3 × long (Σaᵢ², Σtᵢ², Σtᵢaᵢ over encounters, aᵢ alerts and tᵢ timely alerts of encounter i; all three −1 when
 *     unknown), detected × long lead seconds
 * </pre>
 * Version 2 added the flagged encounters (the policy's flag rate per group); version 3 the per-encounter sums, so alert
 * PPV's interval from a summary is the cluster-aware one of one process ({@link AlertPpv}). An older file is refused
 * (make it again with this tollgate's SimulateJob).
 *
 * @param run the counters
 * @param outcome the outcome the run was made for
 * @param scores provenance of the scores
 * @param events provenance of the events
 */
public record RunFile(Simulator.Run run, Outcome outcome, InputRecord scores, InputRecord events) {
  public static final String SCHEMA = "tollgate.simulation-summary/v3";
  private static final FileHeader HEADER = new FileHeader("TGSIMRUN", 3, "tollgate simulation summary", SCHEMA);

  public RunFile {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(events, "events");
  }

  public void write(OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    HEADER.write(d);
    scores.writeTo(d);
    events.writeTo(d);
    d.writeUTF(outcome.type());
    d.writeInt(outcome.horizonMinutes());
    d.writeInt(run.policies().size());
    for (AlertPolicy p : run.policies()) {
      d.writeUTF(p.name());
      d.writeDouble(p.threshold());
      d.writeInt(p.persistence());
      d.writeBoolean(p.confirm() != null);
      if (p.confirm() != null) {
        d.writeUTF(p.confirm().type());
        d.writeDouble(p.confirm().atLeast());
        d.writeInt(p.confirm().withinMinutes());
      }
      d.writeInt(p.suppressDuring().size());
      for (String s : p.suppressDuring()) d.writeUTF(s);
      optional(d, p.refireAfterMinutes());
      optional(d, p.maxAlertsPerEncounter());
      optional(d, p.digestMinutes());
    }
    d.writeDouble(run.days());
    d.writeDouble(run.patientDays());
    for (PolicyCounts c : run.overall()) counts(d, c);
    d.writeInt(run.byStratum().size());
    for (Map.Entry<String, List<Map.Entry<String, PolicyCounts[]>>> a : run.byStratum().entrySet()) {
      d.writeUTF(a.getKey());
      d.writeInt(a.getValue().size());
      for (Map.Entry<String, PolicyCounts[]> level : a.getValue()) {
        d.writeUTF(level.getKey());
        for (PolicyCounts c : level.getValue()) counts(d, c);
      }
    }
    d.flush();
  }

  /**
   * Reads a run file.
   *
   * @param name the file's name, for messages
   * @throws BadInputException when the bytes are not a valid {@code tollgate.simulation-summary/v3} file
   */
  public static RunFile read(InputStream in, String name) throws IOException {
    DataInputStream d = new DataInputStream(in);
    try {
      HEADER.check(d, name);
      InputRecord scores = InputRecord.readFrom(d);
      InputRecord events = InputRecord.readFrom(d);
      Outcome outcome = new Outcome(d.readUTF(), d.readInt());
      int np = count(d.readInt(), 100_000, "policies", name);
      List<AlertPolicy> policies = new ArrayList<>();
      for (int i = 0; i < np; i++) {
        String pname = d.readUTF();
        double threshold = d.readDouble();
        int persistence = d.readInt();
        AlertPolicy.Confirm confirm = d.readBoolean() ? new AlertPolicy.Confirm(d.readUTF(), d.readDouble(), d.readInt()) : null;
        int k = count(d.readInt(), 1000, "suppressing event types", name);
        List<String> suppress = new ArrayList<>();
        for (int j = 0; j < k; j++) suppress.add(d.readUTF());
        policies.add(new AlertPolicy(pname, threshold, persistence, confirm, suppress, optional(d), optional(d), optional(d)));
      }
      double days = d.readDouble();
      double patientDays = d.readDouble();
      PolicyCounts[] overall = new PolicyCounts[np];
      for (int p = 0; p < np; p++) overall[p] = counts(d, name);
      int na = count(d.readInt(), 64, "attributes", name);
      Map<String, List<Map.Entry<String, PolicyCounts[]>>> strata = new LinkedHashMap<>();
      for (int a = 0; a < na; a++) {
        String attr = d.readUTF();
        int nl = count(d.readInt(), Short.MAX_VALUE, "levels", name);
        List<Map.Entry<String, PolicyCounts[]>> levels = new ArrayList<>();
        for (int l = 0; l < nl; l++) {
          String level = d.readUTF();
          PolicyCounts[] pc = new PolicyCounts[np];
          for (int p = 0; p < np; p++) pc[p] = counts(d, name);
          levels.add(Map.entry(level, pc));
        }
        strata.put(attr, levels);
      }
      if (d.read() != -1) throw new BadInputException(name, "simulation summary is corrupt: bytes after the end");
      return new RunFile(new Simulator.Run(List.copyOf(policies), overall, strata, days, patientDays), outcome, scores, events);
    } catch (EOFException e) {
      throw new BadInputException(name, "simulation summary is truncated");
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw new BadInputException(name, "simulation summary is corrupt: " + e.getMessage());
    }
  }

  private static void counts(DataOutputStream d, PolicyCounts c) throws IOException {
    long[] v = {c.alerts(), c.timely(), c.late(), c.falseAlerts(), c.encounters(), c.outcomeEncounters(), c.detected(), c.flagged()};
    for (long x : v) d.writeLong(x);
    d.writeLong(c.sumAlertsSquared());
    d.writeLong(c.sumTimelySquared());
    d.writeLong(c.sumTimelyTimesAlerts());
    for (long x : c.leadSeconds()) d.writeLong(x);
  }

  private static PolicyCounts counts(DataInputStream d, String name) throws IOException {
    long[] v = new long[8];
    for (int i = 0; i < 8; i++) v[i] = d.readLong();
    long aa = d.readLong();
    long tt = d.readLong();
    long ta = d.readLong();
    long[] leads = new long[count(v[6] > Integer.MAX_VALUE - 8 ? -1 : (int) v[6], Integer.MAX_VALUE - 8, "detected encounters", name)];
    for (int i = 0; i < leads.length; i++) leads[i] = d.readLong();
    if (aa == -1 && tt == -1 && ta == -1) return PolicyCounts.of(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], leads);
    return PolicyCounts.of(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], leads, aa, tt, ta);
  }

  private static void optional(DataOutputStream d, Integer v) throws IOException {
    d.writeBoolean(v != null);
    if (v != null) d.writeInt(v);
  }

  private static Integer optional(DataInputStream d) throws IOException {
    return d.readBoolean() ? d.readInt() : null;
  }

  private static int count(int v, int max, String what, String name) {
    if (v < 0 || v > max) throw new BadInputException(name, "simulation summary is corrupt: " + v + " " + what);
    return v;
  }
}
