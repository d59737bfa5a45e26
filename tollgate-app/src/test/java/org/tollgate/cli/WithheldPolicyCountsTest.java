package org.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.format.Units;

/**
 * Issue 16 §6, the whole policy: a policy whose false alerts number 7 (a small cell) shows neither that count nor any
 * figure that gives it back — false alerts per day or per month, false-alert minutes and cost, and alert PPV (timely /
 * alerts, with the alerts shown, would give the false alerts back) — in dossier.json, the page, or the terminal.
 *
 * <p>The data, made by hand: 300 encounters over 30 days, every 5th with sepsis (60), its three scores 0.85–0.95 well
 * before the onset, so each is one timely alert at threshold 0.7 with one alert per encounter; of the 240 without
 * sepsis, 7 have one score of 0.9, so the policy makes exactly 7 false alerts and no late one (67 alerts).
 */
class WithheldPolicyCountsTest {
  @TempDir static Path dir;

  static final int FALSE_ALERTS = 7;
  static final int TIMELY = 60;
  static final double MINUTES_PER_ALERT = 10;
  static final double HOURLY_RATE = 60;

  @BeforeAll
  static void data() throws Exception {
    List<String> s = new ArrayList<>(List.of("patient_id,encounter_id,time,score,label"));
    List<String> e = new ArrayList<>(List.of("encounter_id,time,type,value,end_time"));
    int falses = 0;
    for (int k = 0; k < 300; k++) {
      boolean pos = k % 5 == 0;
      boolean falseAlert = !pos && falses < FALSE_ALERTS && k % 5 == 1;
      if (falseAlert) falses++;
      int day = k / 10;
      int hour = k % 10 * 2;
      for (int i = 0; i < 3; i++) {
        double v = pos ? 0.85 + 0.05 * i : falseAlert && i == 1 ? 0.9 : 0.1 + 0.1 * i;
        s.add(String.format(Locale.ROOT, "P%04d,E%04d,2025-03-%02dT%02d:%02d:00Z,%.2f,%d", k, k, day + 1, hour, 15 * i, v, pos ? 1 : 0));
      }
      if (pos) e.add(String.format(Locale.ROOT, "E%04d,2025-03-%02dT%02d:50:00Z,sepsis_onset,,", k, day + 1, hour));
    }
    Files.write(dir.resolve("scores.csv"), s, StandardCharsets.UTF_8);
    Files.write(dir.resolve("events.csv"), e, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("workflow.yaml"), "role: bedside nurse\nminutes_per_alert: 10\nhourly_rate: 60\nshift_hours: 12\nnurses_per_shift: 5\n");
    Files.writeString(dir.resolve("policy.yaml"), "policies:\n  - {name: plain, threshold: 0.7, max_alerts_per_encounter: 1}\n"
        + "outcome: {type: sepsis_onset, horizon_minutes: 720}\n");
    Files.writeString(dir.resolve("review.yaml"), """
        use_case:
          id: few-false-alerts
          title: A policy with seven false alerts
          owner: test
          intended_use: test
        data: {predictions: scores.csv, events: events.csv}
        workflow: workflow.yaml
        policies:
          - {name: plain, threshold: 0.7, max_alerts_per_encounter: 1}
        outcome: {type: sepsis_onset, horizon_minutes: 720}
        """);
  }

  /** Every figure that would give the 7 false alerts back, from the hand-made counts and the days the run observed. */
  private static List<Double> forbidden(double days) {
    double perDay = FALSE_ALERTS / days;
    double minutes = perDay * MINUTES_PER_ALERT;
    double cost = minutes / 60 * HOURLY_RATE * 365 / 12;
    double ppv = (double) TIMELY / (TIMELY + FALSE_ALERTS);
    return List.of(perDay, perDay * 365 / 12, minutes, cost, ppv, 1 - ppv);
  }

  private static List<String> forbiddenText(double days) {
    List<Double> f = forbidden(days);
    return List.of(Units.money(f.get(3)), Units.percent(f.get(4)), String.format(Locale.ROOT, "%.3f", f.get(4)),
        Units.number(f.get(0), 2) + " a day", "7 false", "7 unnecessary");
  }

