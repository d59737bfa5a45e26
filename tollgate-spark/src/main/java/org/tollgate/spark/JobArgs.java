package org.tollgate.spark;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;

/**
 * The jobs' command-line options, {@code --name value} and one optional positional path, spelled as
 * the {@code tollgate} command line spells them (column mapping: {@code --id --encounter --time
 * --score --label --score-scale --zone}). Unknown options are errors.
 */
final class JobArgs {
  private final Map<String, String> values = new LinkedHashMap<>();
  final List<String> positional = new ArrayList<>();

  static final Set<String> MAPPING = Set.of("--id", "--encounter", "--time", "--score", "--label", "--score-scale", "--zone");

  JobArgs(String[] args, Set<String> known) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--")) {
        String name = a;
        String value;
        int eq = a.indexOf('=');
        if (eq > 0) {
          name = a.substring(0, eq);
          value = a.substring(eq + 1);
        } else {
          if (i + 1 >= args.length) throw new BadInputException(null, a + " needs a value");
          value = args[++i];
        }
        if (!known.contains(name) && !MAPPING.contains(name)) {
          throw new BadInputException(null, "unknown option " + name + "; options are " + known + " and " + MAPPING);
        }
        values.put(name, value);
      } else if (a.equals("-o")) {
        throw new BadInputException(null, "use --out FILE");
      } else {
        positional.add(a);
      }
    }
    if (positional.size() > 1) {
      throw new BadInputException(null, "one input path at most, got " + positional);
    }
  }

  String get(String name) {
    return values.get(name);
  }

  String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  String required(String name) {
    String v = values.get(name);
    if (v == null) throw new BadInputException(null, "missing " + name);
    return v;
  }

  int intValue(String name, int fallback) {
    String v = values.get(name);
    if (v == null) return fallback;
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new BadInputException(null, name + " must be a whole number, got '" + v + "'");
    }
  }

  List<String> list(String name) {
    String v = values.get(name);
    if (v == null) return List.of();
    return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  String path() {
    return positional.isEmpty() ? null : positional.get(0);
  }

  /**
   * {@code --score-scale}, parsed as the command line parses it ({@link ColumnMapping.ScoreScale#parse}, the one parser of
   * the setting, with its wording): probability when not given.
   */
  ColumnMapping.ScoreScale scoreScale() {
    String v = get("--score-scale", "probability");
    ColumnMapping.ScoreScale scale = ColumnMapping.ScoreScale.parse(v);
    if (scale == null) throw new BadInputException(null, "--score-scale: " + ColumnMapping.ScoreScale.notAScale(v));
    return scale;
  }

  /** The column mapping, with the CLI's defaults. */
  ColumnMapping mapping(List<String> attributes) {
    ColumnMapping d = ColumnMapping.defaults();
    ColumnMapping.ScoreScale scale = scoreScale();
    ZoneId zone;
    try {
      zone = ZoneId.of(get("--zone", "UTC"));
    } catch (DateTimeException e) {
      throw new BadInputException(null, "--zone: unknown zone '" + get("--zone") + "'");
    }
    return new ColumnMapping(get("--id", d.id()), get("--encounter", d.encounter()), get("--time", d.time()),
        get("--score", d.score()), get("--label", d.label()), attributes, scale, zone);
  }
}
