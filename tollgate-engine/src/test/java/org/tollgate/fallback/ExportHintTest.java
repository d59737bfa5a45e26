package org.tollgate.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Item 3's "missing" fix fits the use case: a readmission model's inputs are not vital signs (case 10a). */
class ExportHintTest {

  @Test
  void withTheInputsUnknownTheHintNamesNoVitalSigns() {
    assertEquals("name the model's inputs (review.yaml provenance.inputs) and export those staff can read from the chart without the model as a features "
        + "table (data.features): encounter_id, time, and per input its value and its source time (<input>_time)", Fallback.exportHint());
  }

  @Test
  void aSepsisModelsBedsideInputsAreNamed() {
    assertEquals("export a features table (data.features): encounter_id, time, and the model's bedside inputs heart_rate, lactate, each with its value "
        + "and its source time (<input>_time)", Fallback.exportHint(List.of("heart_rate", "age", "lactate")));
  }

  @Test
  void aReadmissionModelsInputsAreNamedAndTheLimitSaid() {
    assertEquals("none of the model's inputs (prior_admissions, length_of_stay) is a bedside reading the paper-rule search can use: tollgate cannot "
        + "search or measure a paper rule for this model; write the procedure staff follow without it from the chart fields behind those inputs",
        Fallback.exportHint(List.of("prior_admissions", "length_of_stay")));
  }
}
