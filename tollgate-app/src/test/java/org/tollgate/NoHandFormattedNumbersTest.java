package org.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: one formatter for each unit. Every figure a person reads goes through {@code org.tollgate.format.Units}; this
 * guard fails when a class under {@code src/main/java} of a writer module holds a format string that prints a number by
 * hand: a floating-point conversion ({@code %.1f}, {@code %7.3f}, {@code %.3g}), a grouped count ({@code %,d}), money
 * ({@code $%}), or a count followed by a plural noun ({@code %d rows}, {@code %d outage%s}: "1 rows" is what it prints
 * for one). Table layout ({@code %-22s}, {@code %8s}) and bare counts ({@code seed %d}) are fine, and so is "fewer
 * than %d …" (a small-cell limit, always at least 2). It also fails on a unit glued by hand onto a number formatted
 * elsewhere: a call's result (not a {@code Units} call) followed by {@code + " s"}, {@code " h"}, {@code " min"},
 * {@code " min/day"}, {@code "×"}, {@code "%"}, {@code " day"} or {@code " days"} ({@code num(x, 1) + " s"}: the unit's
 * formatter is {@code Units.seconds}), and on a plural made by hand with a ternary ({@code x == 1 ? " day" : " days"}).
 * It reads text, not Java: a unit glued to a variable ({@code secs + " s"}) passes.
 *
 * <p>The allow-list below is explicit and short: machine output (CSV cells, SVG coordinates, identifiers, SQL) and
 * logs of timing or progress, each entry the file and the exact string literal, with its reason.
 */
class NoHandFormattedNumbersTest {

  /** Modules whose main sources write what people read. tollgate-bench holds benchmarks only. */
  static final List<String> MODULES = List.of("tollgate-engine", "tollgate-ingest", "tollgate-store", "tollgate-app", "tollgate-spark");

  static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");

  /** A format conversion that prints a number by hand (see the class javadoc). */
  static final Pattern HAND = Pattern.compile(
      "%[-#+0(]*,[-#+0(]*\\d*(?:\\.\\d+)?[dfFeEgG]" // grouped: %,d  %,.0f
          + "|%[-#+0,(]*\\d*(?:\\.\\d+)?[fFeEgGaA]" // floating point: %.1f  %7.3f  %.3g
          + "|\\$%" // money: $%,.0f
          + "|(?<!fewer than )%d [a-z][a-z-]*s\\b" // a count and a plural noun: %d rows
          + "|%d (?:[a-z-]+ ){0,2}[a-z-]+%s"); // a hand-made plural: %d outage window%s

  /** A unit glued onto the closing parenthesis of a call (see the class javadoc). */
  static final Pattern GLUED_UNIT = Pattern.compile("\\)\\s*\\+\\s*(\"(?: s| h| min| min/day|×|%| day| days)\")");

  /**
   * A unit appended by hand after a number appended by a call that is not Units' (r17 finding 10: the FMEA's
   * {@code .append(num(x, 1)).append(" days")} printed "1 days", the drill's {@code .append(num(f, 2)).append("×")} "3.52×"
   * beside the headline's "3.5×"): {@code .append(CALL(…)).append(" s" | " h" | " min" | " min/day" | " day" | " days" | "×" | "%" …)}.
   */
  static final Pattern APPENDED_UNIT = Pattern.compile(
      "\\.append\\(\\s*([A-Za-z_][\\w.]*)\\s*\\((?:[^()]|\\((?:[^()]|\\([^()]*\\))*\\))*\\)\\s*\\)\\s*\\.append\\(\\s*\"( s| h| min| min/day| days?|×|%)(?![a-z])");

  /** A plural made by hand: {@code ? " day" : " days"}. */
  static final Pattern HAND_PLURAL = Pattern.compile("\\?\\s*\"( ?[a-z][a-z ]*)\"\\s*:\\s*\"\\1s\"");

  /** Words ending in s after "%d" that are not plural nouns. */
  static final Set<String> NOT_NOUNS = Set.of("is", "was", "has", "does", "as", "its", "this", "yes", "less", "plus");

