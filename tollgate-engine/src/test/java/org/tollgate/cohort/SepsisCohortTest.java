package org.tollgate.cohort;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tollgate.cohort.SepsisCohort.Settings;
import org.tollgate.data.ScoreTable;

class SepsisCohortTest {

  private static final int N = 20_000;
  private static final long SEED = 42;

  /** One pass over a 20,000-encounter cohort, summarised per encounter, shared by the statistical tests. */
  private static final List<Encounter> encounters = new ArrayList<>();
  private static double[] maxScoreBeforeOnset;
  private static long totalRows;

  @BeforeAll
  static void generateOnce() {
    maxScoreBeforeOnset = new double[N];
    long[] rows = {0};
    SepsisCohort.of(N, SEED).generate(
        encounters::add,
        (e, t, s) -> {
          rows[0]++;
          if (!e.hasOnset() || t < e.onsetEpochSecond()) {
            maxScoreBeforeOnset[e.index()] = Math.max(maxScoreBeforeOnset[e.index()], s);
          }
        },
        null);
    totalRows = rows[0];
  }

  // ---------------------------------------------------------------- determinism and splitting

  @Test
  void sameSeedGivesIdenticalRowsAndDifferentSeedDifferentRows() {
    String a = digest(SepsisCohort.of(300, 7), 0, 300);
    String b = digest(SepsisCohort.of(300, 7), 0, 300);
    String c = digest(SepsisCohort.of(300, 8), 0, 300);
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void encounterIsIdenticalWhetherGeneratedAmongTenOrAThousandOrAlone() {
    SepsisCohort ten = SepsisCohort.of(10, 5);
    SepsisCohort thousand = SepsisCohort.of(1000, 5);
    for (int k : new int[] {0, 7, 9}) {
      assertEquals(digest(ten, k, k + 1), digest(thousand, k, k + 1), "encounter " + k);
    }
    // sequential pass (block and patient caches warm) against random access (cold)
    List<String> sequential = new ArrayList<>();
    thousand.generate(0, 1000, e -> sequential.add(e.toString()), null, null);
    for (int k : new int[] {31, 32, 33, 500, 999}) {
      assertEquals(sequential.get(k), thousand.encounter(k).toString(), "encounter " + k);
      assertEquals(digest(thousand, k, k + 1), digestOf(thousand, k), "rows of encounter " + k);
    }
  }

  @Test
  void skippingScoresLeavesEncountersAndEventsUnchanged() {
    SepsisCohort c = SepsisCohort.of(200, 3);
    List<String> with = new ArrayList<>();
    List<String> without = new ArrayList<>();
    c.generate(e -> with.add(e.toString()), (e, t, s) -> {}, (e, t, type, v, end) -> with.add(type + t + v + end));
    c.generate(e -> without.add(e.toString()), null, (e, t, type, v, end) -> without.add(type + t + v + end));
    assertEquals(with, without);
  }

  @Test
  void outageGapsRemoveRowsButChangeNoOtherRow() {
    Settings s = Settings.defaults().withEncounters(3000).withSeed(11);
    SepsisCohort withGaps = new SepsisCohort(s);
    // only stays that overlap an outage can differ; keep the maps small
    java.util.function.Predicate<Encounter> overlaps = e -> withGaps.outages().stream()
        .anyMatch(o -> o.endEpochSecond() > e.admitEpochSecond() && o.startEpochSecond() < e.dischargeEpochSecond());
    Map<String, Double> gaps = new HashMap<>();
    Map<String, Double> full = new HashMap<>();
    Map<Integer, Boolean> keep = new HashMap<>();
    withGaps.generate(e -> keep.put(e.index(), overlaps.test(e)), (e, t, v) -> {
      if (keep.get(e.index())) {
        gaps.put(e.encounterId() + t, v);
      }
    }, null);
    new SepsisCohort(s.withScoreGapsDuringOutages(false)).generate(null, (e, t, v) -> {
      if (keep.get(e.index())) {
        full.put(e.encounterId() + t, v);
      }
    }, null);
    assertTrue(full.size() > gaps.size(), "some rows fall in an outage");
    gaps.forEach((key, v) -> assertEquals(full.get(key), v, key));
  }

  // ---------------------------------------------------------------- shape of the data

  @Test
  void prevalenceIsWithinOnePercentagePointOfTheSettingFor20000Encounters() {
    // binomial SE at 7% and n = 20,000 is 0.18 points, so 1 point is > 5 SE
    long positives = encounters.stream().filter(Encounter::hasOnset).count();
    assertEquals(0.07, positives / (double) N, 0.01);

    long p20 = countPositives(new SepsisCohort(Settings.defaults().withEncounters(N).withSeed(SEED).withPrevalence(0.2)));
    assertEquals(0.20, p20 / (double) N, 0.015);
  }

  @Test
  void interceptIsSolvedSoExpectedPrevalenceIsExact() {
    for (double p : new double[] {0.001, 0.07, 0.5, 0.95}) {
      SepsisCohort c = new SepsisCohort(Settings.defaults().withPrevalence(p));
      assertEquals(p, SepsisCohort.expectedPrevalence(c.intercept()), 1e-9);
    }
  }

  @Test
  void scoresComeEveryFifteenMinutesOnTheClockGridForTheWholeStay() {
    SepsisCohort c = new SepsisCohort(Settings.defaults().withEncounters(300).withScoreGapsDuringOutages(false));
    Map<Integer, List<Long>> times = new HashMap<>();
    List<Encounter> list = new ArrayList<>();
    c.generate(list::add, (e, t, s) -> times.computeIfAbsent(e.index(), k -> new ArrayList<>()).add(t), null);
    for (Encounter e : list) {
      List<Long> ts = times.get(e.index());
      long first = ts.get(0);
      long last = ts.get(ts.size() - 1);
      assertTrue(first >= e.admitEpochSecond() && first < e.admitEpochSecond() + 900, e.encounterId());
      assertTrue(last < e.dischargeEpochSecond() && last >= e.dischargeEpochSecond() - 900, e.encounterId());
      for (int i = 0; i < ts.size(); i++) {
        assertEquals(0, ts.get(i) % 900, "on the quarter hour");
        if (i > 0) {
          assertEquals(900, ts.get(i) - ts.get(i - 1), e.encounterId());
        }
      }
    }
  }

  @Test
  void scoreIntervalSettingChangesTheCadence() {
    SepsisCohort c = new SepsisCohort(Settings.defaults().withEncounters(20).withScoreIntervalMinutes(60).withScoreGapsDuringOutages(false));
    long[] previous = {-1};
    String[] enc = {""};
    c.generate(null, (e, t, s) -> {
      if (e.encounterId().equals(enc[0])) {
        assertEquals(3600, t - previous[0]);
      }
      enc[0] = e.encounterId();
      previous[0] = t;
    }, null);
  }

  @Test
  void noScoreIsLoggedWhileTheEhrOrTheModelIsDown() {
    SepsisCohort c = SepsisCohort.of(3000, 11);
    List<Outage> blocking = c.outages().stream().filter(o -> !o.system().equals(SepsisCohort.SYSTEM_LAB)).toList();
    assertFalse(blocking.isEmpty(), "seed 11 has an EHR or model outage");
    long[] inside = {0};
    c.generate(null, (e, t, s) -> {
      for (Outage o : blocking) {
        if (o.contains(t)) {
          inside[0]++;
        }
      }
    }, null);
    assertEquals(0, inside[0], "score rows inside " + blocking);
  }

  @Test
  void scoresAreProbabilitiesRoundedToThreeDecimals() {
    SepsisCohort.of(200, 1).generate(null, (e, t, s) -> {
      assertTrue(s >= 0 && s <= 1, "score " + s);
      assertEquals(Math.rint(s * 1000), s * 1000, 1e-9, "three decimals: " + s);
    }, null);
  }

  @Test
  void everyRowOfAnOutcomeEncounterIsLabelledAndItsOnsetIsAnEventInsideTheStay() {
    SepsisCohort c = SepsisCohort.of(2000, 2);
    Map<String, List<Long>> onsets = new HashMap<>();
    List<Encounter> list = new ArrayList<>();
    c.generate(list::add, null, (e, t, type, v, end) -> {
      if (type.equals(SepsisCohort.ONSET)) {
        onsets.computeIfAbsent(e.encounterId(), k -> new ArrayList<>()).add(t);
        assertTrue(Double.isNaN(v) && end == EventSink.NO_END);
      }
    });
    for (Encounter e : list) {
      if (e.hasOnset()) {
        assertEquals(List.of(e.onsetEpochSecond()), onsets.get(e.encounterId()));
        assertTrue(e.onsetEpochSecond() >= e.admitEpochSecond() + 4 * 3600 && e.onsetEpochSecond() < e.dischargeEpochSecond());
      } else {
        assertFalse(onsets.containsKey(e.encounterId()));
      }
    }
    ScoreTable table = c.scoreTable();
    for (int r = 0; r < table.rows(); r++) {
      Encounter e = list.get(Integer.parseInt(table.encounterId(table.encounter(r)).substring(1)) - 1);
      assertEquals(e.label(), table.label(r));
    }
  }

  @Test
  void staysAreLogNormalWithAMedianOfThreeAndAHalfDaysInsideTheCaps() {
    double[] negativeDays = encounters.stream().filter(e -> !e.hasOnset()).mapToDouble(SepsisCohortTest::stayDays).sorted().toArray();
    double[] positiveDays = encounters.stream().filter(Encounter::hasOnset).mapToDouble(SepsisCohortTest::stayDays).sorted().toArray();
    assertEquals(3.5, negativeDays[negativeDays.length / 2], 0.15);
    assertTrue(positiveDays[positiveDays.length / 2] > 4.5, "septic patients stay longer");
    assertTrue(negativeDays[0] >= 0.25 && positiveDays[0] >= 1.0);
    assertTrue(negativeDays[negativeDays.length - 1] <= 30 && positiveDays[positiveDays.length - 1] <= 30);
    double rowsPerEncounter = totalRows / (double) N;
    assertTrue(rowsPerEncounter > 400 && rowsPerEncounter < 500, "about 4.7 days x 96 rows: " + rowsPerEncounter);
  }

  @Test
  void admissionsLieInThePeriodFromTheStartDate() {
    long start = Settings.DEFAULT_START.getEpochSecond();
    long end = start + 365 * 86_400L;
    long inPeriod = encounters.stream().filter(e -> e.admitEpochSecond() >= start && e.admitEpochSecond() < end).count();
    assertEquals(N, inPeriod);
    SepsisCohort later = new SepsisCohort(Settings.defaults().withEncounters(50).withStart(Instant.parse("2030-06-01T00:00:00Z")).withPeriodDays(30));
    long s2 = Instant.parse("2030-06-01T00:00:00Z").getEpochSecond();
    later.generate(e -> assertTrue(e.admitEpochSecond() >= s2 && e.admitEpochSecond() < s2 + 30 * 86_400L), null, null);
  }

  @Test
  void somePatientsHaveSeveralEncountersThatNeverOverlapAndShareTheirPatientAttributes() {
    Map<String, List<Encounter>> byPatient = new HashMap<>();
    for (Encounter e : encounters) {
      assertTrue(e.encounterId().matches("E\\d{7}") && e.patientId().matches("P\\d{7}"), e.toString());
      byPatient.computeIfAbsent(e.patientId(), k -> new ArrayList<>()).add(e);
    }
    double perPatient = N / (double) byPatient.size();
    assertTrue(perPatient > 1.15 && perPatient < 1.4, "encounters per patient " + perPatient);
    for (List<Encounter> stays : byPatient.values()) {
      for (int i = 1; i < stays.size(); i++) {
        Encounter a = stays.get(i - 1);
        Encounter b = stays.get(i);
        assertTrue(b.admitEpochSecond() >= a.dischargeEpochSecond(), a.encounterId() + " overlaps " + b.encounterId());
        for (String attribute : List.of("age_band", "sex", "race_ethnicity", "zip3", "payer", "comorbidity_band")) {
          int at = SepsisCohort.ATTRIBUTES.indexOf(attribute);
          assertEquals(a.attribute(at), b.attribute(at), attribute);
        }
      }
    }
  }

  @Test
  void attributesTakeOnlyTheDocumentedLevels() {
    List<List<String>> levels = List.of(
        SepsisCohort.AGE_BANDS, SepsisCohort.SEXES, SepsisCohort.RACES, SepsisCohort.COMORBIDITY_BANDS,
        SepsisCohort.UNITS, SepsisCohort.PAYERS, SepsisCohort.ZIP3S);
    int[][] seen = new int[levels.size()][];
    for (int a = 0; a < levels.size(); a++) {
      seen[a] = new int[levels.get(a).size()];
    }
    for (Encounter e : encounters) {
      for (int a = 0; a < levels.size(); a++) {
        int level = levels.get(a).indexOf(e.attribute(a));
        assertTrue(level >= 0, e.attribute(a));
        seen[a][level]++;
      }
    }
    for (int[] counts : seen) {
      assertTrue(Arrays.stream(counts).allMatch(n -> n > 100), "every level occurs: " + Arrays.toString(counts));
    }
  }

  // ---------------------------------------------------------------- what reviews must be able to find

  @Test
  void zip3IsAStrongProxyForRace() {
    int race = SepsisCohort.ATTRIBUTES.indexOf("race_ethnicity");
    int zip = SepsisCohort.ATTRIBUTES.indexOf("zip3");
    // count per (zip3, is Black), then the one-vs-rest AUROC of P(Black | zip3): Mann-Whitney over
    // zip3 groups ordered by that share, ties (same zip3) counted one half
    Map<String, long[]> counts = new HashMap<>();
    for (Encounter e : encounters) {
      counts.computeIfAbsent(e.attribute(zip), k -> new long[2])[e.attribute(race).equals("Black") ? 1 : 0]++;
    }
    List<long[]> groups = new ArrayList<>(counts.values());
    groups.sort((a, b) -> Double.compare(a[1] / (double) (a[0] + a[1]), b[1] / (double) (b[0] + b[1])));
    double wins = 0;
    long negativesBelow = 0;
    long positives = 0;
    long negatives = 0;
    for (long[] g : groups) {
      wins += g[1] * (negativesBelow + 0.5 * g[0]);
      negativesBelow += g[0];
      positives += g[1];
      negatives += g[0];
    }
    double auroc = wins / ((double) positives * negatives);
    assertTrue(auroc > 0.75, "zip3 predicts Black race with AUROC " + auroc);

    // and the modal race given zip3 is right far more often than always guessing the largest group
    Map<String, Map<String, Integer>> byZip = new HashMap<>();
    for (Encounter e : encounters) {
      byZip.computeIfAbsent(e.attribute(zip), k -> new HashMap<>()).merge(e.attribute(race), 1, Integer::sum);
    }
    long modalHits = byZip.values().stream().mapToLong(m -> m.values().stream().mapToInt(Integer::intValue).max().orElse(0)).sum();
    long white = encounters.stream().filter(e -> e.attribute(race).equals("White")).count();
    assertTrue(modalHits > white * 1.1, "modal race given zip3 " + modalHits + " vs base " + white);
  }

  @Test
  void modelDiscriminatesWorseForPatients75AndOlderAndForBlackPatients() {
    int age = SepsisCohort.ATTRIBUTES.indexOf("age_band");
    int race = SepsisCohort.ATTRIBUTES.indexOf("race_ethnicity");
    double overall = aurocOfMaxScore(e -> true);
    double old = aurocOfMaxScore(e -> e.attribute(age).equals("75+"));
    double younger = aurocOfMaxScore(e -> !e.attribute(age).equals("75+"));
    double black = aurocOfMaxScore(e -> e.attribute(race).equals("Black"));
    double white = aurocOfMaxScore(e -> e.attribute(race).equals("White"));
    assertAll(
        () -> assertTrue(overall > 0.65 && overall < 0.85, "hospitalization-level AUROC " + overall),
        () -> assertTrue(younger - old > 0.06, "75+ " + old + " vs younger " + younger),
        () -> assertTrue(white - black > 0.06, "Black " + black + " vs White " + white));
  }

  @Test
  void aurocHelperMatchesAHandComputedExample() {
    // positives {0.8, 0.4}, negatives {0.4, 0.1}: pairs (0.8>0.4)=1, (0.8>0.1)=1, (0.4=0.4)=0.5, (0.4>0.1)=1 -> 3.5/4
    assertEquals(0.875, mannWhitney(new double[] {0.8, 0.4}, new double[] {0.4, 0.1}), 1e-12);
  }

  @Test
  void lactateIsElevatedMoreOftenNearOnsetForPositivesAndSometimesForNegatives() {
    long[] near = new long[2];
    long[] negative = new long[2];
    SepsisCohort.of(5000, SEED).generate(null, null, (e, t, type, v, end) -> {
      if (!type.equals(SepsisCohort.LACTATE)) {
        return;
      }
      assertTrue(v >= 0.3 && end == EventSink.NO_END);
      if (e.hasOnset() && Math.abs(t - e.onsetEpochSecond()) <= 6 * 3600) {
        near[0]++;
        near[1] += v >= 2 ? 1 : 0;
      } else if (!e.hasOnset()) {
        negative[0]++;
        negative[1] += v >= 2 ? 1 : 0;
      }
    });
    double nearShare = near[1] / (double) near[0];
    double negativeShare = negative[1] / (double) negative[0];
    assertTrue(nearShare > 0.6, "near onset " + nearShare);
    assertTrue(negativeShare > 0.03 && negativeShare < 0.2, "negatives " + negativeShare);
  }

  @Test
  void eventsAreWellFormedAndInTimeOrderInsideTheStay() {
    long[] previous = {Long.MIN_VALUE};
    String[] current = {""};
    int[] procedures = {0};
    SepsisCohort.of(1000, 9).generate(null, null, (e, t, type, v, end) -> {
      if (!e.encounterId().equals(current[0])) {
        current[0] = e.encounterId();
        previous[0] = Long.MIN_VALUE;
      }
      assertTrue(t >= previous[0], "time order");
      previous[0] = t;
      assertTrue(t >= e.admitEpochSecond() && t < e.dischargeEpochSecond(), type + " inside the stay");
      switch (type) {
        case SepsisCohort.PROCEDURE -> {
          procedures[0]++;
          assertTrue(end > t && end - t >= 30 * 60 && end - t <= 180 * 60, "30-180 minutes");
          assertTrue(end <= e.dischargeEpochSecond());
          assertTrue(Double.isNaN(v));
        }
        case SepsisCohort.LACTATE -> assertTrue(v > 0 && end == EventSink.NO_END);
        case SepsisCohort.ONSET -> assertEquals(e.onsetEpochSecond(), t);
        default -> throw new AssertionError("unexpected event type " + type);
      }
    });
    assertTrue(procedures[0] > 500, "procedures " + procedures[0]);
  }

  @Test
  void outagesAreTwoToSixAYearOfOneToEightHoursInsideThePeriod() {
    for (long seed = 0; seed < 50; seed++) {
      SepsisCohort c = SepsisCohort.of(1, seed);
      List<Outage> outages = c.outages();
      assertTrue(outages.size() >= 2 && outages.size() <= 6, "count " + outages.size());
      long start = Settings.DEFAULT_START.getEpochSecond();
      for (int i = 0; i < outages.size(); i++) {
        Outage o = outages.get(i);
        long hours = o.endEpochSecond() - o.startEpochSecond();
        assertTrue(hours >= 3600 && hours <= 8 * 3600, o.toString());
        assertTrue(o.startEpochSecond() >= start && o.startEpochSecond() < start + 365 * 86_400L, o.toString());
        assertTrue(List.of("ehr", "sepsis_model", "lab_interface").contains(o.system()));
        if (i > 0) {
          assertTrue(o.startEpochSecond() >= outages.get(i - 1).startEpochSecond(), "sorted");
        }
      }
    }
    int decade = new SepsisCohort(Settings.defaults().withPeriodDays(3650)).outages().size();
    assertTrue(decade >= 20 && decade <= 60, "ten years " + decade);
  }

  // ---------------------------------------------------------------- settings, table, speed

  @Test
  void settingsRejectValuesOutOfRangeNamingTheValue() {
    Settings d = Settings.defaults();
    assertAll(
        () -> assertMessage("encounters", () -> d.withEncounters(0)),
        () -> assertMessage("encounters", () -> d.withEncounters(Settings.MAX_ENCOUNTERS + 1)),
        () -> assertMessage("prevalence", () -> d.withPrevalence(0)),
        () -> assertMessage("prevalence", () -> d.withPrevalence(1)),
        () -> assertMessage("prevalence", () -> d.withPrevalence(Double.NaN)),
        () -> assertMessage("periodDays", () -> d.withPeriodDays(0)),
        () -> assertMessage("scoreIntervalMinutes", () -> d.withScoreIntervalMinutes(0)),
        () -> assertMessage("medianStayDays", () -> d.withStay(10, 5)),
        () -> assertMessage("maxStayDays", () -> d.withStay(3, 400)),
        () -> assertMessage("start", () -> d.withStart(Instant.parse("2025-01-01T00:00:00.5Z"))));
  }

  @Test
  void rangeOutsideTheCohortIsRejected() {
    SepsisCohort c = SepsisCohort.of(10, 1);
    assertThrows(IndexOutOfBoundsException.class, () -> c.generate(5, 11, null, null, null));
    assertThrows(IndexOutOfBoundsException.class, () -> c.generate(-1, 3, null, null, null));
  }

  @Test
  void scoreTableHoldsEveryRowWithIdsTimesAndAttributes() {
    SepsisCohort c = SepsisCohort.of(50, 4);
    long[] rows = {0};
    c.generate(null, (e, t, s) -> rows[0]++, null);
    ScoreTable table = c.scoreTable();
    assertEquals(rows[0], table.rows());
    assertEquals(50, table.encounterCount());
    assertEquals(SepsisCohort.ATTRIBUTES, table.attributeNames());
    assertTrue(table.hasLabels() && table.hasTime() && table.hasPatients());
    assertEquals(c.encounter(0).patientId().isEmpty(), false);
    Encounter first = c.encounter(0);
    assertEquals(first.encounterId(), table.encounterId(table.encounter(0)));
    assertTrue(table.epochSecond(0) >= first.admitEpochSecond());
    assertEquals(first.attribute(4), table.attributeLevel(4, table.attributeCode(4, 0)));
  }

  @Test
  void describeListsEverySettingWithTheSeed() {
    Map<String, Object> d = SepsisCohort.of(12, 99).describe();
    assertEquals(99L, d.get("seed"));
    assertEquals(12, d.get("encounters"));
    assertEquals("2025-01-01T00:00:00Z", d.get("start"));
    assertEquals(SepsisCohort.GENERATOR_VERSION, d.get("generator_version"));
  }

  /**
   * A thousand encounters give hundreds of thousands of hourly score rows (stays of days, one score an hour). Speed is not
   * asserted here (no wall-clock assertions in unit tests): generation is measured in docs/performance.md ("generate
   * 1,000,000 sepsis encounters").
   */
  @Test
  void aThousandEncountersGiveHourlyScoreRowsForEveryStay() {
    SepsisCohort c = SepsisCohort.of(1000, 1);
    long[] rows = {0};
    c.generate(e -> {}, (e, t, s) -> rows[0]++, (e, t, type, v, end) -> {});
    assertTrue(rows[0] > 400_000, rows[0] + " rows");
  }

  // ---------------------------------------------------------------- helpers

  private static void assertMessage(String word, org.junit.jupiter.api.function.Executable ex) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ex);
    assertTrue(e.getMessage().contains(word), e.getMessage());
  }

  private static double stayDays(Encounter e) {
    return (e.dischargeEpochSecond() - e.admitEpochSecond()) / 86_400.0;
  }

  private static long countPositives(Cohort c) {
    long[] n = {0};
    c.generate(e -> n[0] += e.label(), null, null);
    return n[0];
  }

  private static double aurocOfMaxScore(java.util.function.Predicate<Encounter> in) {
    List<Double> pos = new ArrayList<>();
    List<Double> neg = new ArrayList<>();
    for (Encounter e : encounters) {
      if (in.test(e)) {
        (e.hasOnset() ? pos : neg).add(maxScoreBeforeOnset[e.index()]);
      }
    }
    return mannWhitney(pos.stream().mapToDouble(Double::doubleValue).toArray(), neg.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** AUROC as the Mann-Whitney U statistic over n_pos × n_neg, ties counted one half. */
  private static double mannWhitney(double[] pos, double[] neg) {
    double[] n = neg.clone();
    Arrays.sort(n);
    double wins = 0;
    for (double p : pos) {
      int below = lowerBound(n, p);
      int atOrBelow = lowerBound(n, Math.nextUp(p));
      wins += below + 0.5 * (atOrBelow - below);
    }
    return wins / ((double) pos.length * neg.length);
  }

  private static int lowerBound(double[] sorted, double x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static String digest(Cohort c, int from, int to) {
    MessageDigest md = sha256();
    c.generate(
        from, to,
        e -> md.update(e.toString().getBytes(StandardCharsets.UTF_8)),
        (e, t, s) -> md.update((e.encounterId() + t + ':' + s).getBytes(StandardCharsets.UTF_8)),
        (e, t, type, v, end) -> md.update((e.encounterId() + type + t + v + end).getBytes(StandardCharsets.UTF_8)));
    return HexFormat.of().formatHex(md.digest());
  }

  /** Same as {@link #digest} for one encounter, but taken from a full sequential pass. */
  private static String digestOf(Cohort c, int k) {
    MessageDigest md = sha256();
    c.generate(
        e -> { if (e.index() == k) md.update(e.toString().getBytes(StandardCharsets.UTF_8)); },
        (e, t, s) -> { if (e.index() == k) md.update((e.encounterId() + t + ':' + s).getBytes(StandardCharsets.UTF_8)); },
        (e, t, type, v, end) -> { if (e.index() == k) md.update((e.encounterId() + type + t + v + end).getBytes(StandardCharsets.UTF_8)); });
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
