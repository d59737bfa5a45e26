package org.tollgate.monitor;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tollgate.data.BadInputException;
import org.tollgate.data.FileHeader;
import org.tollgate.data.InputRecord;
import org.tollgate.evaluation.ScoreCounts;

/**
 * Live periods summarised elsewhere (the Spark job {@code MonitorJob}), as a file: how a lake's summaries reach
 * {@code tollgate monitor --summary FILE}. It holds the {@link PeriodSummary per-period summaries} (counts and
 * histograms; no identifier of any patient or encounter) with what they were made with.
 *
 * <p>Format {@code tollgate.monitor-summary/v2}, big-endian, as written by {@link DataOutputStream}
 * ({@code str} = {@code writeUTF}):
 * <pre>
 * bytes  "TGMONITOR"            magic
 * int    2                      version
 * str    policy name; str outcome type; int horizon minutes; long as-of (epoch s); long label delay (s); long match tolerance (s)
 * input  the live scores' provenance, then the events' ({@link InputRecord#writeTo})
 * bool   features table summarised; if so its provenance (input)
 * int    p periods; per period:
 *   long start, long end
 *   long score rows, long admitted, long patient-seconds, long alerts, long false alerts, long pending alerts
 *   dist   the scores; long flagged
 *   bool   live log present; if so 6 × long (alerts, matched, live only, replay only, acted known, acted)
 *   long matured, pending, outcomes, detected, alerts, timely; dist lead minutes
 *   int d; d × double admission score, d × long positives, d × long negatives
 *   int g subgroups; per subgroup: str attribute, str level, dist scores, long matured, long outcomes, long detected
 *   int f inputs of the features table (0 without one); per input: str name, long rows, long missing, dist values
 * dist   = int d; d × double value (ascending), d × long count
 * </pre>
 * Reading checks the magic, the version and every count, and rejects a truncated or altered file naming it. Version 1
 * (no features table) is refused with a message naming both versions: the Spark job writes the file for
 * {@code tollgate monitor --summary} of the same tollgate, so a v1 file is only remade.
 *
 * @param features the live features table's provenance, or null when none was summarised
 */
