package org.tollgate.alerts;

import java.util.ArrayList;
import java.util.List;
import org.tollgate.format.Units;

/**
 * Clinical burden math as a calculator: every step is shown with its numbers in the formula, so a
 * reader can check it by hand. Two forms:
 * <ul>
 *   <li>{@link #ofAlerts}: alerts per day × minutes per alert → minutes per day, FTE, cost per month and year;
 *       with a share ignored, the minutes spent on ignored alerts;
 *   <li>{@link #ofRate}: unnecessary events per 100 patients × patient volume per year × minutes each × hourly rate → annual cost
 *       (the dermatology referral arithmetic).
 * </ul>
 * FTE uses hours per FTE-year (default 2,080): minutes/day × 365 / 60 / hours. The essay's
 * "216 minutes per day = 1.8 FTE" does not hold: 216 × 365 / 60 / 2,080 = 0.63 FTE.
 */
public final class Burden {
  /** One line of the calculation. */
  public record Step(String quantity, String formula, double value, String unit) {
    public String render() {
      return quantity + " = " + formula + " = " + Units.figure(value) + " " + unit;
    }
  }

  private Burden() {}

  /**
   * @param alertsPerDay alerts (or referrals, or any unit of work) per day
   * @param minutesPerAlert staff minutes each takes
   * @param hourlyRate loaded hourly cost of that staff
   * @param hoursPerFte hours per FTE-year
   * @param shareIgnored share of alerts ignored (0–1), or NaN when unknown
   */
  public static List<Step> ofAlerts(double alertsPerDay, double minutesPerAlert, double hourlyRate, double hoursPerFte, double shareIgnored) {
    check(alertsPerDay >= 0, "alerts per day must be ≥ 0");
    check(minutesPerAlert >= 0, "minutes per alert must be ≥ 0");
    check(hourlyRate >= 0, "hourly rate must be ≥ 0");
    check(hoursPerFte > 0, "hours per FTE-year must be > 0");
    List<Step> s = new ArrayList<>();
    double minutes = alertsPerDay * minutesPerAlert;
    s.add(new Step("labor minutes per day", Units.figure(alertsPerDay) + " alerts/day × " + Units.figure(minutesPerAlert) + " min/alert", minutes, "min/day"));
    double hoursYear = minutes * 365 / 60;
    s.add(new Step("labor hours per year", Units.figure(minutes) + " min/day × 365 days / 60 min/h", hoursYear, "h/year"));
    s.add(new Step("FTE", Units.figure(hoursYear) + " h/year / " + Units.figure(hoursPerFte) + " h per FTE-year", hoursYear / hoursPerFte, "FTE"));
    double month = minutes / 60 * hourlyRate * 365 / 12;
    s.add(new Step("cost per month", Units.figure(minutes) + " min/day / 60 × " + Units.money(hourlyRate) + "/h × 365/12 days", month, "$/month"));
    // the month's cost as the step above printed it (Units.figure, not whole dollars), so the product checks by hand
    s.add(new Step("cost per year", "$" + Units.figure(month) + "/month × 12", month * 12, "$/year"));
    if (!Double.isNaN(shareIgnored)) {
      check(shareIgnored >= 0 && shareIgnored <= 1, "share ignored must be in [0, 1]");
      double ignored = alertsPerDay * shareIgnored;
      s.add(new Step("ignored alerts per day", Units.figure(alertsPerDay) + " alerts/day × " + Units.figure(shareIgnored), ignored, "alerts/day"));
      s.add(new Step("minutes on ignored alerts per day", Units.figure(ignored) + " alerts/day × " + Units.figure(minutesPerAlert) + " min/alert", ignored * minutesPerAlert, "min/day"));
    }
    return s;
  }

  /**
   * @param per100 unnecessary events per 100 patients
   * @param patientsPerYear patient volume per year
   * @param minutesEach staff minutes each event takes
   * @param hourlyRate loaded hourly cost of that staff
   * @param hoursPerFte hours per FTE-year
   */
  public static List<Step> ofRate(double per100, double patientsPerYear, double minutesEach, double hourlyRate, double hoursPerFte) {
    check(per100 >= 0, "events per 100 patients must be ≥ 0");
    check(patientsPerYear >= 0, "patients per year must be ≥ 0");
    check(minutesEach >= 0, "minutes each must be ≥ 0");
    check(hourlyRate >= 0, "hourly rate must be ≥ 0");
    check(hoursPerFte > 0, "hours per FTE-year must be > 0");
    List<Step> s = new ArrayList<>();
    double events = per100 / 100 * patientsPerYear;
    s.add(new Step("events per year", Units.figure(per100) + " per 100 patients × " + Units.figure(patientsPerYear) + " patients/year / 100", events, "events/year"));
    double hours = events * minutesEach / 60;
    s.add(new Step("staff hours per year", Units.figure(events) + " events × " + Units.figure(minutesEach) + " min / 60", hours, "h/year"));
    s.add(new Step("FTE", Units.figure(hours) + " h/year / " + Units.figure(hoursPerFte) + " h per FTE-year", hours / hoursPerFte, "FTE"));
    s.add(new Step("cost per year", Units.figure(hours) + " h × " + Units.money(hourlyRate) + "/h", hours * hourlyRate, "$/year"));
    s.add(new Step("events per month", Units.figure(events) + " events/year / 12", events / 12, "events/month"));
    return s;
  }

  private static void check(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException(message);
  }

}
