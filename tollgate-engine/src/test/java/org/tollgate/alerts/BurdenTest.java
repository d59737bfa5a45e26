package org.tollgate.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The essay's arithmetic, checked by hand. */
class BurdenTest {

  /** "1.8 minutes … 120 beds … 216 minutes per day — 1.8 FTE": 216 min/day is 0.63 FTE at 2,080 h/yr. */
  @Test
  void essaysNurseAlertArithmeticGives216MinutesAnd0point63Fte() {
    List<Burden.Step> s = Burden.ofAlerts(120, 1.8, 45, 2080, Double.NaN);
    assertEquals(216, s.get(0).value(), 1e-9);
    assertEquals("labor minutes per day = 120 alerts/day × 1.8 min/alert = 216 min/day", s.get(0).render());
    assertEquals(216 * 365 / 60.0, s.get(1).value(), 1e-9); // 1,314 h/yr
    assertEquals(0.6317, s.get(2).value(), 5e-5);
    assertEquals("FTE = 1,314 h/year / 2,080 h per FTE-year = 0.632 FTE", s.get(2).render());
    // 216 / 60 × 45 × 365/12 = 4,927.5 $/month
    assertEquals(4927.5, s.get(3).value(), 1e-9);
  }

  /** "47 alerts per day and ignore 89% of them": 41.83 ignored alerts/day. */
  @Test
  void pharmacistAlertsIgnoredShare() {
    List<Burden.Step> s = Burden.ofAlerts(47, 1.0, 60, 2080, 0.89);
    assertEquals(41.83, s.get(5).value(), 1e-9);
    assertEquals(41.83, s.get(6).value(), 1e-9);
  }

  /** 18 unnecessary referrals per 100 patients × 60,000 patients × 30 min × $425/h = $2,295,000 a year. */
  @Test
  void dermatologyReferralsReachTheEssaysTwoPointThreeMillion() {
    List<Burden.Step> s = Burden.ofRate(18, 60000, 30, 425, 2080);
    assertEquals(10800, s.get(0).value(), 1e-9);
    assertEquals(5400, s.get(1).value(), 1e-9);
    assertEquals(2_295_000, s.get(3).value(), 1e-6);
    assertEquals(900, s.get(4).value(), 1e-9);
  }

  @Test
  void workflowEconomicsFollowTheFormulas() {
    PolicyCounts c = new PolicyCounts();
    c.alerts = 3600; // over 30 days → 120/day
    c.falseAlerts = 3000; // 100/day
    c.timely = 600;
    c.detected = 50;
    c.outcomeEncounters = 100;
    Workflow w = new Workflow("nurse", 1.8, 45, 2080, 120.0, null, 5, 12, null, 2000.0, null);
    PolicyReport r = PolicyReport.of(AlertPolicy.threshold("p", 0.5), c, 30, 3600, w);
    assertEquals(120, r.alertsPerDay(), 1e-12);
    assertEquals(216, r.laborMinutesPerDay(), 1e-9);
    assertEquals(216 * 365 / 60.0 / 2080, r.fte(), 1e-12);
    // false: 100/day × 1.8 = 180 min/day → 180/60 × 45 × 365/12 = 4,106.25
    assertEquals(4106.25, r.falseAlertCostPerMonth(), 1e-9);
    // 120 alerts/day over 2 shifts and 120/5 = 24 nurses → 2.5 per nurse per shift
    assertEquals(2.5, r.alertsPerStaffPerShift(), 1e-12);
    assertEquals(3600 / 3600.0 * 100, r.alertsPer100PatientDays(), 1e-12);
    assertEquals(0.5, r.sensitivity(), 0);
    assertEquals(600 / 3600.0, r.alertPpv(), 1e-15);
    assertEquals(72, r.workupToDetection(), 0);
    // net benefit: 50/30 × 365/12 × 2000 − 216/60 × 45 × 365/12
    assertEquals(50 / 30.0 * 365 / 12 * 2000 - 4927.5, r.netBenefitPerMonth(), 1e-6);
  }

