package org.tollgate.ingest;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tollgate.data.BadInputException;
import org.tollgate.drill.OutageWindow;

/**
 * Reads a downtime log: columns {@code start}, {@code end}, {@code system}. An end at or before its
 * start, and two windows of the same system that overlap, are bad input naming the rows.
 */
public final class OutageReader {
  private OutageReader() {}

  /** The windows, and the log's provenance. */
  public record Outages(List<OutageWindow> windows, TableReader.Result source) {}

  public static Outages read(Path file, ZoneId zone) {
    List<OutageWindow> out = new ArrayList<>();
    List<Long> rows = new ArrayList<>();
    TableReader.Result r = TableReader.read(file, List.of(
        new TableReader.Column("start", TableReader.Kind.TIMESTAMP, true),
        new TableReader.Column("end", TableReader.Kind.TIMESTAMP, true),
        new TableReader.Column("system", TableReader.Kind.TEXT, true)), zone, (row, v) -> {
          long start = (Long) v[0];
          long end = (Long) v[1];
          if (end <= start) {
            throw new BadInputException(file.toString(), row, "end", "the outage ends at or before it starts");
          }
          out.add(new OutageWindow(start, end, (String) v[2]));
          rows.add(row);
        });
    Map<String, List<Integer>> bySystem = new HashMap<>();
    for (int i = 0; i < out.size(); i++) bySystem.computeIfAbsent(out.get(i).system(), k -> new ArrayList<>()).add(i);
    for (List<Integer> idx : bySystem.values()) {
      idx.sort((a, b) -> Long.compare(out.get(a).start(), out.get(b).start()));
      for (int k = 1; k < idx.size(); k++) {
        OutageWindow prev = out.get(idx.get(k - 1));
        OutageWindow cur = out.get(idx.get(k));
        if (cur.start() < prev.end()) {
          throw new BadInputException(file.toString(), rows.get(idx.get(k)), "start",
              "this " + cur.system() + " outage overlaps the one on row " + rows.get(idx.get(k - 1)) + "; merge them into one window");
        }
      }
    }
    return new Outages(out, r);
  }
}
