package org.tollgate.cases;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tollgate.cohort.DiabetesAuditLog;
import org.tollgate.cohort.DischargeWorkLog;
import org.tollgate.cohort.RadiologyReadingLog;
import org.tollgate.cohort.ScoredVisits;
import org.tollgate.cohort.SepsisCohort;
import org.tollgate.cohort.TriagePilot;
import org.tollgate.ingest.write.AuditLogWriter;
import org.tollgate.ingest.write.CohortWriter;

/**
 * How each case's data are made: the generators of {@code org.tollgate.cohort} with the settings the
 * case's README explains, written with the ingest writers. Sizes are small on purpose (the whole
 * library runs in the demo and the test suite); every generator is seeded.
 */
public final class CaseData {
  private CaseData() {}

  /** Writes a case's data files into a folder. */
  @FunctionalInterface
  public interface Part {
    void write(Path dir) throws IOException;
  }

  /**
   * A case's data: the parts and a key that changes whenever their settings do (the folder is
   * regenerated when the stamp differs).
   */
  public record Recipe(String key, List<Part> parts) {
    public void write(Path dir) throws IOException {
      for (Part p : parts) p.write(dir);
    }

    public String stamp(String name) {
      return "{\"case\": \"" + name + "\", \"recipe\": \"" + key + "\", \"sepsis_generator\": " + SepsisCohort.GENERATOR_VERSION
          + ", \"radiology_generator\": " + RadiologyReadingLog.GENERATOR_VERSION + ", \"discharge_generator\": " + DischargeWorkLog.GENERATOR_VERSION + ", \"diabetes_generator\": " + DiabetesAuditLog.GENERATOR_VERSION + ", \"visits_generator\": " + ScoredVisits.GENERATOR_VERSION + ", \"triage_generator\": " + TriagePilot.GENERATOR_VERSION + "}\n";
    }
  }

  static final Instant YEAR_START = Instant.parse("2025-01-01T00:00:00Z");
  /** Start of case 13's live year, the year after the approved data's. */
  static final Instant LIVE_START = Instant.parse("2026-01-01T00:00:00Z");
  private static final String VERSION = "tollgate case library";

  /** A sepsis-style inpatient cohort (scores every hour; bedside inputs in {@code cohort/features.parquet}) into {@code cohort/}. */
  static Part sepsis(SepsisCohort.Settings s) {
    return dir -> new CohortWriter(CohortWriter.Format.PARQUET, true, VERSION, CohortWriter.Progress.NONE)
        .write(new SepsisCohort(s), dir.resolve("cohort"));
  }

  /**
   * A live year after launch into {@code live/}: the sepsis generator from {@code start} with the post-launch
   * shift (surge, calibration drift, lactate gap) laid over it, bedside inputs in {@code live/features.parquet}.
   */
  static Part postLaunch(SepsisCohort.Settings s, org.tollgate.cohort.PostLaunchShift shift) {
    return dir -> new CohortWriter(CohortWriter.Format.PARQUET, true, VERSION, CohortWriter.Progress.NONE)
        .write(shift.over(new SepsisCohort(s)), dir.resolve("live"));
  }

  static SepsisCohort.Settings inpatient(int encounters, long seed, SepsisCohort.Model model) {
    return SepsisCohort.Settings.defaults().withEncounters(encounters).withSeed(seed).withScoreIntervalMinutes(60).withModel(model);
  }

  /** A reading-session interaction log into {@code log/}. */
  static Part readings(int sessions, long seed, int scrollPenaltyMillis) {
    RadiologyReadingLog.Settings d = RadiologyReadingLog.Settings.defaults();
    RadiologyReadingLog.Settings s = new RadiologyReadingLog.Settings(sessions, seed, d.start(), d.users(), d.sessionsPerUserPerDay(), scrollPenaltyMillis);
    return dir -> new AuditLogWriter(CohortWriter.Format.PARQUET, true, VERSION).writeRadiology(new RadiologyReadingLog(s), true, dir.resolve("log"));
  }

