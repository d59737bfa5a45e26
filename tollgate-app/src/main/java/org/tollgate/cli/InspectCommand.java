package org.tollgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.InputRecord;
import org.tollgate.data.ScoreTable;
import org.tollgate.data.TableSummary;
import org.tollgate.format.Units;
import org.tollgate.ingest.Need;
import org.tollgate.ingest.PredictionReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code tollgate inspect FILE}: what a prediction log holds, before anyone evaluates it. Needs only
 * the score column; reads every other mapped column it finds. Without {@code --attributes}, every
 * column that is not a role column is summarised as an attribute so the user sees what is there.
 * Counts of 1 to 10 are suppressed ({@link TableSummary}); patient ids are never printed.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Summarise a prediction log: rows, patients, encounters, time span, prevalence, score range and",
      "attribute levels (counts of 1 to 10, and any that would give one back, shown as \"withheld\"), with the input's SHA-256.",
      "FILE: CSV (.csv, .csv.gz), Parquet (file, directory or glob) or FHIR R4 RiskAssessment NDJSON.",
      "Problems are reported by row (row 1 = the first data row; the header is not counted) or, for",
      "NDJSON and broken CSV lines, by line, and exit with code 2."
    })
final class InspectCommand implements Callable<Integer> {
  static final String SCHEMA = "tollgate.inspect/v1";
  /** Levels listed per attribute in the table view; JSON lists all. */
  private static final int TABLE_LEVELS = 30;
  /** The most attributes a mapping can hold (see ColumnMapping). */
  private static final int MAX_ATTRIBUTES = 64;

  enum OutputFormat {
    TABLE,
    JSON
  }

  @Parameters(index = "0", paramLabel = "FILE", description = "The prediction log.")
  Path file;

  @Mixin MappingOptions mappingOptions;

  @Option(names = "--format", paramLabel = "table|json", defaultValue = "table", converter = FormatConverter.class,
      description = "Output: table (for people) or json (schema " + SCHEMA + "). Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PredictionReader reader = new PredictionReader();
    ColumnMapping mapping = mappingOptions.toMapping();
    Need need = Need.SCORE_ONLY;
    Map<String, String> notSummarised = new LinkedHashMap<>();
    List<String> requested = mapping.attributes();
    if (!mappingOptions.attributesGiven()) {
      Set<String> roles = new java.util.HashSet<>();
      for (String r : new String[] {mapping.id(), mapping.encounter(), mapping.time(), mapping.score(), mapping.label()}) {
        if (r != null) {
          roles.add(r);
        }
      }
      List<String> others = new ArrayList<>();
      for (String c : reader.columns(file)) {
        if (roles.contains(c)) {
          continue;
        }
        if (others.size() < MAX_ATTRIBUTES) {
          others.add(c);
        } else {
          notSummarised.put(c, "only the first " + MAX_ATTRIBUTES + " other columns are summarised");
        }
      }
      requested = others;
      mapping = mapping.withAttributes(others);
      need = need.withLenientAttributes();
    }
    final ColumnMapping mm = mapping;
    final Need nn = need;
    ScoreTable table = Steps.get(spec.commandLine().getErr(), "reading " + file.getFileName(), () -> reader.read(file, mm, nn));
    for (String a : requested) {
      if (!table.attributeNames().contains(a)) {
        notSummarised.put(a, "more than 32767 distinct values (an identifier or a measurement?)");
      }
    }
    for (String w : PredictionReader.warnings(table.input())) {
      err.println("tollgate: warning: " + w);
    }
    err.flush();
    TableSummary summary = TableSummary.of(table);
    if (format == OutputFormat.JSON) {
      out.println(json(table.input(), summary, notSummarised));
    } else {
      printTable(out, table.input(), summary, notSummarised);
    }
    out.flush();
    return ExitCodes.OK;
  }

  // ---------------------------------------------------------------- JSON

