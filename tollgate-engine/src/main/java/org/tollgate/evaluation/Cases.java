package org.tollgate.evaluation;

import java.util.Arrays;
import java.util.List;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ScoreTable;

/**
 * The cases an evaluation counts: one per encounter (scores combined) or one per score row, each with
 * a score, a 0/1 label, its finest stratum cell and its patient (cluster) code. Built in one pass over
 * the table's primitive columns.
 */
public final class Cases {

  /** What a case is. */
  public enum Per {
    ENCOUNTER,
    ROW
  }

  /** How several scores of one encounter become the encounter's score. */
  public enum Combine {
    MAX,
    FIRST,
    LAST,
    MEAN
  }

  final int n;
  final double[] score;
  final byte[] label;
  final int[] cell;
  /** Patient code per case, or null when the input has no patient id. */
  final int[] patient;
  final int patients;
  final Cells cells;
  final Per per;
  final Combine combine;

  private Cases(int n, double[] score, byte[] label, int[] cell, int[] patient, int patients, Cells cells, Per per, Combine combine) {
    this.n = n;
    this.score = score;
    this.label = label;
    this.cell = cell;
    this.patient = patient;
    this.patients = patients;
    this.cells = cells;
    this.per = per;
    this.combine = combine;
  }

  public int size() {
    return n;
  }

  public Per per() {
    return per;
  }

  public Combine combine() {
    return combine;
  }

  public Cells cells() {
    return cells;
  }

  /**
   * Builds the cases. {@code per} null means: per encounter when the table has encounters, else per row.
   * The encounter's label is 1 when any of its rows is labelled 1 (an encounter with the outcome); its
   * attributes are those of its first row in time order. {@code FIRST}/{@code LAST} follow time when
   * the table has a time column, else file order.
   *
   * @throws BadInputException when the table has no label column, or per encounter is asked of a table without encounters
   */
  public static Cases from(ScoreTable t, List<String> by, Per per, Combine combine) {
    String file = t.input() == null ? null : t.input().path();
    if (!t.hasLabels()) {
      throw new BadInputException(file, "evaluation needs a label column (0/1); none was read (use --label COL)");
    }
    Per p = per != null ? per : (t.hasEncounters() ? Per.ENCOUNTER : Per.ROW);
    Combine c = combine == null ? Combine.MAX : combine;
    if (p == Per.ENCOUNTER && !t.hasEncounters()) {
      throw new BadInputException(file, "--per encounter needs an encounter column (use --encounter COL or --per row)");
    }
    int[] attrs = new int[by.size()];
    for (int i = 0; i < attrs.length; i++) {
      attrs[i] = t.attributeIndex(by.get(i));
      if (attrs[i] < 0) {
        throw new BadInputException(file, 0, by.get(i), "stratification attribute not found; attributes read: " + t.attributeNames());
      }
    }
    String[][] levels = new String[attrs.length][];
    for (int i = 0; i < attrs.length; i++) {
      levels[i] = t.attributeLevels(attrs[i]);
    }
    Cells cells = new Cells(by, levels);
    int rows = t.rows();
    double[] sc = t.scoreColumn();
    byte[] lb = t.labelColumn();
    if (p == Per.ROW) {
      int[] cell = new int[rows];
      for (int r = 0; r < rows; r++) {
        cell[r] = cellOf(t, attrs, cells, r);
      }
      int[] pat = null;
      if (t.hasPatients()) {
        pat = new int[rows];
        for (int r = 0; r < rows; r++) {
          pat[r] = t.patient(t.hasEncounters() ? t.encounter(r) : r);
        }
      }
      return new Cases(rows, sc.clone(), lb.clone(), cell, pat, t.patientCount(), cells, p, c);
    }
    int e = t.encounterCount();
    int[] enc = t.encounterColumn();
    int[] time = t.timeColumn();
    double[] s = new double[e];
    byte[] l = new byte[e];
    int[] firstRow = new int[e];
    int[] count = new int[e];
    long[] pickTime = new long[e];
    Arrays.fill(firstRow, -1);
    for (int r = 0; r < rows; r++) {
      int k = enc[r];
      double v = sc[r];
      long tm = time == null ? r : time[r];
      if (count[k] == 0) {
        s[k] = v;
        firstRow[k] = r;
        pickTime[k] = tm;
      } else {
        switch (c) {
          case MAX -> s[k] = Math.max(s[k], v);
          case MEAN -> s[k] += v;
          case FIRST -> {
            if (tm < pickTime[k]) {
              s[k] = v;
              pickTime[k] = tm;
            }
          }
          case LAST -> {
            if (tm >= pickTime[k]) {
              s[k] = v;
              pickTime[k] = tm;
            }
          }
        }
        if (time != null && time[r] < time[firstRow[k]]) {
          firstRow[k] = r;
        }
      }
      count[k]++;
      if (lb[r] == 1) {
        l[k] = 1;
      }
    }
    int n = 0;
    for (int k = 0; k < e; k++) {
      if (count[k] > 0) n++;
    }
    double[] cs = new double[n];
    byte[] cl = new byte[n];
    int[] cc = new int[n];
    int[] cp = t.hasPatients() ? new int[n] : null;
    int i = 0;
    for (int k = 0; k < e; k++) {
      if (count[k] == 0) continue;
      cs[i] = c == Combine.MEAN ? s[k] / count[k] : s[k];
      cl[i] = l[k];
      cc[i] = cellOf(t, attrs, cells, firstRow[k]);
      if (cp != null) cp[i] = t.patient(k);
      i++;
    }
    return new Cases(n, cs, cl, cc, cp, t.patientCount(), cells, p, c);
  }

  private static int cellOf(ScoreTable t, int[] attrs, Cells cells, int row) {
    int code = 0;
    for (int i = 0; i < attrs.length; i++) {
      code = code * cells.radix(i) + t.attributeCode(attrs[i], row);
    }
    return code;
  }

  /** Builds cases directly (tests, other engines). {@code patient} may be null. */
  public static Cases of(double[] score, byte[] label, int[] cell, int[] patient, Cells cells) {
    int n = score.length;
    if (label.length != n || cell.length != n || (patient != null && patient.length != n)) {
      throw new IllegalArgumentException("case arrays differ in length");
    }
    int patients = 0;
    if (patient != null) {
      for (int v : patient) patients = Math.max(patients, v + 1);
    }
    for (int v : cell) {
      if (v < 0 || v >= cells.count()) throw new IllegalArgumentException("cell code out of range: " + v);
    }
    return new Cases(n, score, label, cell, patient, patients, cells, Per.ROW, Combine.MAX);
  }
}