  /** A diabetes clinic's EHR audit log into {@code audit/} (events and encounters). */
  static Part clinicAudit(int visits, long seed) {
    DiabetesAuditLog.Settings s = DiabetesAuditLog.Settings.defaults().withVisits(visits).withSeed(seed);
    return dir -> new AuditLogWriter(CohortWriter.Format.PARQUET, true, VERSION).writeDiabetes(new DiabetesAuditLog(s), dir.resolve("audit"));
  }

  /** One scored visit per row into {@code visits.csv}, and the positives' outcome events (an hour later) into {@code events.csv}. */
  static Part visits(ScoredVisits.Settings s) {
    return visits(s, 3600);
  }

  /** As {@link #visits(ScoredVisits.Settings)}, with each outcome event {@code outcomeAfterSeconds} after its visit. */
  static Part visits(ScoredVisits.Settings s, long outcomeAfterSeconds) {
    return dir -> {
      ScoredVisits v = new ScoredVisits(s);
      try (BufferedWriter p = Files.newBufferedWriter(dir.resolve("visits.csv"), StandardCharsets.UTF_8);
          BufferedWriter e = Files.newBufferedWriter(dir.resolve("events.csv"), StandardCharsets.UTF_8)) {
        p.write("patient_id,encounter_id,time,score,label," + String.join(",", ScoredVisits.ATTRIBUTES) + "\n");
        e.write("encounter_id,time,type,value,end_time\n");
        for (int k = 0; k < s.visits(); k++) {
          ScoredVisits.Visit x = v.visit(k);
          p.write(x.patientId() + "," + x.encounterId() + "," + Instant.ofEpochSecond(x.epochSecond()) + ","
              + String.format(Locale.ROOT, "%.3f", x.score()) + "," + x.label() + "," + String.join(",", x.attributes()) + "\n");
          if (x.label() == 1) e.write(x.encounterId() + "," + Instant.ofEpochSecond(x.epochSecond() + outcomeAfterSeconds) + "," + s.outcome() + ",,\n");
        }
      }
    };
  }

