package org.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tollgate monitor --features}: the live features table read as the review reads {@code data.features}, each bedside
 * input's missingness counted by row time, against a hand-made table whose counts are worked out below.
 *
 * <p>Approved (December 2025): 20 encounters, 3 feature rows each (60 rows); heart rate on every row, lactate missing on
 * the first row of encounters 1–15 (15 of 60 rows, 25%). Live week A (from 2026-01-05): 20 encounters, 2 rows each (40
 * rows), lactate missing on the first row of encounters 1–12 (12 of 40, 30%: a rise of 5 points, within the default 15).
 * Live week B (from 2026-01-12): 20 encounters, 3 rows each (60 rows), lactate missing on every row of encounters 1–15 (45
 * of 60, 75%: a rise of 50 points, a breach). Heart rate is 60 + (row number modulo 30) on every side, never missing: PSI 0
 * in week B, 0.104 in week A (a third of its rows at 60–69; numpy, as monitor_drift.py computes it), both within 0.2. A row
 * of an encounter without scores is dropped by the reader.
 */
class MonitorFeaturesTest {
  @TempDir Path dir;

  static final Instant APPROVED = Instant.parse("2025-12-01T00:00:00Z");
  static final Instant WEEK_A = Instant.parse("2026-01-05T00:00:00Z");
  static final Instant WEEK_B = Instant.parse("2026-01-12T00:00:00Z");

  @BeforeEach
  void folder() throws Exception {
    List<String> scores = new ArrayList<>(List.of("encounter_id,time,score"));
    List<String> events = new ArrayList<>(List.of("encounter_id,time,type,value,end_time"));
    List<String> features = new ArrayList<>(List.of("encounter_id,time,heart_rate,lactate"));
    encounters("A", APPROVED, 3, 15, false, scores, events, features);
    write("scores.csv", scores);
    write("events.csv", events);
    write("features.csv", features);
    List<String> liveScores = new ArrayList<>(List.of("encounter_id,time,score"));
    List<String> liveEvents = new ArrayList<>(List.of("encounter_id,time,type,value,end_time"));
    List<String> liveFeatures = new ArrayList<>(List.of("encounter_id,time,heart_rate,lactate"));
    encounters("L", WEEK_A, 2, 12, false, liveScores, liveEvents, liveFeatures);
    encounters("M", WEEK_B, 3, 15, true, liveScores, liveEvents, liveFeatures);
    liveFeatures.add("NO-SCORES," + WEEK_B.plusSeconds(3600) + ",80,");
    write("live/scores.csv", liveScores);
    write("live/events.csv", liveEvents);
    write("live/features.csv", liveFeatures);
    Files.writeString(dir.resolve("review.yaml"), """
        use_case:
          id: features-monitor
          title: Features monitoring test
          owner: test
          intended_use: test
          intended_users: [nurses]
          target_population: adults
          decision_role: informs
          outputs: [alert]
        data:
          predictions: scores.csv
          events: events.csv
          features: features.csv
        evaluation:
          threshold: 0.5
          bootstrap: 0
        policies:
          - {name: plain, threshold: 0.5}
        outcome: {type: sepsis_onset, horizon_minutes: 720}
        policy: plain
        monitoring:
          period: week
          checks: [feature_psi, feature_missing]
          live:
            predictions: live/scores.csv
            events: live/events.csv
            features: live/features.csv
        """);
  }

  /**
   * 20 encounters admitted 6 hours apart from {@code start}, 6 hourly scores each, {@code rows} feature rows each (an hour
   * apart from admission); lactate missing on the first row of encounters 1..{@code missing} (on all their rows when
   * {@code allRows}). Encounter 1 has a sepsis onset.
   */
  private static void encounters(String prefix, Instant start, int rows, int missing, boolean allRows, List<String> scores, List<String> events,
      List<String> features) {
    int row = 0;
    for (int e = 1; e <= 20; e++) {
      String id = String.format("%s%03d", prefix, e);
      Instant admit = start.plusSeconds((e - 1) * 6 * 3600L);
      for (int h = 0; h < 6; h++) scores.add(id + "," + admit.plusSeconds(h * 3600L) + "," + (h == 5 && e % 4 == 0 ? "0.7" : "0.2"));
      if (e == 1) events.add(id + "," + admit.plusSeconds(4 * 3600L) + ",sepsis_onset,,");
      for (int k = 0; k < rows; k++) {
        boolean lactateMissing = e <= missing && (allRows || k == 0);
        features.add(id + "," + admit.plusSeconds(k * 3600L) + "," + (60 + row++ % 30) + "," + (lactateMissing ? "" : "1." + (e % 10)));
      }
    }
  }

  private void write(String name, List<String> lines) throws Exception {
    Files.createDirectories(dir.resolve(name).getParent());
    Files.write(dir.resolve(name), lines);
  }

  @Test
  void aWeekWhoseLactateStopsArrivingBreachesAndNamesTheInput() throws Exception {
    Path json = dir.resolve("b.json");
    InspectCommandTest.Run b = InspectCommandTest.run("monitor", dir.toString(), "--from", "2026-01-12", "-o", json.toString(), "--no-store");
    assertEquals(3, b.exit(), b.out() + b.err());
    assertTrue(b.err().contains("input missingness: lactate missing in 75.0% of rows against an approved 25.0%: a rise of 50.0 points against at most 15.0"),
        b.err());
    assertTrue(b.out().contains("Last period, the model's inputs (features table):"), b.out());
    JsonNode week = new ObjectMapper().readTree(json.toFile()).get("periods").get(0);
    JsonNode lactate = week.get("features").get("lactate");
    assertEquals(60, lactate.get("rows").asLong(), "the row of an encounter without scores is dropped");
    assertEquals(0.75, lactate.get("missing_share").asDouble(), 1e-15);
    assertEquals(0.25, lactate.get("approved_missing_share").asDouble(), 1e-15);
    // Wilson 95% for 45 of 60 (SciPy 1.17.1: scipy.stats.binomtest(45, 60).proportion_ci(method='wilson')): 0.627679–0.842235
    assertEquals(0.6276792992295218, lactate.get("missing_interval").get("lower").asDouble(), 1e-12);
    assertEquals(0.8422347746994333, lactate.get("missing_interval").get("upper").asDouble(), 1e-12);
    assertEquals(0.0, week.get("features").get("heart_rate").get("missing_share").asDouble());
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertEquals(6, doc.get("inputs").size(), "approved predictions, events and features; live predictions, events and features: " + doc.get("inputs"));
    assertTrue(doc.get("inputs").get(2).get("path").asText().endsWith("features.csv"), doc.get("inputs").toString());
  }

  @Test
  void aWeekWithinTheMissingnessLimitHolds() throws Exception {
    Path json = dir.resolve("a.json");
    InspectCommandTest.Run a = InspectCommandTest.run("monitor", dir.toString(), "--to", "2026-01-06", "-o", json.toString(), "--no-store");
    assertEquals(0, a.exit(), a.out() + a.err());
    JsonNode lactate = new ObjectMapper().readTree(json.toFile()).get("periods").get(0).get("features").get("lactate");
    assertEquals(40, lactate.get("rows").asLong());
    assertEquals(0.3, lactate.get("missing_share").asDouble(), 1e-15);
    assertTrue(a.out().contains("[ok           ] input missingness: lactate missing in 30.0% of rows against an approved 25.0%"), a.out());
    assertTrue(a.out().contains("[ok           ] input drift: largest input PSI 0.104 (heart_rate) against at most 0.20"), a.out());
  }
}
