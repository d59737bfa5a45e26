package org.tollgate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;

/** The jobs' options: the command line's names and defaults, and errors that say what is wrong. */
class JobArgsTest {
  @Test
  void mappingUsesTheCommandLinesNamesAndDefaults() {
    JobArgs a = new JobArgs(new String[] {"s3a://lake/scores/", "--by", "sex, age_band", "--score", "risk", "--zone=Europe/Paris",
        "--out", "x.tgs"}, EvaluateJob.OPTIONS);
    ColumnMapping m = a.mapping(a.list("--by"));
    assertEquals("s3a://lake/scores/", a.path());
    assertEquals(List.of("sex", "age_band"), m.attributes());
    assertEquals("risk", m.score());
    assertEquals("patient_id", m.id());
    assertEquals("encounter_id", m.encounter());
    assertEquals(ZoneId.of("Europe/Paris"), m.zone());
    assertEquals(ColumnMapping.ScoreScale.PROBABILITY, m.scoreScale());
  }

  @Test
  void unknownOptionsAndBadValuesAreNamed() {
    BadInputException unknown = assertThrows(BadInputException.class, () -> new JobArgs(new String[] {"--bye", "sex"}, EvaluateJob.OPTIONS));
    assertTrue(unknown.getMessage().contains("--bye"), unknown.getMessage());
    JobArgs zone = new JobArgs(new String[] {"--zone", "Mars/Olympus"}, EvaluateJob.OPTIONS);
    BadInputException z = assertThrows(BadInputException.class, () -> zone.mapping(List.of()));
    assertTrue(z.getMessage().contains("Mars/Olympus"), z.getMessage());
    BadInputException missing = assertThrows(BadInputException.class, () -> new JobArgs(new String[] {"--by"}, EvaluateJob.OPTIONS));
    assertTrue(missing.getMessage().contains("--by needs a value"), missing.getMessage());
    BadInputException per = assertThrows(BadInputException.class, () -> org.tollgate.data.EnumOption.parse(org.tollgate.evaluation.Cases.Per.class, "patient", "--per"));
    assertTrue(per.getMessage().contains("[encounter, row]"), per.getMessage());
  }

  @Test
  void isoTimesWithAndWithoutOffsetFollowTheZone() {
    assertEquals(1740787200L, SparkInput.parseIso("2025-03-01T00:00:00Z", ZoneId.of("UTC")));
    assertEquals(1740787200L - 3600, SparkInput.parseIso("2025-03-01T00:00:00", ZoneId.of("Europe/Paris")));
    assertEquals(1740787200L, SparkInput.parseIso("2025-03-01 01:00:00+01:00", ZoneId.of("UTC")));
    assertEquals(null, SparkInput.parseIso("yesterday", ZoneId.of("UTC")));
  }

  /**
   * --score-scale is read by the command line's one parser: any case, blanks ignored, and a bad value refused in the
   * command line's words (InspectCommandTest expects the same sentence from `tollgate inspect --score-scale logit`).
   */
  @Test
  void scoreScaleIsParsedAsTheCommandLineParsesIt() {
    assertEquals(ColumnMapping.ScoreScale.RAW, new JobArgs(new String[] {"--score-scale", " Raw "}, EvaluateJob.OPTIONS).mapping(List.of()).scoreScale());
    assertEquals(ColumnMapping.ScoreScale.PROBABILITY, new JobArgs(new String[] {}, EvaluateJob.OPTIONS).scoreScale());
    JobArgs bad = new JobArgs(new String[] {"--score-scale", "logit"}, EvaluateJob.OPTIONS);
    BadInputException e = assertThrows(BadInputException.class, () -> bad.mapping(List.of()));
    assertEquals("--score-scale: 'logit' is not a score scale (expected probability or raw)", e.getMessage());
  }
}
