package org.tollgate.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.InputRecord;
import org.tollgate.data.ScoreTable;

/**
 * Builds a table from rows read one at a time (FHIR NDJSON) with the same conventions as the SQL
 * path, so the same predictions give the same table whatever the format: encounter and patient codes
 * in id order (String order), rows sorted by (encounter, time), duplicates of (encounter, time)
 * dropped keeping the highest score (then label 1), time base = earliest score.
 */
final class RowTableAssembler {
  private final boolean withEncounter;
  private final boolean withPatient;
  private final boolean withTime;
  private final boolean withLabel;
  private int rows;
  private String[] encounter = new String[64];
  private String[] patient = new String[64];
  private long[] line = new long[64];
  private long[] epoch = new long[64];
  private double[] score = new double[64];
  private byte[] label = new byte[64];

  RowTableAssembler(boolean withEncounter, boolean withPatient, boolean withTime, boolean withLabel) {
    this.withEncounter = withEncounter;
    this.withPatient = withPatient;
    this.withTime = withTime;
    this.withLabel = withLabel;
  }

  void add(long lineNo, String enc, String pat, long epochSecond, double s, int l) {
    if (rows == score.length) {
      int n = rows * 2;
      encounter = Arrays.copyOf(encounter, n);
      patient = Arrays.copyOf(patient, n);
      line = Arrays.copyOf(line, n);
      epoch = Arrays.copyOf(epoch, n);
      score = Arrays.copyOf(score, n);
      label = Arrays.copyOf(label, n);
    }
    encounter[rows] = enc;
    patient[rows] = pat;
    line[rows] = lineNo;
    epoch[rows] = epochSecond;
    score[rows] = s;
    label[rows] = (byte) l;
    rows++;
  }

  int rows() {
    return rows;
  }

  /**
   * @param display the file as messages name it
   * @param patientColumn the column name used in messages about patient conflicts
   * @param syntheticEncounters true when each patient's rows form one encounter (no encounter in the input)
   * @param skipped resources left out on purpose, by reason ({@link InputRecord#skipped})
   */
  ScoreTable build(String display, String patientColumn, boolean syntheticEncounters, String sha256, ColumnMapping used,
      Map<String, Long> skipped) {
    boolean hasEnc = withEncounter || syntheticEncounters;
    int[] patCode = null;
    String[] patIds = null;
    if (withPatient) {
      patIds = new TreeSet<>(Arrays.asList(patient).subList(0, rows)).toArray(new String[0]);
      Map<String, Integer> codes = index(patIds);
      patCode = new int[rows];
      for (int r = 0; r < rows; r++) {
        patCode[r] = codes.get(patient[r]);
      }
    }
    int[] encCode = null;
    String[] encIds = null;
    if (withEncounter) {
      encIds = new TreeSet<>(Arrays.asList(encounter).subList(0, rows)).toArray(new String[0]);
      Map<String, Integer> codes = index(encIds);
      encCode = new int[rows];
      for (int r = 0; r < rows; r++) {
        encCode[r] = codes.get(encounter[r]);
      }
    } else if (syntheticEncounters) {
      // One encounter per patient; opaque ids so patient ids never travel as encounter ids.
      encIds = new String[patIds.length];
      for (int i = 0; i < encIds.length; i++) {
        encIds[i] = "patient#" + i;
      }
      encCode = patCode.clone();
    }

    Integer[] order = new Integer[rows];
    for (int r = 0; r < rows; r++) {
      order[r] = r;
    }
    final int[] ec = encCode;
    if (hasEnc && withTime) {
      Arrays.sort(order, (a, b) -> {
        int c = Integer.compare(ec[a], ec[b]);
        if (c != 0) {
          return c;
        }
        c = Long.compare(epoch[a], epoch[b]);
        return c != 0 ? c : Long.compare(line[a], line[b]);
      });
    }

    // Dedupe in sorted order.
    List<Integer> kept = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      int r = order[i];
      if (hasEnc && withTime && !kept.isEmpty()) {
        int k = kept.get(kept.size() - 1);
        if (ec[k] == ec[r] && epoch[k] == epoch[r]) {
          if (score[r] > score[k] || (score[r] == score[k] && label[r] > label[k])) {
            kept.set(kept.size() - 1, r);
          }
          continue;
        }
      }
      kept.add(r);
    }
    int n = kept.size();

    int[] encOut = null;
    int[] patOut = null;
    if (hasEnc) {
      encOut = new int[n];
      if (withPatient) {
        patOut = new int[encIds.length];
        Arrays.fill(patOut, -1);
        long[] firstLine = new long[encIds.length];
        // Conflicts are checked over every row (not only kept ones), in file order.
        Integer[] byLine = order.clone();
        Arrays.sort(byLine, (a, b) -> Long.compare(line[a], line[b]));
        for (int r : byLine) {
          int e = encCode[r];
          if (patOut[e] < 0) {
            patOut[e] = patCode[r];
            firstLine[e] = line[r];
          } else if (patOut[e] != patCode[r]) {
            throw BadInputException.atLine(display, line[r], patientColumn,
                "differs from the patient of an earlier line (" + firstLine[e] + ") of the same encounter; an encounter belongs to one patient");
          }
        }
      }
    } else if (withPatient) {
      patOut = new int[n];
    }
    long base = 0;
    int[] time = null;
    if (withTime) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int r : kept) {
        min = Math.min(min, epoch[r]);
        max = Math.max(max, epoch[r]);
      }
      if (max - min > Integer.MAX_VALUE) {
        throw new BadInputException(display, 0, used.time(), "timestamps span more than 68 years ("
            + Timestamps.iso(min) + " to " + Timestamps.iso(max) + ")");
      }
      base = min;
      time = new int[n];
    }
    double[] s = new double[n];
    byte[] l = withLabel ? new byte[n] : null;
    for (int i = 0; i < n; i++) {
      int r = kept.get(i);
      if (encOut != null) {
        encOut[i] = encCode[r];
      } else if (patOut != null) {
        patOut[i] = patCode[r];
      }
      if (time != null) {
        time[i] = (int) (epoch[r] - base);
      }
      s[i] = score[r];
      if (l != null) {
        l[i] = label[r];
      }
    }
    InputRecord input = new InputRecord(display, InputFormat.FHIR_NDJSON.id(), sha256, rows, rows - n, used, skipped);
    return new ScoreTable(n, encOut, encIds, patOut, patIds == null ? 0 : patIds.length, base, time, s, l,
        List.of(), new String[0][], new short[0][], input);
  }

  private static Map<String, Integer> index(String[] sorted) {
    Map<String, Integer> m = new HashMap<>(sorted.length * 2);
    for (int i = 0; i < sorted.length; i++) {
      m.put(sorted[i], i);
    }
    return m;
  }
}