  /** File (path from the module's java root) → string literals allowed there, each with its reason. */
  static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      // CSV cells of the case library's generated data files: machine input, not a figure on a page
      Map.entry("org/tollgate/cases/CaseData.java", Set.of("\"%.3f\"", "\"%.1f\"")),
      // file sizes in KB/MB of `tollgate generate` (a unit Units has no use for elsewhere)
      Map.entry("org/tollgate/cli/GenerateCommand.java", Set.of("\"%.1f %s\"", "\"%.0f %s\"")),
      // the live progress bar of a long generation: fixed-width layout redrawn in place
      Map.entry("org/tollgate/cli/ProgressDisplay.java", Set.of("\"[%s%s] %3.0f%% %-10s %,d/%,d encounters, %s%s   \"")),
      // chart axis ticks (trimmed, compact) and SVG coordinates: drawing, not sentences
      Map.entry("org/tollgate/report/chart/Formats.java", Set.of("\"%.1f\"", "\"%,.0f\"", "\"%,.\"", "\"%\"")),
      Map.entry("org/tollgate/report/chart/Svg.java", Set.of("\"%.1f\"")),
      // a generated policy's identifier ("t0.50-k2"), used as a name in files and the store
      Map.entry("org/tollgate/alerts/PolicySearch.java", Set.of("\"t%.2f-k%d%s%s%s\"")),
      // the --timing log of the reader's steps (seconds of wall and CPU time, for developers)
      Map.entry("org/tollgate/ingest/DuckDbReader.java", Set.of("\"ingest %-28s %7.3f s wall %7.3f s cpu%n\"")),
      // a SQL LIKE pattern's wildcard (a review id's prefix), not a percent
      Map.entry("org/tollgate/store/Reviews.java", Set.of("\"%\"")),
      // DuckDB's strftime pattern in SQL (%g is its fraction of a second), not a Java format
      Map.entry("org/tollgate/ingest/write/AuditLogWriter.java", Set.of("\" * 1000), '%Y-%m-%dT%H:%M:%S.%gZ')\"")),
      // Spark jobs' timing logs on stderr, and the simulation CSV's cells
      Map.entry("org/tollgate/spark/EvaluateJob.java", Set.of("\"tollgate evaluate (Spark): %,d rows, %,d cases in %,d cells, %,d multi-case patients; %.1f s. Wrote %s%n\"")),
      Map.entry("org/tollgate/spark/MonitorJob.java", Set.of("\"tollgate monitor (Spark): %d %s periods; %.1f s%n\"")),
      Map.entry("org/tollgate/spark/SimulateJob.java", Set.of("\"tollgate simulate (Spark): %d policies over %.1f days; %.1f s%n\"", "\"%.4f\"")));

  @Test
  void noWriterFormatsANumberByHand() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    List<String> found = new ArrayList<>();
    Set<String> stale = new java.util.TreeSet<>();
    ALLOWED.forEach((file, literals) -> literals.forEach(l -> stale.add(file + " " + l)));
    int files = 0;
    for (String module : MODULES) {
      Path java = root.resolve(module).resolve("src/main/java");
      if (!Files.isDirectory(java)) continue;
      try (Stream<Path> s = Files.walk(java)) {
        for (Path f : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          String rel = java.relativize(f).toString().replace('\\', '/');
          if (rel.equals("org/tollgate/format/Units.java")) continue;
          files++;
          List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
          found.addAll(handFormats(rel, lines, ALLOWED.getOrDefault(rel, Set.of())));
          for (String l : ALLOWED.getOrDefault(rel, Set.of())) if (lines.stream().anyMatch(x -> x.contains(l))) stale.remove(rel + " " + l);
        }
      }
    }
    assertTrue(files > 250, "the scan found the sources (" + files + " files under " + root + ")");
    assertEquals(List.of(), found, "format numbers through org.tollgate.format.Units (or, for machine output or a log, add the literal to ALLOWED with its reason)");
    assertEquals(Set.of(), stale, "allowed literals no longer in their files: take them off ALLOWED");
  }

  /** The guard itself: what it catches and what it lets through, on hand-written lines. */
  @Test
  void theGuardCatchesHandFormatsAndLetsLayoutThrough() {
    List<String> lines = List.of(
        "out.printf(Locale.ROOT, \"census %.0f patients a day%n\", c);",
        "String.format(Locale.ROOT, \"%,d\", n);",
        "\"false-alert cost $%,.0f a month\"",
        "\"alert volume CUSUM %6.1f\"",
        "\"Holm-adjusted p %.3g\"",
        "\"%d outage window%s replayed\"",
        "\"%d risks mapped\"",
        "return num(x, 1) + \" s\";",
        "f.apply(v.get(\"m\")) + \"×\"",
        "num(x, 1) + (x == 1 ? \" day\" : \" days\")",
        "h.append(num(k.path(\"worst_case_delay_days\"), 1)).append(\" days</td>\");",
        "h.append(num(s.path(\"storm_factor\"), 2)).append(\"×</td>\");",
        // fine: layout, bare counts, a small-cell limit, a literal percent sign, comments
        "\"%-22s %8s\"",
        "\"seed %d\"",
        "\"fewer than %d events: withheld%n\"",
        "\"Shares with 95%% Wilson intervals\"",
        "\"89% accurate\"",
        "\"column %d is empty\"",
        "Units.seconds(s) + \" a session\"",
        "\"budget \" + Units.money(c) + \" a month\"",
        "h.append(Units.plain(x)).append(\" h\");",
        "h.append(esc(x)).append(\" since\");",
        "// String.format(\"%.1f\", x) in a comment",
        " * {@code \"%.2f\"} in javadoc");
    List<String> found = handFormats("X.java", lines, Set.of());
    assertEquals(12, found.size(), String.join("\n", found));
    assertTrue(found.get(0).startsWith("X.java:1: "), found.get(0));
    assertEquals(List.of(), handFormats("X.java", List.of("\"%.1f\""), Set.of("\"%.1f\"")), "an allowed literal passes");
    assertEquals(List.of(), handFormats("X.java", List.of("(a ? b : c) + \"%\""), Set.of("\"%\"")), "an allowed unit passes");
  }

  /** Each string literal of {@code lines} (comments skipped) that formats a number by hand and is not allowed. */
  static List<String> handFormats(String file, List<String> lines, Set<String> allowed) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String t = line.strip();
      if (t.startsWith("//") || t.startsWith("*") || t.startsWith("/*")) continue;
      // literals blanked (same length), so a parenthesis inside a string does not count
      StringBuilder code = new StringBuilder(line);
      Matcher lm = LITERAL.matcher(line);
      while (lm.find()) for (int j = lm.start() + 1; j < lm.end() - 1; j++) code.setCharAt(j, '_');
      Matcher u = GLUED_UNIT.matcher(line);
      while (u.find()) {
        if (allowed.contains(u.group(1)) || code.charAt(u.start()) != ')') continue;
        int depth = 0;
        int open = u.start();
        for (; open >= 0; open--) {
          char c = code.charAt(open);
          if (c == ')') depth++;
          else if (c == '(' && --depth == 0) break;
        }
        Matcher callee = Pattern.compile("([A-Za-z_][\\w.]*)\\s*$").matcher(code.substring(0, Math.max(open, 0)));
        if (callee.find() && callee.group(1).startsWith("Units.")) continue;
        out.add(file + ":" + (i + 1) + ": " + u.group(1) + " glued to a number (" + line.strip() + ")");
      }
      Matcher ap = APPENDED_UNIT.matcher(line);
      while (ap.find()) {
        if (ap.group(1).startsWith("Units.")) continue;
        out.add(file + ":" + (i + 1) + ": \"" + ap.group(2) + "\" appended to a number (" + line.strip() + ")");
      }
      if (HAND_PLURAL.matcher(line).find()) out.add(file + ":" + (i + 1) + ": a plural made by hand (" + line.strip() + ")");
      Matcher m = LITERAL.matcher(line);
      while (m.find()) {
        String lit = m.group();
        if (allowed.contains(lit)) continue;
        Matcher h = HAND.matcher(lit);
        while (h.find()) {
          String g = h.group();
          if (g.startsWith("%d ") && NOT_NOUNS.contains(g.substring(3))) continue;
          out.add(file + ":" + (i + 1) + ": " + lit);
          break;
        }
      }
    }
    return out;
  }
}
