package org.tollgate.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A prediction log held column by column in primitive arrays, the form the engine reads.
 *
 * <p>Per score row: encounter code (int), time in seconds since {@link #timeBase()} (int), score
 * (double), label (byte: 0, 1, or -1 when the file has no label column) and one {@code short} code
 * per attribute: 4 + 4 + 8 + 1 + 2·k bytes, 23 bytes with three attributes. Patient identifiers are
 * kept only as dense codes (one per encounter, or per row when there is no encounter column), never
 * as the original strings, so nothing downstream can print them. Encounter id strings are kept
 * because event tables join on them; they never appear in reports.
 *
 * <p>Readers return rows sorted by (encounter, time) when both columns are present; nothing here
 * depends on that except the alert simulator, which checks.
 *
 * <p>Immutable once built; arrays are owned by the table and must not be changed by callers.
 */
public final class ScoreTable {
  /** Label value for "no label column". */
  public static final byte NO_LABEL = -1;

  private final int rows;
  private final int[] encounter;
  private final String[] encounterIds;
  private final int[] patient;
  private final int patientCount;
  private final long timeBase;
  private final int[] time;
  private final double[] score;
  private final byte[] label;
  private final List<String> attributeNames;
  private final String[][] attributeLevels;
  private final short[][] attributeCodes;
  private final InputRecord input;

  /**
   * @param rows number of score rows
   * @param encounter per-row encounter code into {@code encounterIds}, or null when there is no encounter column
   * @param encounterIds encounter id per code, or null
   * @param patient patient code per encounter (when {@code encounter} is given) or per row (otherwise); null when no id column
   * @param patientCount number of distinct patients (0 when {@code patient} is null)
   * @param timeBase epoch second that {@code time} offsets are relative to
   * @param time per-row seconds since {@code timeBase}, or null when there is no time column
   * @param score per-row score
   * @param label per-row label 0/1, or null when there is no label column
   * @param attributeNames attribute column names
   * @param attributeLevels per attribute, the level string for each code
   * @param attributeCodes per attribute, per row, the level code
   * @param input provenance of the ingest, may be null for tables built in memory
   */
  public ScoreTable(
      int rows,
      int[] encounter,
      String[] encounterIds,
      int[] patient,
      int patientCount,
      long timeBase,
      int[] time,
      double[] score,
      byte[] label,
      List<String> attributeNames,
      String[][] attributeLevels,
      short[][] attributeCodes,
      InputRecord input) {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, got " + rows);
    }
    this.rows = rows;
    this.encounter = checkLength("encounter", encounter, rows);
    if (encounter != null) {
      Objects.requireNonNull(encounterIds, "encounterIds must be given with encounter codes");
    }
    this.encounterIds = encounterIds;
    if (patient != null) {
      int expected = encounter != null ? encounterIds.length : rows;
      if (patient.length < expected) {
        throw new IllegalArgumentException("patient codes: need " + expected + ", got " + patient.length);
      }
    }
    this.patient = patient;
    this.patientCount = patient == null ? 0 : patientCount;
    this.timeBase = timeBase;
    this.time = checkLength("time", time, rows);
    this.score = Objects.requireNonNull(checkLength("score", score, rows), "score column is required");
    this.label = checkLength("label", label, rows);
    this.attributeNames = List.copyOf(attributeNames);
    if (attributeLevels.length != attributeNames.size() || attributeCodes.length != attributeNames.size()) {
      throw new IllegalArgumentException("attribute names, levels and codes must have the same length");
    }
    for (short[] codes : attributeCodes) {
      checkLength("attribute", codes, rows);
    }
    this.attributeLevels = attributeLevels;
    this.attributeCodes = attributeCodes;
    this.input = input;
  }

  private static <T> T checkLength(String what, T array, int rows) {
    if (array != null && java.lang.reflect.Array.getLength(array) < rows) {
      throw new IllegalArgumentException(what + " column shorter than " + rows + " rows");
    }
    return array;
  }

  public int rows() {
    return rows;
  }

  public boolean hasEncounters() {
    return encounter != null;
  }

  public boolean hasPatients() {
    return patient != null;
  }

  public boolean hasTime() {
    return time != null;
  }

  public boolean hasLabels() {
    return label != null;
  }

  public int encounterCount() {
    return encounterIds == null ? 0 : encounterIds.length;
  }

  public int patientCount() {
    return patientCount;
  }

  /** Encounter code of a row. */
  public int encounter(int row) {
    return encounter[row];
  }

  /** The encounter id string for a code (for joining events; never for reports). */
  public String encounterId(int code) {
    return encounterIds[code];
  }

  /** Patient code of an encounter (when there are encounters) or of a row (when there are none). */
  public int patient(int encounterOrRow) {
    return patient[encounterOrRow];
  }

  public long timeBase() {
    return timeBase;
  }

  /** Epoch second of a row's score. */
  public long epochSecond(int row) {
    return timeBase + time[row];
  }

  /** Seconds since {@link #timeBase()} of a row's score. */
  public int timeOffset(int row) {
    return time[row];
  }

  public double score(int row) {
    return score[row];
  }

  /** 0, 1, or {@link #NO_LABEL}. */
  public byte label(int row) {
    return label == null ? NO_LABEL : label[row];
  }

  public List<String> attributeNames() {
    return attributeNames;
  }

  /** Index of an attribute column, or -1. */
  public int attributeIndex(String name) {
    return attributeNames.indexOf(name);
  }

  public String[] attributeLevels(int attribute) {
    return attributeLevels[attribute].clone();
  }

  public int attributeLevelCount(int attribute) {
    return attributeLevels[attribute].length;
  }

  public String attributeLevel(int attribute, int code) {
    return attributeLevels[attribute][code];
  }

  public int attributeCode(int attribute, int row) {
    return attributeCodes[attribute][row];
  }

  public InputRecord input() {
    return input;
  }

  /** Direct column access for hot loops in the engine; callers must not modify. */
  public double[] scoreColumn() {
    return score;
  }

  /** Direct column access for hot loops; null when absent. Callers must not modify. */
  public byte[] labelColumn() {
    return label;
  }

  /** Direct column access for hot loops; null when absent. Callers must not modify. */
  public int[] encounterColumn() {
    return encounter;
  }

  /** Direct column access for hot loops; null when absent. Callers must not modify. */
  public int[] timeColumn() {
    return time;
  }

  /** Direct column access for hot loops. Callers must not modify. */
  public short[] attributeColumn(int attribute) {
    return attributeCodes[attribute];
  }

  /** Approximate heap bytes held by the per-row columns (for the memory budget in benchmarks). */
  public long rowBytes() {
    long b = (long) rows * 8;
    if (encounter != null) b += 4L * rows;
    if (time != null) b += 4L * rows;
    if (label != null) b += rows;
    b += 2L * rows * attributeNames.size();
    return b;
  }

  /**
   * Builds a table row by row from string keys; for tests, the FHIR reader and small inputs. Large
   * inputs are read straight into arrays by the columnar readers.
   */
  public static final class Builder {
    private final List<String> attributeNames;
    private final boolean withEncounter;
    private final boolean withPatient;
    private final boolean withTime;
    private final boolean withLabel;
    private int rows;
    private int[] encounter = new int[16];
    private int[] rowPatient = new int[16];
    private long[] epoch = new long[16];
    private double[] score = new double[16];
    private byte[] label = new byte[16];
    private short[][] codes;
    private final Map<String, Integer> encounterCodes = new HashMap<>();
    private final Map<String, Integer> patientCodes = new HashMap<>();
    private final List<Map<String, Integer>> levelCodes;

    public Builder(boolean withEncounter, boolean withPatient, boolean withTime, boolean withLabel, List<String> attributeNames) {
      this.withEncounter = withEncounter;
      this.withPatient = withPatient;
      this.withTime = withTime;
      this.withLabel = withLabel;
      this.attributeNames = List.copyOf(attributeNames);
      this.codes = new short[attributeNames.size()][16];
      this.levelCodes = new java.util.ArrayList<>();
      for (int i = 0; i < attributeNames.size(); i++) {
        levelCodes.add(new java.util.LinkedHashMap<>());
      }
    }

    /**
     * Gives the encounter its code now (the next free one) if it has none, so that a table built from
     * another can keep that table's codes even for encounters left with no rows. Returns the code.
     */
    public int encounter(String encounterId) {
      return encounterCodes.computeIfAbsent(encounterId, k -> encounterCodes.size());
    }

    /**
     * Adds one row. {@code encounterId}/{@code patientId} are ignored when the builder was made
     * without them; {@code epochSecond} likewise; {@code labelValue} is 0 or 1.
     */
    public Builder add(String encounterId, String patientId, long epochSecond, double scoreValue, int labelValue, String... attributeValues) {
      if (attributeValues.length != attributeNames.size()) {
        throw new IllegalArgumentException("expected " + attributeNames.size() + " attribute values, got " + attributeValues.length);
      }
      if (rows == score.length) {
        int n = rows * 2;
        encounter = Arrays.copyOf(encounter, n);
        rowPatient = Arrays.copyOf(rowPatient, n);
        epoch = Arrays.copyOf(epoch, n);
        score = Arrays.copyOf(score, n);
        label = Arrays.copyOf(label, n);
        for (int a = 0; a < codes.length; a++) {
          codes[a] = Arrays.copyOf(codes[a], n);
        }
      }
      if (withEncounter) {
        encounter[rows] = encounterCodes.computeIfAbsent(encounterId, k -> encounterCodes.size());
      }
      if (withPatient) {
        rowPatient[rows] = patientCodes.computeIfAbsent(patientId, k -> patientCodes.size());
      }
      epoch[rows] = epochSecond;
      score[rows] = scoreValue;
      label[rows] = (byte) labelValue;
      for (int a = 0; a < codes.length; a++) {
        Map<String, Integer> m = levelCodes.get(a);
        int c = m.computeIfAbsent(attributeValues[a], k -> m.size());
        if (c > Short.MAX_VALUE) {
          throw new IllegalArgumentException("attribute " + attributeNames.get(a) + " has more than " + Short.MAX_VALUE + " levels");
        }
        codes[a][rows] = (short) c;
      }
      rows++;
      return this;
    }

    public ScoreTable build(InputRecord input) {
      String[] encIds = null;
      int[] enc = null;
      int[] pat = null;
      if (withEncounter) {
        encIds = new String[encounterCodes.size()];
        for (Map.Entry<String, Integer> e : encounterCodes.entrySet()) {
          encIds[e.getValue()] = e.getKey();
        }
        enc = Arrays.copyOf(encounter, rows);
      }
      if (withPatient) {
        if (withEncounter) {
          pat = new int[encIds.length];
          for (int r = 0; r < rows; r++) {
            pat[enc[r]] = rowPatient[r];
          }
        } else {
          pat = Arrays.copyOf(rowPatient, rows);
        }
      }
      int[] t = null;
      long base = 0;
      if (withTime && rows > 0) {
        base = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int r = 0; r < rows; r++) {
          base = Math.min(base, epoch[r]);
          max = Math.max(max, epoch[r]);
        }
        if (max - base > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("time span longer than 68 years");
        }
        t = new int[rows];
        for (int r = 0; r < rows; r++) {
          t[r] = (int) (epoch[r] - base);
        }
      } else if (withTime) {
        t = new int[0];
      }
      String[][] levels = new String[attributeNames.size()][];
      short[][] c = new short[attributeNames.size()][];
      for (int a = 0; a < levels.length; a++) {
        levels[a] = levelCodes.get(a).keySet().toArray(new String[0]);
        c[a] = Arrays.copyOf(codes[a], rows);
      }
      return new ScoreTable(rows, enc, encIds, pat, patientCodes.size(), base, t,
          Arrays.copyOf(score, rows), withLabel ? Arrays.copyOf(label, rows) : null,
          attributeNames, levels, c, input);
    }
  }
}
