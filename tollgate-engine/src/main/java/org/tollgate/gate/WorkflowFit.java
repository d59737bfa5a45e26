package org.tollgate.gate;

import org.tollgate.format.Units;
import java.util.Map;
import org.tollgate.behavior.BehaviorReport;
import org.tollgate.evaluation.Interval;

/**
 * Whether a tool is built for the workflow that exists: behavioral mapping of the EHR audit log (when
 * and by whom the task the tool serves is really done) against when and by whom the review says the
 * tool expects it. The rule fails when the share of the task done in the expected window has a 95%
 * Wilson interval wholly below one half, or, for a tool that expects clinical staff, when the share done
 * by staff without clinical credentials has an interval wholly above one half. The fix is computed
 * from the map: rebuild for the window and the staff that actually do the work.
 *
 * @param designedFor before, during or after the visit
 * @param forClinicalStaff whether the tool expects the task to be done by clinically credentialed staff
 */
public record WorkflowFit(String designedFor, boolean forClinicalStaff, BehaviorReport.TaskMap task, String inputSha256) {

  static final String TITLE = "Built for the workflow that exists (behavioral mapping)";

  ItemResult judge() {
    BehaviorReport.Timing t = task.timing();
    BehaviorReport.Cell expected = cell(t, designedFor);
    if (expected.share() == null || (forClinicalStaff && task.nonClinical().share() == null)) {
      return ItemResult.missing("workflow_fit", TITLE, "the behavioral map withholds the counts needed (too few events of '" + task.task() + "')",
          "collect a longer audit log so every cell reaches the minimum size");
    }
    Map<String, Object> ev = new java.util.LinkedHashMap<>();
    ev.put("task", task.task());
    ev.put("designed_for", designedFor);
    ev.put("share_in_designed_window", expected.share().estimate());
    String most = mostCommon(t);
    Interval mostShare = cell(t, most).share();
    if (mostShare != null) ev.put("share_" + most, mostShare.estimate());
    Interval nonClinical = task.nonClinical().share();
    if (nonClinical != null) ev.put("share_by_non_clinical_staff", nonClinical.estimate());
    if (inputSha256 != null) ev.put("input_sha256", inputSha256);
    boolean timing = expected.share().upper() < 0.5;
    boolean staff = forClinicalStaff && nonClinical.lower() > 0.5;
    BehaviorReport.Cell afterNc = task.afterVisitNonClinical();
    String who = afterNc.share() == null ? "" : ", " + Units.percent(afterNc.share().estimate(), 0) + " of those by staff without clinical credentials";
    if (timing || staff) {
      String fact = Units.percent(mostShare.estimate(), 0) + " of " + task.task() + " events are done " + most + " the visit (95% CI "
          + Units.percent(mostShare.lower(), 0) + " to " + Units.percent(mostShare.upper(), 0) + ")" + (most.equals("after") ? who : "");
      String expects = (forClinicalStaff ? "clinicians " : "staff ") + (designedFor.equals("during") ? "during" : designedFor) + " the visit";
      return ItemResult.fail("workflow_fit", TITLE, "designed for " + expects + ", but " + fact, ev,
          "rebuild for the workflow that exists: " + task.task() + " " + most + " the visit" + (staff ? ", by staff without clinical training, with the data they have then" : ""),
          "The tool is built for the workflow clinicians describe, not the one the audit log shows: it expects " + task.task() + " from " + expects + ", but " + fact + ".");
    }
    return ItemResult.pass("workflow_fit", TITLE, Units.percent(expected.share().estimate(), 0) + " of " + task.task() + " events are done " + designedFor + " the visit, as designed", ev);
  }

  private static String mostCommon(BehaviorReport.Timing t) {
    String best = "during";
    double b = -1;
    for (String w : new String[] {"before", "during", "after"}) {
      Interval s = cell(t, w).share();
      if (s != null && s.estimate() > b) {
        b = s.estimate();
        best = w;
      }
    }
    return best;
  }

  private static BehaviorReport.Cell cell(BehaviorReport.Timing t, String w) {
    return switch (w) {
      case "before" -> t.before();
      case "during" -> t.during();
      default -> t.after();
    };
  }
}
