package org.tollgate.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.InputRecord;

/** The summary file (v2) carries the features table's per-period figures and its provenance; a v1 file is refused by name. */
class SummaryFileTest {
  static final InputRecord IN = new InputRecord("live/scores.parquet", "parquet", "ab", 100, 0, ColumnMapping.defaults());

  @Test
  void featureSummariesAndTheirProvenanceSurviveTheFile() {
    List<PeriodSummary> p = Summarizer.withFeatures(List.of(FeatureDriftTest.period(FeatureDriftTest.T0)),
        FeatureDriftTest.log(FeatureDriftTest.T0 + 3600, FeatureDriftTest.values(10, 20), FeatureDriftTest.values(10, 0)));
    InputRecord features = new InputRecord("live/features.parquet", "parquet", "cd", 120, 0, ColumnMapping.defaults());
    SummaryFile f = new SummaryFile("plain", "sepsis_onset", 720, FeatureDriftTest.T0 + 86_400, 0, 3600, IN, IN, features, p);
    SummaryFile back = SummaryFile.read(new ByteArrayInputStream(bytes(f)), "live.tgm");
    assertEquals(p, back.periods());
    assertEquals(features, back.features());
    assertEquals(20, back.periods().get(0).features().get(0).missing(), "heart_rate's missing rows");
  }

  @Test
  void aVersionOneFileIsRefusedNamingBothVersions() {
    byte[] b = bytes(new SummaryFile("plain", "sepsis_onset", 720, 0, 0, 3600, IN, IN, List.of()));
    b[12] = 1; // the version int after the 9 magic bytes: 0, 0, 0, 1
    BadInputException e = assertThrows(BadInputException.class, () -> SummaryFile.read(new ByteArrayInputStream(b), "old.tgm"));
    assertTrue(e.getMessage().contains("old.tgm") && e.getMessage().contains("version 1 is not supported; this tollgate reads version 2"), e.getMessage());
  }

  @Test
  void periodsWithFeaturesNeedTheFeaturesTablesProvenance() {
    List<PeriodSummary> p = Summarizer.withFeatures(List.of(FeatureDriftTest.period(FeatureDriftTest.T0)),
        FeatureDriftTest.log(FeatureDriftTest.T0 + 3600, FeatureDriftTest.values(1, 0), FeatureDriftTest.values(1, 0)));
    assertThrows(IllegalArgumentException.class, () -> new SummaryFile("plain", "sepsis_onset", 720, 0, 0, 3600, IN, IN, p));
  }

  private static byte[] bytes(SummaryFile f) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      f.write(out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
