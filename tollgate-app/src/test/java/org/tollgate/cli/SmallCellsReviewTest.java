package org.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.evaluation.Stats;

/**
 * Issue 16 §6: no printed figure may let a withheld count be derived. A review whose reference group's confusion matrix
 * is withheld (4 missed cases), judged end to end through the command line, and every number of what it writes read back.
 */
class SmallCellsReviewTest {
  @TempDir Path dir;

  /** F (the largest, so the reference): 1,237 of 1,241 cases caught at 0.5 — 4 missed, a small cell; M and X are shown or withheld. */
  static final int[][] CELLS = {{1237, 4, 300, 1459}, {600, 200, 150, 1050}, {250, 50, 90, 610}};
  static final String[] SEX = {"F", "M", "X"};
  /** 1,237 as a whole number (not the digits inside a hash or a decimal). */
  static final java.util.regex.Pattern WHOLE_TP = java.util.regex.Pattern.compile("(?<![\\d.,a-f])1,?237(?![\\d,a-f])");

  @Test
  void aWithheldReferenceGroupsTruePositivesCannotBeRecoveredFromTheDossierOrItsPages() throws Exception {
    Random r = new Random(5);
    List<String> rows = new ArrayList<>(List.of("id,score,label,sex"));
    int id = 0;
    for (int g = 0; g < 3; g++) {
      int[] c = CELLS[g];
      // TP, FN, FP, TN with scores spread on their side of 0.5, so no figure is a function of the four counts alone.
      double[][] range = {{0.5, 0.99}, {0.01, 0.49}, {0.5, 0.99}, {0.01, 0.49}};
      int[] label = {1, 1, 0, 0};
      for (int k = 0; k < 4; k++) {
        for (int i = 0; i < c[k]; i++) {
          rows.add("r" + (id++) + "," + String.format(java.util.Locale.ROOT, "%.4f", range[k][0] + r.nextDouble() * (range[k][1] - range[k][0])) + "," + label[k] + "," + SEX[g]);
        }
      }
    }
    Files.write(dir.resolve("scores.csv"), rows);
    Files.writeString(dir.resolve("review.yaml"), """
        use_case:
          id: leak-test
          title: Small-cell leak test
          owner: test
          intended_use: test
          intended_users: [nurses]
          target_population: adults
          decision_role: informs
          outputs: [score]
        data:
          predictions: scores.csv
        evaluation:
          threshold: 0.5
          by: [sex]
          bootstrap: 0
        """);
    InspectCommandTest.Run run = InspectCommandTest.run("review", dir.toString(), "--no-store");
    assertEquals(ExitCodes.HALTED, run.exit(), run.err());
    Path out = dir.resolve("out");
    JsonNode d = new ObjectMapper().readTree(out.resolve("dossier.json").toFile());

    // The reference's counts are withheld, and so are the figures that depend on them: the other groups' minimum detectable
    // sensitivity difference (it depends on the reference's sensitivity) is left out with the reason.
    JsonNode strata = d.path("evaluation").path("strata");
    assertEquals("F", strata.get(0).path("by").path("sex").asText());
    assertTrue(strata.get(0).path("tp").isNull());
    assertEquals("counts", strata.get(0).path("suppression").asText());
    for (JsonNode s : strata) {
      if (!s.path("power").path("status").asText().equals("reference")) {
        assertEquals("withheld", s.path("power").path("status").asText(), s.toString());
        assertTrue(s.path("power").path("min_detectable_sensitivity_difference").isNull(), s.toString());
      }
    }

    // Nothing written equals the withheld true positives, the reference's sensitivity, or a power figure made from it.
    int tp = CELLS[0][0];
    long positives = CELLS[0][0] + CELLS[0][1];
    double sensitivity = (double) tp / positives;
    List<Double> forbidden = new ArrayList<>(List.of((double) tp, sensitivity));
    for (int g = 1; g < 3; g++) forbidden.add(Stats.minimumDetectableDifference(CELLS[g][0] + CELLS[g][1], positives, sensitivity));
    for (String file : List.of("dossier.json", "model-card.json", "hti1.json")) {
      List<Double> numbers = new ArrayList<>();
      numbers(new ObjectMapper().readTree(out.resolve(file).toFile()), numbers);
      if (file.equals("dossier.json")) assertTrue(numbers.size() > 50, "dossier.json has numbers: " + numbers.size());
      String text = Files.readString(out.resolve(file));
      assertFalse(WHOLE_TP.matcher(text).find(), file + " shows the withheld count");
      for (double v : numbers) {
        for (double f : forbidden) assertFalse(Math.abs(v - f) < 1e-9, file + " holds " + v + ", which gives the withheld count back");
      }
    }
    String page = Files.readString(out.resolve("dossier.html"));
    assertFalse(WHOLE_TP.matcher(page).find(), "the page shows the withheld count");
    assertFalse(page.contains("99.7%"), "the page shows the reference's sensitivity");
  }

  private static void numbers(JsonNode n, List<Double> into) {
    if (n.isNumber()) into.add(n.asDouble());
    n.forEach(c -> numbers(c, into));
  }
}
