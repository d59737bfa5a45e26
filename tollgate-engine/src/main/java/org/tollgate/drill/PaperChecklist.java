package org.tollgate.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.Outcome;

/**
 * An alert policy as a paper checklist anyone can follow when the system is down: the same conditions,
 * in the same order, in plain words. Rendered to HTML (and PDF by the app) on one printable page.
 */
public record PaperChecklist(String title, List<String> conditions, String action, List<String> notes) {

  public static PaperChecklist of(AlertPolicy p, Outcome outcome, String notifyRole) {
    List<String> c = new ArrayList<>();
    String who = notifyRole == null || notifyRole.isBlank() ? "the responsible clinician" : notifyRole;
    c.add(p.persistence() == 1
        ? "The risk score is " + num(p.threshold()) + " or higher."
        : "The risk score is " + num(p.threshold()) + " or higher on " + words(p.persistence()) + " consecutive readings.");
    if (p.confirm() != null) {
      String value = Double.isInfinite(p.confirm().atLeast()) ? "a " + p.confirm().type() + " result"
          : "a " + p.confirm().type() + " result of " + num(p.confirm().atLeast()) + " or higher";
      c.add("There is " + value + " in the last " + duration(p.confirm().withinMinutes()) + ".");
    }
    for (String ctx : p.suppressDuring()) {
      c.add("The patient is not in a " + ctx.replace('_', ' ') + " right now.");
    }
    StringBuilder action = new StringBuilder("If every box is ticked: notify " + who + " now");
    if (p.refireAfterMinutes() == null) {
      action.append(", once per stay");
    } else {
      action.append("; do not notify again for this patient within ").append(duration(p.refireAfterMinutes()));
    }
    if (p.maxAlertsPerEncounter() != null) {
      action.append(" (at most ").append(p.maxAlertsPerEncounter()).append(" times per stay)");
    }
    action.append('.');
    List<String> notes = new ArrayList<>();
    if (p.digestMinutes() != null) {
      notes.add("During downtime, notify at once; the " + duration(p.digestMinutes()) + " digest applies only when the system is up.");
    }
    notes.add("Record the time of each notification on the patient's paper record.");
    notes.add("The alert is meant to come before " + outcome.type().replace('_', ' ') + ", up to " + duration(outcome.horizonMinutes()) + " ahead.");
    notes.add("When the system returns, enter the paper notifications so alerts are not repeated.");
    return new PaperChecklist("Downtime checklist: " + p.name(), c, action.toString(), notes);
  }

  /** One line, e.g. "score ≥ 0.6 on two consecutive readings AND lactate ≥ 2 in the last 4 h AND not in a procedure → notify ...". */
  public String oneLine() {
    return String.join(" AND ", conditions.stream().map(s -> s.replaceAll("\\.$", "")).toList()) + " → " + action;
  }

  static String num(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%s", stripZeros(v));
  }

  private static String stripZeros(double v) {
    return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  static String duration(int minutes) {
    if (minutes % 60 == 0) {
      int h = minutes / 60;
      return h == 1 ? "1 hour" : h + " hours";
    }
    return minutes + " minutes";
  }

  private static String words(int k) {
    return switch (k) {
      case 2 -> "two";
      case 3 -> "three";
      case 4 -> "four";
      default -> Integer.toString(k);
    };
  }
}
