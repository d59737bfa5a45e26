package org.tollgate.evaluation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tollgate.data.BadInputException;
import org.tollgate.data.FileHeader;
import org.tollgate.data.InputRecord;

/**
 * An {@link EvaluationSummary} with what an evaluation needs besides it, as a file: the form in which
 * a summary made elsewhere (a Spark job) travels to the command line ({@code tollgate evaluate --summary
 * FILE}) and the server. It holds counts per (stratum cell, score, label) and the cases of multi-case
 * patients as anonymous clusters; no identifier of any patient or encounter.
 *
 * <p>Format {@code tollgate.summary/v1}, big-endian, as written by {@link DataOutputStream}
 * ({@code str} = {@code writeUTF}; {@code str?} = a boolean "present" then the string):
 * <pre>
 * bytes  "TGSUMMARY"                 magic
 * int    1                           version
 * str    input path, str format, str sha256, long rows, long duplicate rows
 * str?   patient, str? encounter, str? time, str score, str? label column; int k, k × str attribute column
 * str    score scale (PROBABILITY|RAW), str zone
 * str    per (ENCOUNTER|ROW), str combine (MAX|FIRST|LAST|MEAN), double days (NaN: no time column)
 * int    a attributes; per attribute: str name, int levels, levels × str level (the cells' coding)
 * int    c cells; per cell: int d distinct scores, d × double score (ascending), d × long positives, d × long negatives
 * int    k clusters; (k + 1) × int cluster start; int m; m × int cell, m × double score, m × byte label
 * </pre>
 * Reading checks the magic, the version and every count, and rejects a truncated or altered file
 * with a message naming it.
 *
 * @param summary the sufficient statistic
 * @param per what a case is
 * @param combine how an encounter's scores were combined
 * @param days observed span of score times in days, NaN without a time column
 * @param input provenance of the data the summary was made from
 */
public record SummaryFile(EvaluationSummary summary, Cases.Per per, Cases.Combine combine, double days, InputRecord input) {
  public static final String SCHEMA = "tollgate.summary/v1";
  private static final FileHeader HEADER = new FileHeader("TGSUMMARY", 1, "tollgate summary file", SCHEMA);

  public SummaryFile {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(per, "per");
    Objects.requireNonNull(combine, "combine");
    Objects.requireNonNull(input, "input");
  }

  /** Evaluates the summary with the settings; their {@code by} must be the summary's attributes, or empty to take them. */
  public Evaluation evaluate(EvaluationSettings settings) {
    List<String> attrs = summary.cells().attributes();
    EvaluationSettings s = settings;
    if (s.by().isEmpty()) {
      s = s.withBy(attrs, s.intersections());
    } else if (!s.by().equals(attrs)) {
      throw new BadInputException(input.path(), 0, null, "the summary is stratified by " + attrs + "; --by " + String.join(",", s.by())
          + " differs (make the summary with that --by, or leave --by out)");
    }
    return Evaluator.evaluate(summary, s, input, per, combine, days);
  }

  /** Writes the file's bytes to {@code out} (not closed). */
  public void write(OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    HEADER.write(d);
    input.writeTo(d);
    d.writeUTF(per.name());
    d.writeUTF(combine.name());
    d.writeDouble(days);
    Cells cells = summary.cells();
    d.writeInt(cells.attributes().size());
    for (int a = 0; a < cells.attributes().size(); a++) {
      d.writeUTF(cells.attributes().get(a));
      String[] levels = cells.levels(a);
      d.writeInt(levels.length);
      for (String l : levels) d.writeUTF(l);
    }
    d.writeInt(cells.count());
    for (int c = 0; c < cells.count(); c++) {
      ScoreCounts sc = summary.singles(c);
      d.writeInt(sc.distinct());
      for (int i = 0; i < sc.distinct(); i++) d.writeDouble(sc.score(i));
      for (int i = 0; i < sc.distinct(); i++) d.writeLong(sc.positivesAt(i));
      for (int i = 0; i < sc.distinct(); i++) d.writeLong(sc.negativesAt(i));
    }
    int[] start = summary.clusterStart();
    d.writeInt(start.length - 1);
    for (int v : start) d.writeInt(v);
    int[] ec = summary.entryCell();
    double[] es = summary.entryScore();
    byte[] el = summary.entryLabel();
    d.writeInt(ec.length);
    for (int v : ec) d.writeInt(v);
    for (double v : es) d.writeDouble(v);
    d.write(el);
    d.flush();
  }

