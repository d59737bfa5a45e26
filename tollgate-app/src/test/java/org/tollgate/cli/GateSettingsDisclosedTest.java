package org.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tollgate.cohort.SepsisCohort;
import org.tollgate.ingest.write.CohortWriter;
import org.tollgate.report.DossierHtml;

/**
 * Review r17 #2: review.yaml's {@code gate:} could loosen every rule and no page said so. A setting outside its bounds is
 * refused naming the line and key; one that differs from tollgate's default is printed beside the verdict on the page, in
 * the one-page PDF and in the terminal summary, looser first; the template's defaults print nothing.
 */
class GateSettingsDisclosedTest {
  @TempDir static Path dir;
  static String template;
  static InspectCommandTest.Run defaults;
  static InspectCommandTest.Run loosened;
  static final ObjectMapper JSON = new ObjectMapper();

  /** The template review.yaml on a synthetic cohort, with {@code gate} lines appended to its gate: section (the file's last). */
  static Path review(String name, String gateLines) throws Exception {
    return review(name, template, gateLines);
  }

  static Path review(String name, String base, String gateLines) throws Exception {
    Path d = Files.createDirectories(dir.resolve(name));
    String yaml = base + gateLines;
    Files.writeString(d.resolve("review.yaml"), yaml);
    // a review may only read files inside its own folder: each gets a copy of the cohort
    Path data = Files.createDirectories(d.resolve("data"));
    try (var files = Files.list(dir.resolve("data"))) {
      for (Path f : files.toList()) Files.copy(f, data.resolve(f.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return d;
  }

  @BeforeAll
  static void reviews() throws Exception {
    SepsisCohort cohort = new SepsisCohort(SepsisCohort.Settings.defaults().withEncounters(400).withSeed(11).withPrevalence(0.25).withPeriodDays(60));
    new CohortWriter(CohortWriter.Format.CSV, false, "test", CohortWriter.Progress.NONE).write(cohort, dir.resolve("data"));
    try (InputStream in = GateSettingsDisclosedTest.class.getClassLoader().getResourceAsStream("templates/review.yaml")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    template = template.replace("predictions: scores.parquet", "predictions: data/scores.csv").replace("events: events.parquet", "events: data/events.csv")
        .replace("outages: outages.parquet", "outages: data/outages.csv").replace("features: features.parquet", "features: data/features.csv")
        .replace("bootstrap: 200", "bootstrap: 20");
    assertTrue(template.stripTrailing().endsWith("storm_factor: 3"), "the template's gate: section is its last");
    template = template.stripTrailing() + "\n";
    defaults = InspectCommandTest.run("review", review("defaults", "").toString(), "--no-store");
    assertTrue(defaults.exit() == ExitCodes.OK || defaults.exit() == ExitCodes.HALTED, defaults.err());
    loosened = InspectCommandTest.run("review", review("loosened", "  min_fallback_replication: 0.5\n  min_alert_ppv: 0.05\n  rpn: 150\n").toString(), "--no-store");
    assertTrue(loosened.exit() == ExitCodes.OK || loosened.exit() == ExitCodes.HALTED, loosened.err());
  }

  static JsonNode dossier(String name) throws Exception {
    return JSON.readTree(dir.resolve(name).resolve("out").resolve("dossier.json").toFile());
  }

  static final String LINE = "Gate settings changed from tollgate's defaults: alert PPV floor 5% (default 10%, looser);"
      + " fallback share required 50% (default 80%, looser); FMEA risk priority number allowed 150 (default 200, stricter)";

  @Test
  void loosenedSettingsAreInTheDossierJsonLooserFirst() throws Exception {
    JsonNode d = dossier("loosened");
    JsonNode c = d.path("settings_changed");
    assertEquals(3, c.size(), c.toString());
    assertEquals("min_alert_ppv", c.get(0).path("key").asText());
    assertEquals(0.05, c.get(0).path("value").asDouble());
    assertEquals(0.10, c.get(0).path("default").asDouble());
    assertTrue(c.get(0).path("looser").asBoolean());
    assertEquals("min_fallback_replication", c.get(1).path("key").asText());
    assertEquals("rpn", c.get(2).path("key").asText());
    assertEquals(150, c.get(2).path("value").asInt());
    assertFalse(c.get(2).path("looser").asBoolean(), "a lower RPN limit fails more risks: stricter");
    assertTrue(d.path("settings_line").asText().endsWith(LINE), d.path("settings_line").asText());
  }

  @Test
  void theLineIsInTheVerdictBoxOfThePageAndTheTerminalSummary() throws Exception {
    JsonNode d = dossier("loosened");
    String summary = DossierHtml.summary(d);
    int verdict = summary.indexOf("Verdict: ");
    int line = summary.indexOf(LINE.replace("'", "&#39;"));
    assertTrue(verdict >= 0 && line > verdict && summary.indexOf("</section>") > line, summary);
    assertTrue(DossierHtml.page(d).contains(LINE.replace("'", "&#39;")) || DossierHtml.page(d).contains(LINE), "the full page too");
    assertTrue(loosened.out().contains(LINE), loosened.out());
    // the CLI prints the line right under the verdict (and the fatal flaw, when there is one)
    List<String> lines = loosened.out().lines().toList();
    int v = 0;
    while (!lines.get(v).startsWith("VERDICT: ")) v++;
    assertTrue(lines.get(v + 1).endsWith(LINE) || lines.get(v + 2).endsWith(LINE), loosened.out());
  }

  @Test
  void theLineIsInTheOnePagePdfText() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/pdftotext")) || System.getenv("CI") != null, "poppler-utils (pdftotext) not installed; .ci/run installs it");
    Path pdf = dir.resolve("loosened").resolve("out").resolve("dossier.pdf");
    String text = java.text.Normalizer.normalize(exec(List.of("pdftotext", pdf.toString(), "-")), java.text.Normalizer.Form.NFKC);
    String flat = text.replaceAll("\\s+", " ");
    String atDefaults = exec(List.of("pdftotext", dir.resolve("defaults").resolve("out").resolve("dossier.pdf").toString(), "-"));
    assertEquals(pages(atDefaults), pages(text), "the line adds no page to the review at the defaults");
    assertTrue(flat.contains(LINE.replace("'", "’")) || flat.contains(LINE), flat);
  }

  @Test
  void item3StatesTheShareRequiredAndWhereItWasLoosenedFrom() throws Exception {
    for (JsonNode i : dossier("loosened").path("items")) {
      if (!i.path("id").asText().equals("3") || i.path("reason").asText().contains("no bedside inputs")) continue;
      String r = i.path("reason").asText();
      if (r.contains("timely detections")) assertTrue(r.contains("(the gate requires 50%, loosened from 80%)") || r.contains("below the 50% required"), r);
    }
  }

  @Test
  void theTemplatesDefaultsPrintNoLineAnywhere() throws Exception {
    JsonNode d = dossier("defaults");
    assertEquals(0, d.path("settings_changed").size());
    assertTrue(d.path("settings_line").isNull());
    assertFalse(DossierHtml.page(d).contains("Gate settings changed"));
    assertFalse(defaults.out().contains("Gate settings changed"), defaults.out());
    if (Files.isExecutable(Path.of("/usr/bin/pdftotext"))) {
      String text = exec(List.of("pdftotext", dir.resolve("defaults").resolve("out").resolve("dossier.pdf").toString(), "-"));
      assertFalse(text.contains("Gate settings changed"), text);
    }
  }

  /** Each bound, just outside it: exit 2 naming the file, the line (the template's last line + 1) and the key. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "false_alert_cost_per_month | 1e12 | must be at least $0 and at most $1,000,000 (",
      "false_alert_cost_per_month | -1 | must be at least $0 and at most $1,000,000 (",
      "min_cell | 1001 | must be a whole number at least 11 and at most 1,000 (",
      "storm_factor | 0.5 | must be at least 1.0× and at most 10.0× (",
      "storm_factor | 1000 | must be at least 1.0× and at most 10.0× (",
      "disparity | 0.3 | must be at least 0.01 and at most 0.20 (",
      "disparity | 0 | must be at least 0.01 and at most 0.20 (",
      "proxy_auroc | 1.0 | must be above 0.50 and below 1.00 (",
      "proxy_auroc | 0.5 | must be above 0.50 and below 1.00 (",
      "proxy_cramers_v | 1.0 | must be above 0.00 and below 1.00 (",
      "rpn | 100000 | must be a whole number at least 1 and at most 1,000 (",
      "rpn | 0 | must be a whole number at least 1 and at most 1,000 (",
      "severity | 11 | must be a whole number at least 1 and at most 10 (",
      "severity | 8.5 | must be a whole number at least 1 and at most 10 (",
      "min_peer_trained | 0 | must be a whole number at least 1 and at most 1,000 (",
      "min_sensitivity_share | 0 | must be above 0% and at most 100% (",
      "min_sensitivity | 0 | must be above 0% and at most 100% (",
      "min_sensitivity | 1.5 | must be above 0% and at most 100% (",
      "max_alerts_per_staff_per_shift | 25 | must be above 0 and at most 24 (",
      "min_alert_ppv | 0 | must be above 0% and at most 100% (",
      "min_fallback_replication | 0 | must be above 0% and at most 100% (",
  })
  void aSettingOutsideItsBoundsIsExitTwoNamingLineAndKey(String key, String value, String problem) throws Exception {
    // the template's own line for the key goes (a key twice is refused on its own account)
    String base = template.replaceAll("(?m)^  " + key + ": .*\n", "");
    Path d = review("bad-" + key + "-" + value.replace('.', '_'), base, "  " + key + ": " + value + "\n");
    long line = base.lines().count() + 1;
    InspectCommandTest.Run r = InspectCommandTest.run("review", d.toString(), "--no-store");
    assertEquals(ExitCodes.BAD_INPUT, r.exit(), r.err());
    String expected = "tollgate: " + d.resolve("review.yaml") + ": line " + line + ", column 'gate." + key + "': " + problem;
    assertTrue(r.err().startsWith(expected), r.err());
    assertTrue(r.err().contains("), got "), r.err());
  }

  /** pdftotext ends every page with a form feed. */
  static int pages(String text) {
    return (int) text.chars().filter(c -> c == '\f').count();
  }

  static String exec(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return out;
  }
}
