package org.tollgate.evaluation;

import java.util.List;
import org.tollgate.data.InputRecord;

/**
 * The result of one evaluation, safe to print (small cells already suppressed).
 *
 * @param input provenance of the data (null when built from a summary)
 * @param settings the settings used
 * @param per whether cases are encounters or rows
 * @param combine how an encounter's scores were combined (meaningful per encounter)
 * @param days observed span of the score times in days (NaN without a time column)
 * @param rawOverall the overall confusion counts before suppression — for rules such as the launch
 *     gate's accuracy check, never for printing (writers use {@link #overall()})
 */
public record Evaluation(
    InputRecord input,
    EvaluationSettings settings,
    Cases.Per per,
    Cases.Combine combine,
    double days,
    StratumResult overall,
    List<StratumResult> strata,
    List<Disparity> disparities,
    List<SweepPoint> sweep,
    List<OperatingPoint> operatingPoints,
    List<CalibrationBin> calibration,
    List<String> warnings,
    Confusion rawOverall) {

  /**
   * True when the scores are on their own (raw) scale: thresholds are in the score's units, and calibration, the Brier
   * score and net benefit are undefined (not computed; {@link org.tollgate.data.ColumnMapping.ScoreScale#RAW_OMITS} says why).
   */
  public boolean rawScale() {
    return Evaluator.rawScale(input);
  }
}