  /** The file's bytes. */
  public byte[] toBytes() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try {
      write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  public static SummaryFile fromBytes(byte[] bytes, String name) {
    try {
      return read(new ByteArrayInputStream(bytes), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a summary file.
   *
   * @param name the file's name, for messages
   * @throws BadInputException when the bytes are not a valid {@code tollgate.summary/v1} file
   */
  public static SummaryFile read(InputStream in, String name) throws IOException {
    DataInputStream d = new DataInputStream(in);
    try {
      HEADER.check(d, name);
      InputRecord input = InputRecord.readFrom(d);
      Cases.Per per = Cases.Per.valueOf(d.readUTF());
      Cases.Combine combine = Cases.Combine.valueOf(d.readUTF());
      double days = d.readDouble();
      int nattr = count(d.readInt(), 16, "stratification attributes", name);
      List<String> attrs = new ArrayList<>();
      String[][] levels = new String[nattr][];
      for (int a = 0; a < nattr; a++) {
        attrs.add(d.readUTF());
        levels[a] = new String[count(d.readInt(), Short.MAX_VALUE, "levels", name)];
        for (int l = 0; l < levels[a].length; l++) levels[a][l] = d.readUTF();
      }
      Cells cells = new Cells(attrs, levels);
      int nc = d.readInt();
      if (nc != cells.count()) {
        throw new BadInputException(name, "summary file is corrupt: " + nc + " cells for attributes coding " + cells.count());
      }
      ScoreCounts[] singles = new ScoreCounts[nc];
      for (int c = 0; c < nc; c++) {
        int k = count(d.readInt(), Integer.MAX_VALUE - 8, "distinct scores", name);
        double[] s = new double[k];
        long[] p = new long[k];
        long[] q = new long[k];
        for (int i = 0; i < k; i++) s[i] = d.readDouble();
        for (int i = 0; i < k; i++) p[i] = d.readLong();
        for (int i = 0; i < k; i++) q[i] = d.readLong();
        singles[c] = ScoreCounts.of(s, p, q);
      }
      int k = count(d.readInt(), Integer.MAX_VALUE - 8, "clusters", name);
      int[] start = new int[k + 1];
      for (int i = 0; i <= k; i++) start[i] = d.readInt();
      int m = count(d.readInt(), Integer.MAX_VALUE - 8, "clustered cases", name);
      if (start[0] != 0 || start[k] != m) {
        throw new BadInputException(name, "summary file is corrupt: cluster starts do not cover the " + m + " clustered cases");
      }
      for (int i = 0; i < k; i++) {
        if (start[i + 1] - start[i] < 2) {
          throw new BadInputException(name, "summary file is corrupt: cluster " + i + " has fewer than 2 cases");
        }
      }
      int[] ec = new int[m];
      double[] es = new double[m];
      byte[] el = new byte[m];
      for (int i = 0; i < m; i++) {
        ec[i] = d.readInt();
        if (ec[i] < 0 || ec[i] >= nc) throw new BadInputException(name, "summary file is corrupt: cell code " + ec[i] + " out of range");
      }
      for (int i = 0; i < m; i++) es[i] = d.readDouble();
      d.readFully(el);
      for (int i = 0; i < m; i++) {
        if (el[i] != 0 && el[i] != 1) throw new BadInputException(name, "summary file is corrupt: label " + el[i]);
      }
      if (d.read() != -1) {
        throw new BadInputException(name, "summary file is corrupt: bytes after the end");
      }
      return new SummaryFile(new EvaluationSummary(cells, singles, start, ec, es, el), per, combine, days, input);
    } catch (EOFException e) {
      throw new BadInputException(name, "summary file is truncated");
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw new BadInputException(name, "summary file is corrupt: " + e.getMessage());
    }
  }

  private static int count(int v, int max, String what, String name) {
    if (v < 0 || v > max) throw new BadInputException(name, "summary file is corrupt: " + v + " " + what);
    return v;
  }
}