  static String json(InputRecord input, TableSummary s, Map<String, String> notSummarised) {
    ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = om.createObjectNode();
    root.put("schema", SCHEMA);
    ObjectNode in = root.putObject("input");
    in.put("path", input.path());
    in.put("format", input.format());
    in.put("sha256", input.sha256());
    in.put("rowsRead", input.rows());
    in.put("duplicateRowsDropped", input.duplicateRows());
    ObjectNode skippedRecords = in.putObject("skipped");
    input.skipped().forEach(skippedRecords::put);
    ObjectNode m = in.putObject("mapping");
    ColumnMapping cm = input.mapping();
    m.put("id", cm.id());
    m.put("encounter", cm.encounter());
    m.put("time", cm.time());
    m.put("score", cm.score());
    m.put("label", cm.label());
    ArrayNode attrs = m.putArray("attributes");
    cm.attributes().forEach(attrs::add);
    m.put("scoreScale", cm.scoreScale().name().toLowerCase(Locale.ROOT));
    m.put("zone", cm.zone().getId());
    if (input.format().equals("fhir-ndjson")) {
      m.put("fhirProbability", cm.fhir().probability() == null ? null : cm.fhir().probability().name().toLowerCase(Locale.ROOT));
      m.put("fhirOutcomeCode", cm.fhir().outcome());
    }

    root.put("rows", s.rows());
    putNullable(root, "patients", s.patients());
    putNullable(root, "encounters", s.encounters());
    if (s.first() == null) {
      root.putNull("time");
    } else {
      ObjectNode t = root.putObject("time");
      t.put("first", s.first());
      t.put("last", s.last());
    }
    if (s.prevalence() == null) {
      root.putNull("prevalence");
    } else {
      TableSummary.Prevalence p = s.prevalence();
      ObjectNode pn = root.putObject("prevalence");
      pn.put("unit", p.unit());
      pn.put("total", p.total());
      putNullable(pn, "positives", p.positives());
      putNullable(pn, "value", p.value());
      pn.put("suppressed", p.suppressed());
    }
    ObjectNode score = root.putObject("score");
    putNullable(score, "min", finite(s.score().min()));
    putNullable(score, "max", finite(s.score().max()));
    putNullable(score, "mean", finite(s.score().mean()));
    score.put("missing", s.score().missing());
    ArrayNode an = root.putArray("attributes");
    for (TableSummary.AttributeSummary a : s.attributes()) {
      ObjectNode node = an.addObject();
      node.put("name", a.name());
      ArrayNode levels = node.putArray("levels");
      for (TableSummary.LevelCount l : a.levels()) {
        ObjectNode ln = levels.addObject();
        ln.put("level", l.level());
        putNullable(ln, "count", l.count());
        ln.put("suppressed", l.suppressed());
      }
    }
    ArrayNode skipped = root.putArray("notSummarised");
    notSummarised.forEach((col, why) -> skipped.addObject().put("column", col).put("reason", why));
    root.put("smallCellThreshold", TableSummary.SMALL_CELL);
    try {
      return om.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static void putNullable(ObjectNode node, String field, Number value) {
    if (value == null) {
      node.putNull(field);
    } else if (value instanceof Double d) {
      node.put(field, d);
    } else {
      node.put(field, value.longValue());
    }
  }

  // ---------------------------------------------------------------- table

  static void printTable(PrintWriter out, InputRecord input, TableSummary s, Map<String, String> notSummarised) {
    String f = "  %-12s %s%n";
    out.printf("%s%n", input.path());
    out.printf(f, "format", input.format());
    out.printf(f, "sha256", input.sha256());
    out.printf(f, "rows", Units.count(s.rows())
        + (input.duplicateRows() > 0 ? " (" + Units.count(input.rows()) + " read, " + Units.count(input.duplicateRows(), "duplicate") + " dropped)" : "")
        + (input.skippedRows() > 0 ? "; " + Units.count(input.skippedRows()) + " skipped: "
            + String.join(", ", input.skipped().entrySet().stream().map(x -> x.getValue() + " " + x.getKey()).toList()) : ""));
    out.printf(f, "patients", s.patients() == null ? "(no patient column)" : Units.count(s.patients()));
    out.printf(f, "encounters", s.encounters() == null ? "(no encounter column)" : Units.count(s.encounters()));
    out.printf(f, "time", s.first() == null ? "(no time column)" : s.first() + " to " + s.last());
    TableSummary.Prevalence p = s.prevalence();
    String prevalence;
    if (p == null) {
      prevalence = "(no label column)";
    } else if (p.suppressed()) {
      prevalence = "suppressed: fewer than " + TableSummary.SMALL_CELL + " positive or negative " + p.unit() + "s (of " + Units.count(p.total()) + ")";
    } else {
      prevalence = Units.percent(p.value()) + " (" + Units.count(p.positives()) + " of " + Units.count(p.total(), p.unit()) + " positive)";
    }
    out.printf(f, "prevalence", prevalence);
    TableSummary.ScoreStats sc = s.score();
    out.printf(f, "score", "min " + Units.significant(sc.min()) + ", max " + Units.significant(sc.max()) + ", mean " + Units.significant(sc.mean())
        + ", " + input.mapping().scoreScale().name().toLowerCase(Locale.ROOT) + " scale"
        + (sc.missing() > 0 ? ", " + Units.count(sc.missing()) + " missing" : ""));
    if (!s.attributes().isEmpty()) {
      out.println();
      int width = 12;
      for (TableSummary.AttributeSummary a : s.attributes()) {
        width = Math.max(width, a.name().length());
      }
      String row = "  %-" + width + "s  %-24s %10s%n";
      out.printf(row, "attribute", "level", "count");
      for (TableSummary.AttributeSummary a : s.attributes()) {
        String name = a.name();
        int shown = 0;
        for (TableSummary.LevelCount l : a.levels()) {
          if (shown == TABLE_LEVELS) {
            out.printf(row, "", "... " + Units.count(a.levels().size() - TABLE_LEVELS, "more level") + " (--format json lists all)", "");
            break;
          }
          // "withheld", not "<11": complementary withholding also withholds a large level, which "<11" would call small
          out.printf(row, name, l.level(), l.suppressed() ? "withheld" : Units.count(l.count()));
          name = "";
          shown++;
        }
      }
    }
    if (!notSummarised.isEmpty()) {
      out.println();
      notSummarised.forEach((col, why) -> out.printf("  not summarised: %s: %s%n", col, why));
    }
    out.printf("%n  withheld: a count of 1 to %d, or a level withheld with it so that the total cannot give it back; patient ids are never shown%n",
        TableSummary.SMALL_CELL - 1);
  }

  static final class FormatConverter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "' is not an output format (expected table or json)");
      }
    }
  }
}
