package org.tollgate.ingest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.Workflow;
import org.tollgate.data.BadInputException;

class PolicyFileTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void readsTheIssueExample() throws IOException {
    Path p = write("policy.yaml", """
        policies:
          - name: dual-signal
            threshold: 0.6
            persistence: 2                 # the k most recent scores of the encounter are all >= threshold
            confirm: {type: lactate, at_least: 2.0, within_minutes: 240}
            suppress_during: [procedure]
            refire_after_minutes: 720
            max_alerts_per_encounter: 3
            digest_minutes: 60
          - threshold: 0.3
        outcome: {type: sepsis_onset, horizon_minutes: 720}
        """);
    PolicyFile.Contents c = PolicyFile.read(p);
    AlertPolicy a = c.policies().get(0);
    assertEquals(new AlertPolicy("dual-signal", 0.6, 2, new AlertPolicy.Confirm("lactate", 2.0, 240), List.of("procedure"), 720, 3, 60), a);
    assertEquals(AlertPolicy.threshold("policy-2", 0.3), c.policies().get(1));
    assertEquals("sepsis_onset", c.outcome().type());
    assertEquals(720, c.outcome().horizonMinutes());
    assertNull(c.search());
  }

  @Test
  void zeroWindowIsRefusedWithLineAndKey() throws IOException {
    Path p = write("policy.yaml", """
        policies:
          - name: a
            threshold: 0.6
            confirm: {type: lactate, at_least: 2.0, within_minutes: 0}
        outcome: {type: sepsis_onset, horizon_minutes: 720}
        """);
    BadInputException e = assertThrows(BadInputException.class, () -> PolicyFile.read(p));
    assertEquals(p + ": line 4, column 'policies[0].confirm.within_minutes': must be greater than 0, got 0", e.getMessage());
  }

  @Test
  void negativeRefireIsRefused() throws IOException {
    Path p = write("policy.yaml", "policies:\n  - threshold: 0.5\n    refire_after_minutes: -5\noutcome: {type: x}\n");
    BadInputException e = assertThrows(BadInputException.class, () -> PolicyFile.read(p));
    assertEquals(p + ": line 3, column 'policies[0].refire_after_minutes': must be greater than 0, got -5", e.getMessage());
  }

  @Test
  void unknownKeyIsATypoNotSilence() throws IOException {
    Path p = write("policy.yaml", "policies:\n  - threshold: 0.5\n    refire_minutes: 60\noutcome: {type: x}\n");
    BadInputException e = assertThrows(BadInputException.class, () -> PolicyFile.read(p));
    assertEquals(p + ": line 3, column 'policies[0].refire_minutes': unknown key 'refire_minutes'; allowed keys are "
        + "[confirm, digest_minutes, max_alerts_per_encounter, name, persistence, refire_after_minutes, suppress_during, threshold]", e.getMessage());
  }

  @Test
  void nonNumericThresholdNamesTheValue() throws IOException {
    Path p = write("policy.yaml", "policies:\n  - threshold: high\noutcome: {type: x}\n");
    BadInputException e = assertThrows(BadInputException.class, () -> PolicyFile.read(p));
    assertEquals(p + ": line 2, column 'policies[0].threshold': must be a number, got 'high'", e.getMessage());
  }

  @Test
  void brokenYamlGivesTheLine() throws IOException {
    Path p = write("policy.yaml", "policies:\n  - threshold: 0.5\n   bad indent: [\noutcome: {type: x}\n");
    BadInputException e = assertThrows(BadInputException.class, () -> PolicyFile.read(p));
    assertEquals(true, e.getMessage().startsWith(p + ": line "), e.getMessage());
    assertEquals(true, e.getMessage().contains("not valid YAML"), e.getMessage());
  }

  @Test
  void missingOutcomeIsExplained() throws IOException {
    Path p = write("policy.yaml", "policies:\n  - threshold: 0.5\n");
    BadInputException e = assertThrows(BadInputException.class, () -> PolicyFile.read(p));
    assertEquals(p + ": line 1: missing 'outcome' (e.g. outcome: {type: sepsis_onset, horizon_minutes: 720})", e.getMessage());
  }

  @Test
  void workflowDefaultsAndResponseCurve() throws IOException {
    Path p = write("workflow.yaml", """
        role: bedside nurse
        minutes_per_alert: 1.8
        hourly_rate: 45
        census: 120
        response:
          alerts_per_shift: [0, 10]
          probability_acted_on: [0.9, 0.1]
        """);
    Workflow w = WorkflowFile.read(p);
    assertEquals(2080, w.hoursPerFte());
    assertEquals(12, w.shiftHours());
    assertEquals(24, w.staffPerShift());
    assertEquals(0.5, w.response().at(5), 1e-12);
  }

  /** A pharmacy has no census: the staff on duty are given directly. */
  @Test
  void workflowWithoutCensusUsesTheStaffOnDuty() throws IOException {
    Path p = write("workflow.yaml", "role: pharmacist\nminutes_per_alert: 3\nhourly_rate: 70\nnurses_per_shift: 2\nshift_hours: 8\n");
    Workflow w = WorkflowFile.read(p);
    assertEquals(null, w.census());
    assertEquals(2, w.staffPerShift());
    assertEquals(8, w.shiftHours());
  }

  @Test
  void workflowNeedsMinutesAndRate() throws IOException {
    Path p = write("workflow.yaml", "role: nurse\nhourly_rate: 45\n");
    BadInputException e = assertThrows(BadInputException.class, () -> WorkflowFile.read(p));
    assertEquals(p + ": line 1: missing 'minutes_per_alert'", e.getMessage());
  }
}
