package org.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.cases.CaseLibrary;
import org.tollgate.format.Units;
import org.tollgate.gate.ItemResult;
import org.tollgate.ingest.config.ReviewFile;
import org.tollgate.report.Headline;
import org.tollgate.review.ReviewRunner;

/**
 * One operating point: the policy under review drives every number that describes what goes live, and
 * {@code evaluation.threshold} decides nothing in a review that has a policy. Uses the case library's
 * sepsis data (generated once into target/test-cases, shared with {@link CaseLibraryTest}).
 */
class OperatingPointTest {
  @TempDir Path dir;

  /**
   * Case 01b's review folder copied (a review may only read files inside its own folder) with {@code evaluation:}
   * replaced by {@code evaluation}.
   */
  private Path variant(String name, String evaluation) throws Exception {
    Path c = CaseLibrary.prepare(CaseLibrary.find("01b-sepsis-redesigned"), CaseLibraryTest.ROOT).toAbsolutePath();
    Path r = dir.resolve(name);
    Path data = c.resolve("data");
    try (var files = Files.walk(data)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path to = r.resolve("data").resolve(data.relativize(f).toString());
        if (Files.isDirectory(f)) Files.createDirectories(to);
        else Files.copy(f, to);
      }
    }
    String y = Files.readString(c.resolve("review.yaml"));
    y = y.replaceFirst("(?m)^evaluation:.*\\n(  .*\\n)*", evaluation);
    Files.writeString(r.resolve("review.yaml"), y);
    return r;
  }

  @Test
  void changingEvaluationThresholdAloneNeverChangesAVerdictAFatalFlawOrARule() throws Exception {
    ReviewRunner.Outcome a = ReviewRunner.run(ReviewFile.read(variant("a", "evaluation:\n  threshold: 0.5\n  by: [sex]\n  protected: [race_ethnicity]\n")));
    ReviewRunner.Outcome b = ReviewRunner.run(ReviewFile.read(variant("b", "evaluation:\n  threshold: 0.7\n  by: [sex]\n  protected: [race_ethnicity]\n")));
    assertEquals(a.gate().verdict(), b.gate().verdict());
    assertEquals(a.gate().fatalFlaw(), b.gate().fatalFlaw());
    for (int i = 0; i < a.gate().items().size(); i++) {
      ItemResult x = a.gate().items().get(i);
      ItemResult y = b.gate().items().get(i);
      assertEquals(x.status(), y.status(), x.id());
      assertEquals(x.reason(), y.reason(), x.id());
    }
    // The evaluation is made at the policy's threshold (0.25), whatever evaluation.threshold says.
    assertEquals(0.25, a.evaluation().settings().threshold(), 0);
    assertEquals(0.25, b.evaluation().settings().threshold(), 0);
  }

  @Test
  void headlineNumbersOnThePageThePdfAndTheTerminalAreTheSameNumbersOfThePolicyUnderReview() throws Exception {
    Path r = variant("h", "evaluation:\n  by: [sex]\n  protected: [race_ethnicity]\n");
    InspectCommandTest.Run run = InspectCommandTest.run("review", "--no-store", r.toString());
    JsonNode d = new ObjectMapper().readTree(r.resolve("out/dossier.json").toFile());
    Map<String, String> h = Headline.of(d);
    // The numbers come from the policy under review, as the simulation reports it.
    JsonNode p = d.path("simulation").path("policies").get(0);
    assertEquals("dual-signal-context", p.path("name").asText());
    assertTrue(h.get("Operating point").equals("policy 'dual-signal-context' (score ≥ 0.25)"), h.get("Operating point"));
    assertTrue(h.get("Detected in time").endsWith("(" + Units.percent(p.path("sensitivity").asDouble()) + ")"), h.get("Detected in time"));
    assertEquals(Units.percent(p.path("alert_ppv").asDouble()), h.get("Alert PPV"));
    assertFalse(h.keySet().stream().anyMatch(k -> k.contains("score ≥")), "no second operating point: " + h.keySet());
    String page = Files.readString(r.resolve("out/dossier.html"));
    String pdf;
    try (PDDocument doc = Loader.loadPDF(r.resolve("out/dossier.pdf").toFile())) {
      pdf = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }
    for (String k : List.of("Detected in time", "Alert PPV", "Alerts per day", "Alerts per staff member per shift", "False-alert cost", "Median lead time")) {
      String v = h.get(k);
      assertTrue(run.out().contains("  " + k + ": " + v), k + " in the terminal: " + run.out());
      assertTrue(page.contains(org.tollgate.report.Html.esc(v)), k + " on the page: " + v);
      assertTrue(pdf.contains(v), k + " in the PDF: " + v);
    }
  }
}