public record SummaryFile(String policy, String outcomeType, int horizonMinutes, long asOf, long labelDelaySeconds, long matchToleranceSeconds,
    InputRecord scores, InputRecord events, InputRecord features, List<PeriodSummary> periods) {
  public static final String SCHEMA = "tollgate.monitor-summary/v2";
  private static final FileHeader HEADER = new FileHeader("TGMONITOR", 2, "tollgate monitoring summary", SCHEMA);

  public SummaryFile {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(outcomeType, "outcome type");
    Objects.requireNonNull(scores, "scores input");
    Objects.requireNonNull(events, "events input");
    periods = List.copyOf(periods);
    for (PeriodSummary p : periods) {
      if (features == null && !p.features().isEmpty()) throw new IllegalArgumentException("periods summarise a features table whose provenance is not given");
    }
  }

  /** Without a features table. */
  public SummaryFile(String policy, String outcomeType, int horizonMinutes, long asOf, long labelDelaySeconds, long matchToleranceSeconds,
      InputRecord scores, InputRecord events, List<PeriodSummary> periods) {
    this(policy, outcomeType, horizonMinutes, asOf, labelDelaySeconds, matchToleranceSeconds, scores, events, null, periods);
  }

  public void write(OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    HEADER.write(d);
    d.writeUTF(policy);
    d.writeUTF(outcomeType);
    d.writeInt(horizonMinutes);
    d.writeLong(asOf);
    d.writeLong(labelDelaySeconds);
    d.writeLong(matchToleranceSeconds);
    scores.writeTo(d);
    events.writeTo(d);
    d.writeBoolean(features != null);
    if (features != null) features.writeTo(d);
    writePeriods(d, periods);
    d.flush();
  }

  /** Reads a file written by {@link #write}; {@code name} names it in errors. */
  public static SummaryFile read(InputStream in, String name) {
    DataInputStream d = new DataInputStream(in);
    try {
      HEADER.check(d, name);
      String policy = d.readUTF();
      String type = d.readUTF();
      int horizon = d.readInt();
      long asOf = d.readLong();
      long delay = d.readLong();
      long tol = d.readLong();
      InputRecord scores = InputRecord.readFrom(d);
      InputRecord events = InputRecord.readFrom(d);
      InputRecord features = d.readBoolean() ? InputRecord.readFrom(d) : null;
      List<PeriodSummary> periods = readPeriods(d, name);
      if (d.read() != -1) throw new BadInputException(name, "has bytes after the last period: altered or not a " + SCHEMA + " file");
      return new SummaryFile(policy, type, horizon, asOf, delay, tol, scores, events, features, periods);
    } catch (EOFException e) {
      throw new BadInputException(name, "is truncated: not a whole " + SCHEMA + " file");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("reading " + name, e);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(name, "is not a valid " + SCHEMA + " file: " + e.getMessage());
    }
  }

  /** The periods alone, in this file's period format (how the Spark job ships a partition's summaries). */
  public static byte[] toBytes(List<PeriodSummary> periods) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      DataOutputStream d = new DataOutputStream(out);
      writePeriods(d, periods);
      d.flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The periods {@link #toBytes} wrote. */
  public static List<PeriodSummary> fromBytes(byte[] bytes) {
    try {
      return readPeriods(new DataInputStream(new java.io.ByteArrayInputStream(bytes)), "period summaries");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void writePeriods(DataOutputStream d, List<PeriodSummary> periods) throws IOException {
    d.writeInt(periods.size());
    for (PeriodSummary p : periods) {
      d.writeLong(p.start());
      d.writeLong(p.end());
      PeriodSummary.Volume v = p.volume();
      for (long x : new long[] {v.scoreRows(), v.admitted(), v.patientSeconds(), v.alerts(), v.falseAlerts(), v.pendingAlerts()}) d.writeLong(x);
      dist(d, p.scores().all());
      d.writeLong(p.scores().flagged());
      PeriodSummary.Match m = p.match();
      d.writeBoolean(m != null);
      if (m != null) for (long x : new long[] {m.liveAlerts(), m.matched(), m.liveOnly(), m.replayOnly(), m.actedKnown(), m.acted()}) d.writeLong(x);
      PeriodSummary.Performance f = p.performance();
      for (long x : new long[] {f.matured(), f.pending(), f.outcomes(), f.detected(), f.alerts(), f.timely()}) d.writeLong(x);
      dist(d, f.leadMinutes());
      ScoreCounts a = f.admission();
      d.writeInt(a.distinct());
      for (int i = 0; i < a.distinct(); i++) d.writeDouble(a.score(i));
      for (int i = 0; i < a.distinct(); i++) d.writeLong(a.positivesAt(i));
      for (int i = 0; i < a.distinct(); i++) d.writeLong(a.negativesAt(i));
      d.writeInt(p.subgroups().size());
      for (PeriodSummary.Subgroup g : p.subgroups()) {
        d.writeUTF(g.attribute());
        d.writeUTF(g.level());
        dist(d, g.scores());
        d.writeLong(g.matured());
        d.writeLong(g.outcomes());
        d.writeLong(g.detected());
      }
      d.writeInt(p.features().size());
      for (PeriodSummary.Feature x : p.features()) {
        d.writeUTF(x.name());
        d.writeLong(x.rows());
        d.writeLong(x.missing());
        dist(d, x.values());
      }
    }
  }

  private static List<PeriodSummary> readPeriods(DataInputStream d, String name) throws IOException {
    int n = count(d.readInt(), name, "periods");
    List<PeriodSummary> periods = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long start = d.readLong();
      long end = d.readLong();
      PeriodSummary.Volume v = new PeriodSummary.Volume(d.readLong(), d.readLong(), d.readLong(), d.readLong(), d.readLong(), d.readLong());
      PeriodSummary.Scores s = new PeriodSummary.Scores(dist(d, name), d.readLong());
      PeriodSummary.Match m = d.readBoolean() ? new PeriodSummary.Match(d.readLong(), d.readLong(), d.readLong(), d.readLong(), d.readLong(), d.readLong()) : null;
      long[] f = new long[6];
      for (int k = 0; k < 6; k++) f[k] = d.readLong();
      Distribution lead = dist(d, name);
      int k = count(d.readInt(), name, "admission scores");
      double[] sc = new double[k];
      long[] pos = new long[k];
      long[] neg = new long[k];
      for (int j = 0; j < k; j++) sc[j] = d.readDouble();
      for (int j = 0; j < k; j++) pos[j] = d.readLong();
      for (int j = 0; j < k; j++) neg[j] = d.readLong();
      PeriodSummary.Performance perf = new PeriodSummary.Performance(f[0], f[1], f[2], f[3], f[4], f[5], lead, ScoreCounts.of(sc, pos, neg));
      int g = count(d.readInt(), name, "subgroups");
      List<PeriodSummary.Subgroup> sub = new ArrayList<>(g);
      for (int j = 0; j < g; j++) sub.add(new PeriodSummary.Subgroup(d.readUTF(), d.readUTF(), dist(d, name), d.readLong(), d.readLong(), d.readLong()));
      int nf = count(d.readInt(), name, "features");
      List<PeriodSummary.Feature> feat = new ArrayList<>(nf);
      for (int j = 0; j < nf; j++) feat.add(new PeriodSummary.Feature(d.readUTF(), d.readLong(), d.readLong(), dist(d, name)));
      periods.add(new PeriodSummary(start, end, v, s, m, perf, sub, feat));
    }
    return periods;
  }

  private static int count(int n, String name, String what) {
    if (n < 0 || n > 1 << 24) throw new BadInputException(name, "bad count of " + what + ": " + n);
    return n;
  }

  private static void dist(DataOutputStream d, Distribution x) throws IOException {
    d.writeInt(x.distinct());
    for (int i = 0; i < x.distinct(); i++) d.writeDouble(x.value(i));
    for (int i = 0; i < x.distinct(); i++) d.writeLong(x.count(i));
  }

  private static Distribution dist(DataInputStream d, String name) throws IOException {
    int k = count(d.readInt(), name, "histogram values");
    double[] v = new double[k];
    long[] c = new long[k];
    for (int i = 0; i < k; i++) v[i] = d.readDouble();
    for (int i = 0; i < k; i++) c[i] = d.readLong();
    return Distribution.of(v, c);
  }
}