  @Test
  void responseCurveInterpolatesLinearlyAndIsFlatBeyondItsEnds() {
    ResponseCurve c = new ResponseCurve(new double[] {0, 10, 20}, new double[] {0.9, 0.5, 0.1});
    assertEquals(0.9, c.at(-1), 0);
    assertEquals(0.7, c.at(5), 1e-12);
    assertEquals(0.5, c.at(10), 0);
    assertEquals(0.1, c.at(40), 0);
  }

  @Test
  void responseModelGivesExpectedActedOnDetections() {
    PolicyCounts c = new PolicyCounts();
    c.alerts = 47 * 10;
    c.timely = 50;
    c.detected = 40;
    c.falseAlerts = 420;
    Workflow w = new Workflow("pharmacist", 1.0, 60, 2080, null, 1.0, 5, 24, null, null,
        new ResponseCurve(new double[] {0, 47}, new double[] {1.0, 0.12}));
    PolicyReport r = PolicyReport.of(AlertPolicy.threshold("p", 0.5), c, 10, 100, w);
    assertEquals(47, r.alertsPerStaffPerShift(), 1e-12);
    assertEquals(0.12, r.probabilityActedOn(), 1e-12);
    assertEquals(40 * 0.12, r.expectedActedOnDetections(), 1e-12);
    assertEquals(47 - 0.12 * 5, r.wastedMinutesPerDay(), 1e-12);
  }

  /** A digest batches its alerts: the response model sees at most one interruption per digest. */
  @Test
  void aDigestIsOneInterruptionOnTheResponseCurve() {
    PolicyCounts c = new PolicyCounts();
    c.alerts = 47 * 3 * 10; // 141 a day over 10 days: 47 per pharmacist per 8-hour shift, one on duty
    c.timely = 300;
    c.detected = 280;
    c.falseAlerts = 1110;
    Workflow w = new Workflow("pharmacist", 1.0, 60, 2080, null, 1.0, 5, 8, null, null, ResponseCurve.defaultCurve());
    AlertPolicy now = AlertPolicy.threshold("now", 0.5);
    AlertPolicy digest = new AlertPolicy("digest", 0.5, 1, null, List.of(), null, null, 90);
    PolicyReport a = PolicyReport.of(now, c, 10, 100, w);
    PolicyReport b = PolicyReport.of(digest, c, 10, 100, w);
    // at once: 47 interruptions a shift, beyond the default curve's last point (24 → 0.1)
    assertEquals(47, a.interruptionsPerStaffPerShift(), 1e-12);
    assertEquals(0.1, a.probabilityActedOn(), 1e-12);
    // 90-minute digests in an 8-hour shift: 480 / 90 = 5.333 interruptions; curve between (2, 0.9) and (6, 0.6):
    // 0.9 − (5.333 − 2) / 4 × 0.3 = 0.65
    assertEquals(47, b.alertsPerStaffPerShift(), 1e-12);
    assertEquals(480 / 90.0, b.interruptionsPerStaffPerShift(), 1e-12);
    assertEquals(0.65, b.probabilityActedOn(), 1e-12);
    assertEquals(280 * 0.65, b.expectedActedOnDetections(), 1e-9);
    // the same alerts cost the same minutes: batching changes who acts, not the count
    assertEquals(a.falseAlertCostPerMonth(), b.falseAlertCostPerMonth(), 0);
    // a digest slower than the alerts arrive does not add interruptions
    AlertPolicy sparse = new AlertPolicy("d", 0.5, 1, null, List.of(), null, null, 5);
    c.alerts = 30; // 3 a day, 1 a shift
    assertEquals(1, PolicyReport.of(sparse, c, 10, 100, w).interruptionsPerStaffPerShift(), 1e-12);
  }
}
