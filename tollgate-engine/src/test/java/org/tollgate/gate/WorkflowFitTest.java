package org.tollgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tollgate.behavior.BehaviorReport;
import org.tollgate.behavior.BehaviorReport.Cell;
import org.tollgate.evaluation.Stats;
import org.tollgate.gate.ItemResult.Status;

/** The workflow-fit rule on a behavioral map written by hand: 100 assessments, 10 before, 22 during, 68 after. */
class WorkflowFitTest {
  static Cell cell(long x, long n) {
    return new Cell(x, Stats.wilson(x, n), false);
  }

  /** 54 of the 100 by staff without clinical credentials; 51 of the 68 after-visit ones. */
  static BehaviorReport.TaskMap task() {
    return new BehaviorReport.TaskMap("risk_assessment", cell(100, 100), new BehaviorReport.Timing(cell(10, 100), cell(22, 100), cell(68, 100)),
        BehaviorReport.Delay.WITHHELD, List.of(), cell(46, 100), cell(54, 100), cell(0, 100), cell(51, 68));
  }

  @Test
  void aToolDesignedForTheVisitFailsWhenMostWorkHappensAfterIt() {
    // Wilson 22/100: 0.1494 to 0.3112, wholly below one half.
    ItemResult r = new WorkflowFit("during", true, task(), null).judge();
    assertEquals(Status.FAIL, r.status());
    assertEquals(0.22, (double) r.evidence().get("share_in_designed_window"), 1e-12);
    assertEquals("rebuild for the workflow that exists: risk_assessment after the visit", r.fix());
    assertEquals("The tool is built for the workflow clinicians describe, not the one the audit log shows: it expects risk_assessment from clinicians during the visit,"
        + " but 68% of risk_assessment events are done after the visit (95% CI 58% to 76%), 75% of those by staff without clinical credentials.", r.flaw());
  }

  @Test
  void theSameMapPassesAToolBuiltForAfterTheVisit() {
    // 68/100 after: Wilson 0.5833 to 0.7626, not below one half; no clinical staff assumed.
    ItemResult r = new WorkflowFit("after", false, task(), null).judge();
    assertEquals(Status.PASS, r.status(), r.reason());
  }

  @Test
  void mostlyNonClinicalStaffFailsAToolThatExpectsClinicians() {
    // Designed for after the visit, but by clinicians: 70 of 100 by non-clinical staff (Wilson 0.6042 to 0.7810, above one half).
    BehaviorReport.TaskMap t = task();
    BehaviorReport.TaskMap nc = new BehaviorReport.TaskMap(t.task(), t.events(), t.timing(), t.afterVisitHours(), t.roles(), cell(30, 100),
        cell(70, 100), cell(0, 100), cell(51, 68));
    ItemResult r = new WorkflowFit("after", true, nc, null).judge();
    assertEquals(Status.FAIL, r.status());
    assertTrue(r.fix().endsWith("by staff without clinical training, with the data they have then"), r.fix());
  }

  @Test
  void withheldCountsAreMissing() {
    BehaviorReport.TaskMap t = task();
    BehaviorReport.TaskMap small = new BehaviorReport.TaskMap(t.task(), t.events(), new BehaviorReport.Timing(Cell.SUPPRESSED, Cell.SUPPRESSED, Cell.SUPPRESSED),
        t.afterVisitHours(), t.roles(), t.clinical(), t.nonClinical(), t.unknownClinical(), t.afterVisitNonClinical());
    assertEquals(Status.MISSING, new WorkflowFit("during", true, small, null).judge().status());
  }
}