  /** A discharge-planning interaction log into {@code work.csv}. */
  static Part dischargeWork(int sessions, long seed) {
    return dir -> {
      try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("work.csv"), StandardCharsets.UTF_8)) {
        w.write("session_id,user_id,role,step,start_time,end_time,period\n");
        IOException[] failed = new IOException[1];
        new DischargeWorkLog(new DischargeWorkLog.Settings(sessions, seed, YEAR_START)).generate((id, user, role, step, start, end, period) -> {
          if (failed[0] != null) return;
          try {
            w.write(id + "," + user + "," + role + "," + step + "," + Instant.ofEpochMilli(start) + "," + Instant.ofEpochMilli(end) + "," + period + "\n");
          } catch (IOException e) {
            failed[0] = e;
          }
        });
        if (failed[0] != null) throw failed[0];
      }
    };
  }

  /** An ER triage pilot into {@code pilot.csv}: period, wait_minutes, admission_error. */
  static Part triagePilot(TriagePilot.Settings s) {
    return dir -> {
      StringBuilder b = new StringBuilder("period,wait_minutes,admission_error\n");
      new TriagePilot(s).generate((period, wait, error) -> b.append(period).append(',').append(String.format(Locale.ROOT, "%.1f", wait))
          .append(',').append(error).append('\n'));
      Files.writeString(dir.resolve("pilot.csv"), b, StandardCharsets.UTF_8);
    };
  }

  /**
   * A downtime log into {@code outages.csv}: {@code count} outages of the named system, each {@code minutes}
   * long, the k-th starting at 14:00 UTC on day 3 + 7k of the year (a weekly peak-hour outage).
   */
  static Part outages(String system, int count, int minutes) {
    return dir -> {
      StringBuilder b = new StringBuilder("start,end,system\n");
      for (int k = 0; k < count; k++) {
        Instant start = YEAR_START.plusSeconds((3 + 7L * k) * 86_400 + 14 * 3600);
        b.append(start).append(',').append(start.plusSeconds(60L * minutes)).append(',').append(system).append('\n');
      }
      Files.writeString(dir.resolve("outages.csv"), b, StandardCharsets.UTF_8);
    };
  }

  /** Case 3's workarounds when the EHR's prior-authorization form times out, with the role that does each. */
  static final List<String[]> PRIOR_AUTH_WORKAROUNDS = List.of(
      new String[] {"fax_paper_form", "billing_clerk"}, new String[] {"phone_payer", "nurse"},
      new String[] {"payer_portal_reentry", "billing_clerk"}, new String[] {"sticky_note_handoff", "front_desk"},
      new String[] {"email_to_billing", "nurse"}, new String[] {"scan_to_shared_drive", "front_desk"},
      new String[] {"copy_prior_note", "medical_assistant"}, new String[] {"save_draft_as_text", "nurse"},
      new String[] {"second_workstation_login", "medical_assistant"}, new String[] {"end_of_day_batch_entry", "billing_clerk"},
      new String[] {"print_screen_attach", "front_desk"}, new String[] {"verbal_handoff", "medical_assistant"},
      new String[] {"personal_spreadsheet_log", "billing_clerk"}, new String[] {"resubmit_next_morning", "billing_clerk"});

  /**
   * Case 3's prior-authorization event log into {@code prior_auth.csv} (the visit window on every row).
   * Request k: a visit of 20 to 40 minutes starting between 08:00 and 16:00 on day k / 60 of the year. With
   * probability {@code timeoutShare} the EHR form times out: an {@code ehr_timeout} event by the nurse
   * during the visit, then one of the 14 workarounds (uniformly) by its role 0.5 to 48 hours after the
   * visit ends, then {@code prior_auth_submit} by the same role 10 minutes later. Otherwise the nurse
   * submits the form during the visit, as designed.
   */
  static Part priorAuthLog(int requests, long seed, double timeoutShare) {
    return dir -> {
      SplittableRandom r = new SplittableRandom(seed);
      StringBuilder b = new StringBuilder("user_id,role,task,time,encounter_id,visit_start,visit_end\n");
      for (int k = 0; k < requests; k++) {
        long start = YEAR_START.getEpochSecond() + (k / 60) * 86_400L + 8 * 3600 + 60L * r.nextInt(8 * 60);
        long end = start + 60L * (20 + r.nextInt(21));
        String enc = String.format(Locale.ROOT, "PA%07d", k + 1);
        String nurse = "N" + (1 + r.nextInt(6));
        String visit = "," + enc + "," + Instant.ofEpochSecond(start) + "," + Instant.ofEpochSecond(end) + "\n";
        long during = start + 60L * (5 + r.nextInt(10));
        if (r.nextDouble() < timeoutShare) {
          String[] w = PRIOR_AUTH_WORKAROUNDS.get(r.nextInt(PRIOR_AUTH_WORKAROUNDS.size()));
          String user = w[1].equals("nurse") ? nurse : w[1].substring(0, 2).toUpperCase(Locale.ROOT) + (1 + r.nextInt(3));
          long after = end + 60L * (30 + r.nextInt(48 * 60 - 30));
          b.append(nurse).append(",nurse,ehr_timeout,").append(Instant.ofEpochSecond(during)).append(visit);
          b.append(user).append(',').append(w[1]).append(',').append(w[0]).append(',').append(Instant.ofEpochSecond(after)).append(visit);
          b.append(user).append(',').append(w[1]).append(",prior_auth_submit,").append(Instant.ofEpochSecond(after + 600)).append(visit);
        } else {
          b.append(nurse).append(",nurse,prior_auth_submit,").append(Instant.ofEpochSecond(during)).append(visit);
        }
      }
      Files.writeString(dir.resolve("prior_auth.csv"), b, StandardCharsets.UTF_8);
    };
  }

  /** A model input for the feature file: its timestamp column and how long before the prediction its values are recorded. */
  record Input(String column, int maxLagMinutes, int futureValues) {}

  /**
   * The feature file for item 1: {@code rows} prediction times a day apart from the start of the year,
   * and per input a source timestamp uniformly 1 to {@code maxLagMinutes} minutes earlier — except the
   * first {@code futureValues} rows, recorded 2 hours after the prediction (leakage).
   */
  static Part features(long seed, int rows, Input... inputs) {
    return dir -> {
      SplittableRandom r = new SplittableRandom(seed);
      try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("features.csv"), StandardCharsets.UTF_8)) {
        StringBuilder h = new StringBuilder("time");
        for (Input in : inputs) h.append(',').append(in.column());
        w.write(h + "\n");
        for (int i = 0; i < rows; i++) {
          long t = YEAR_START.getEpochSecond() + i * 86_400L + 3600L * (i % 24);
          StringBuilder b = new StringBuilder(Instant.ofEpochSecond(t).toString());
          for (Input in : inputs) {
            long lag = i < in.futureValues() ? -7200 : 60L * (1 + r.nextInt(in.maxLagMinutes()));
            b.append(',').append(Instant.ofEpochSecond(t - lag));
          }
          w.write(b + "\n");
        }
      }
    };
  }

  /**
   * Case 7's refill-due visits: 10,600 over 30 days (about 353 a day), the non-adherence model of case 5
   * (20% miss the refill, separation 2.0), the missed refill recorded 7 days after the visit.
   */
  static Part pharmacyVisits() {
    return visits(new ScoredVisits.Settings(10_600, 701, YEAR_START, 30, 0.2, 2.0, "missed_refill"), 7 * 86_400L);
  }

  static Recipe recipe(String key, Part... parts) {
    return new Recipe(key, List.of(parts));
  }

  static final Input LACTATE = new Input("lactate_time", 360, 0);
  static final Input VITALS = new Input("vitals_time", 60, 0);
  static final Input UNIT = new Input("unit_time", 1440, 0);

  static final List<CaseLibrary.Case> CASES = cases();

  private static List<CaseLibrary.Case> cases() {
    List<CaseLibrary.Case> c = new ArrayList<>();
    c.add(new CaseLibrary.Case("01-sepsis-alert", "Sepsis alert, 89% accurate, rejected",
        recipe("sepsis original 3000 s101", sepsis(inpatient(3000, 101, SepsisCohort.Model.ORIGINAL)))));
    c.add(new CaseLibrary.Case("01b-sepsis-redesigned", "Sepsis alert redesigned: two signals inside a context window",
        recipe("sepsis redesigned 8000 s102 with bedside inputs and attribute times; readings 400 -150ms", sepsis(inpatient(8000, 102, SepsisCohort.Model.REDESIGNED)),
            readings(400, 102, -150))));
    c.add(new CaseLibrary.Case("02-dermatology-triage", "Dermatology triage: 18 unnecessary referrals per 100 patients",
        recipe("visits 5000 s201 p0.30 d2.0", visits(new ScoredVisits.Settings(5000, 201, YEAR_START, 30, 0.30, 2.0, "specialist_finding")))));
    c.add(new CaseLibrary.Case("03-prior-authorization", "Prior authorization automation trained on the 14 EHR-timeout workarounds",
        recipe("prior-auth 1500 s301 t0.65", priorAuthLog(1500, 301, 0.65))));
    c.add(new CaseLibrary.Case("04-diabetes-risk", "Diabetes risk model built from interviews: 68% of assessments happen after the visit",
        recipe("audit 2000 s401", clinicAudit(2000, 401))));
    c.add(new CaseLibrary.Case("05-medication-adherence", "Medication adherence alert that was really measuring housing instability",
        recipe("visits 3000 s501 p0.2 d2.0", visits(new ScoredVisits.Settings(3000, 501, YEAR_START, 90, 0.20, 2.0, "missed_refill")))));
    c.add(new CaseLibrary.Case("06-radiology-ai", "Radiology AI: +0.4 s per image, 80 s per session",
        recipe("readings 300 +400ms s601", readings(300, 601, 400))));
    c.add(new CaseLibrary.Case("07a-pharmacist-alerts", "Pharmacist alerts: 47 a day each, 89% ignored",
        recipe("visits 10600 s701 d30 p0.2 d2.0 +7d", pharmacyVisits())));
    c.add(new CaseLibrary.Case("07b-pharmacist-alerts-batched", "Pharmacist alerts batched with one-click actions",
        recipe("visits 10600 s701 d30 p0.2 d2.0 +7d; outages 4x60; features", pharmacyVisits(), outages("EHR", 4, 60),
            features(702, 200, new Input("refill_history_time", 1440, 0), new Input("dispense_time", 1440, 0)))));
    c.add(new CaseLibrary.Case("08a-icu-transfer", "ICU transfer prediction: every input timestamped",
        recipe("sepsis redesigned 18000 s801 with bedside inputs and attribute times; readings 400 -150ms", sepsis(inpatient(18000, 801, SepsisCohort.Model.REDESIGNED)),
            readings(400, 801, -150))));
    c.add(new CaseLibrary.Case("08b-mental-health-chatbot", "Mental-health chatbot: self-reported inputs",
        recipe("features self-report", features(802, 200, new Input("phq9_time", 10080, 0), new Input("mood_time", 1440, 0)))));
    c.add(new CaseLibrary.Case("09a-fall-risk-gait-camera", "Fall risk from gait video: camera data outside the record",
        recipe("features gait", features(901, 200, new Input("gait_video_time", 30, 0), VITALS))));
    c.add(new CaseLibrary.Case("09b-fall-risk-bed-exit", "Fall risk from bed-exit sensors: lower accuracy, auditable",
        recipe("features bed-exit", features(902, 200, new Input("bed_exit_time", 30, 0), VITALS))));
    c.add(new CaseLibrary.Case("10a-readmission-case-managers", "Readmission model that hands case managers a list and no tools",
        recipe("visits 4000 s1001 d2.0; work 600", visits(new ScoredVisits.Settings(4000, 1001, YEAR_START, 90, 0.15, 2.0, "readmission")),
            dischargeWork(600, 1001))));
    c.add(new CaseLibrary.Case("10b-readmission-zip-code", "Readmission risk from ZIP code: redlining with better math",
        recipe("visits 4000 s1002 d2.0", visits(new ScoredVisits.Settings(4000, 1002, YEAR_START, 90, 0.15, 2.0, "readmission")))));
    c.add(new CaseLibrary.Case("11-er-triage-tradeoff", "ER triage: waits 18% shorter, admission errors up 3 points",
        recipe("pilot 3000 s1101 0.82 0.04-0.07", triagePilot(new TriagePilot.Settings(3000, 1101, 62, 0.82, 0.04, 0.07)))));
    c.add(new CaseLibrary.Case("12-triage-downtime", "Triage tool that crashed at peak hours with no manual process",
        recipe("sepsis original 6000 s1201 with bedside inputs and attribute times", sepsis(inpatient(6000, 1201, SepsisCohort.Model.ORIGINAL)))));
    c.add(new CaseLibrary.Case("12b-triage-downtime-fallback", "The same triage tool once a paper fallback exists",
        recipe("sepsis original 6000 s1201 with bedside inputs and attribute times", sepsis(inpatient(6000, 1201, SepsisCohort.Model.ORIGINAL)))));
    c.add(new CaseLibrary.Case("12c-triage-downtime-qsofa", "The same triage tool with qSOFA as its paper fallback: too few of its detections",
        recipe("sepsis original 6000 s1201 with bedside inputs and attribute times", sepsis(inpatient(6000, 1201, SepsisCohort.Model.ORIGINAL)))));
    c.add(new CaseLibrary.Case("13-sepsis-after-launch", "After the launch: a surge breaches the approved alert's volume guardrail",
        recipe("sepsis redesigned 8000 s102; readings 400 -150ms; features; live 8000 s1302 surge-by-time 2026-07-02 56d keep0.65 +1.0 drift0.4"
            + " lactate-gap 2026-04-23 7d; live features",
            sepsis(inpatient(8000, 102, SepsisCohort.Model.REDESIGNED)), readings(400, 102, -150), features(102, 400, LACTATE, VITALS, UNIT),
            postLaunch(inpatient(8000, 1302, SepsisCohort.Model.REDESIGNED).withStart(LIVE_START),
                new org.tollgate.cohort.PostLaunchShift(Instant.parse("2026-07-02T00:00:00Z"), 56, 0.65, 1.0, 0.4, 1302,
                    Instant.parse("2026-04-23T00:00:00Z"), 7)))));
    return List.copyOf(c);
  }
}