  @Test
  void aPolicyWithSevenFalseAlertsShowsNoneOfThemInTheDossierThePageOrTheTerminal() throws Exception {
    InspectCommandTest.Run run = InspectCommandTest.run("review", dir.toString(), "--no-store");
    assertTrue(run.exit() == ExitCodes.OK || run.exit() == ExitCodes.HALTED, run.err());
    Path out = dir.resolve("out");
    JsonNode d = new ObjectMapper().readTree(out.resolve("dossier.json").toFile());
    JsonNode p = d.path("simulation").path("policies").get(0);
    // The counts as the simulation made them (not printed) are the hand-made ones: 67 alerts shown, the rest withheld.
    assertEquals(TIMELY + FALSE_ALERTS, p.path("alerts").asLong(), p.toString());
    assertTrue(p.path("false_alerts").isNull(), p.toString());
    assertTrue(p.path("timely_alerts").isNull(), "the complement: with alerts and timely shown, false = alerts − timely; " + p);
    assertTrue(p.path("alert_ppv").isNull(), p.toString());
    assertTrue(p.path("false_alert_cost_per_month").isNull(), p.toString());
    assertTrue(p.path("suppressed").asBoolean(), p.toString());
    assertEquals(TIMELY, p.path("detected_encounters").asLong(), "the detected encounters are not small: shown");
    double days = p.path("days").asDouble();
    assertTrue(days > 29 && days < 31, "days observed " + days);

    List<Double> numbers = new ArrayList<>();
    numbers(d, numbers);
    for (double v : numbers) {
      for (double f : forbidden(days)) assertFalse(Math.abs(v - f) < 1e-9, "dossier.json holds " + v + ", which gives the 7 false alerts back");
    }
    for (JsonNode x : d.path("simulation").path("policies")) assertTrue(x.path("false_alerts").isNull());
    String[] texts = {Files.readString(out.resolve("dossier.json")), Files.readString(out.resolve("dossier.html")), run.out()};
    String[] names = {"dossier.json", "dossier.html", "the terminal"};
    for (int i = 0; i < texts.length; i++) {
      for (String f : forbiddenText(days)) assertFalse(texts[i].contains(f), names[i] + " shows '" + f + "', which gives the 7 false alerts back");
    }
    assertTrue(run.out().contains("Alert PPV: withheld (small cell)"), run.out());
    assertTrue(run.out().contains("the false-alert cost is withheld by the small-cell rule"), run.out());
  }

  @Test
  void simulatesTableShowsNeitherTheFalseAlertsNorTheTimelyAlertsThatWouldGiveThemBack() throws Exception {
    InspectCommandTest.Run run = InspectCommandTest.run("simulate", "--scores", dir.resolve("scores.csv").toString(), "--events",
        dir.resolve("events.csv").toString(), "--policy", dir.resolve("policy.yaml").toString(), "--workflow", dir.resolve("workflow.yaml").toString());
    assertEquals(0, run.exit(), run.err());
    String row = run.out().lines().filter(l -> l.startsWith("plain")).findFirst().orElseThrow();
    // Policy, alerts/day, per RN, timely (withheld), detected 60, sensitivity 1.000, lead, PPV (withheld), labor, FTE, cost (withheld), limit
    String[] cols = row.trim().split("\\s+");
    assertEquals("—", cols[3], row);
    assertEquals("60", cols[4], row);
    assertFalse(row.contains("0.896"), row);
    assertTrue(row.contains("—"), row);
  }

  @Test
  void simulatesJsonWithholdsTheFalseAlertsAndTheTimelyAlertsTogether() throws Exception {
    Path json = dir.resolve("sim.json");
    InspectCommandTest.Run run = InspectCommandTest.run("simulate", "--scores", dir.resolve("scores.csv").toString(), "--events",
        dir.resolve("events.csv").toString(), "--policy", dir.resolve("policy.yaml").toString(), "--workflow", dir.resolve("workflow.yaml").toString(),
        "-o", json.toString());
    assertEquals(0, run.exit(), run.err());
    JsonNode p = new ObjectMapper().readTree(json.toFile()).path("policies").get(0);
    assertTrue(p.path("false_alerts").isNull() && p.path("timely_alerts").isNull() && p.path("alert_ppv").isNull(), p.toString());
    assertEquals(0, p.path("late_alerts").asLong(), "a zero is shown (CMS)");
    List<Double> numbers = new ArrayList<>();
    numbers(p, numbers);
    for (double v : numbers) for (double f : forbidden(p.path("days").asDouble())) assertFalse(Math.abs(v - f) < 1e-9, "holds " + v);
  }

  private static void numbers(JsonNode n, List<Double> into) {
    if (n.isNumber()) into.add(n.asDouble());
    n.forEach(c -> numbers(c, into));
  }
}
