package org.tollgate.alerts;

/**
 * Who answers the alerts, and what their time costs.
 *
 * @param role staff role that receives alerts (e.g. "bedside nurse")
 * @param minutesPerAlert minutes of that role's time each alert takes
 * @param hourlyRate loaded cost of one hour of that role, in dollars
 * @param hoursPerFte hours in one FTE-year (default 2,080)
 * @param census average occupied beds (patients) on the unit(s), or null
 * @param nursesPerShift staff of the role on duty per shift, or null (then census / patientsPerNurse)
 * @param patientsPerNurse patients per staff member when nursesPerShift is not given (default 5)
 * @param shiftHours shift length in hours (default 12)
 * @param benefitMinutesPerDetection clinician minutes saved per detected case, or null
 * @param benefitDollarsPerDetection dollars of benefit per detected case, or null
 * @param response the human response model, or null when off (the default)
 */
public record Workflow(
    String role,
    double minutesPerAlert,
    double hourlyRate,
    double hoursPerFte,
    Double census,
    Double nursesPerShift,
    double patientsPerNurse,
    double shiftHours,
    Double benefitMinutesPerDetection,
    Double benefitDollarsPerDetection,
    ResponseCurve response) {

  public static final double DEFAULT_HOURS_PER_FTE = 2080;

  public Workflow {
    role = role == null ? "nurse" : role;
    if (!(minutesPerAlert >= 0) || !Double.isFinite(minutesPerAlert)) {
      throw new IllegalArgumentException("minutes_per_alert must be ≥ 0, got " + minutesPerAlert);
    }
    if (!(hourlyRate >= 0) || !Double.isFinite(hourlyRate)) {
      throw new IllegalArgumentException("hourly_rate must be ≥ 0, got " + hourlyRate);
    }
    if (!(hoursPerFte > 0)) {
      throw new IllegalArgumentException("hours_per_fte must be > 0, got " + hoursPerFte);
    }
    if (census != null && !(census > 0)) {
      throw new IllegalArgumentException("census must be > 0, got " + census);
    }
    if (nursesPerShift != null && !(nursesPerShift > 0)) {
      throw new IllegalArgumentException("nurses_per_shift must be > 0, got " + nursesPerShift);
    }
    if (!(patientsPerNurse > 0)) {
      throw new IllegalArgumentException("patients_per_nurse must be > 0, got " + patientsPerNurse);
    }
    if (!(shiftHours > 0 && shiftHours <= 24)) {
      throw new IllegalArgumentException("shift_hours must be in (0, 24], got " + shiftHours);
    }
  }

  /** A profile with the defaults: 2,080 h/FTE, 5 patients per nurse, 12-hour shifts, no benefit, no response model. */
  public static Workflow of(String role, double minutesPerAlert, double hourlyRate, Double census) {
    return new Workflow(role, minutesPerAlert, hourlyRate, DEFAULT_HOURS_PER_FTE, census, null, 5, 12, null, null, null);
  }

  /** Staff of the role on duty per shift, or NaN when neither nurses nor census is known. */
  public double staffPerShift() {
    if (nursesPerShift != null) return nursesPerShift;
    if (census != null) return census / patientsPerNurse;
    return Double.NaN;
  }
}
