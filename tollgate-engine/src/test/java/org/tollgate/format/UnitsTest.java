package org.tollgate.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-worked examples of how each unit prints (issue 16: one formatter per unit, used by every writer). */
class UnitsTest {

  @Test
  void moneyIsWholeDollarsFromOneHundredAndKeepsCentsBelowUnlessWhole() {
    assertEquals("$5,000", Units.money(4999.6));
    assertEquals("$100", Units.money(99.996)); // rounds to a whole $100.00, printed whole
    assertEquals("$3.75", Units.money(3.75));
    assertEquals("$12", Units.money(12.0));
    assertEquals("$12", Units.money(12.004));
    assertEquals("$0", Units.money(0));
    assertEquals("$0", Units.money(-0.001)); // no "−$0"
    assertEquals("−$1,250", Units.money(-1250));
    assertEquals("—", Units.money(Double.NaN));
  }

  @Test
  void percentsUseTheMinusSignAndTheAskedDecimals() {
    assertEquals("47.4%", Units.percent(0.4737));
    assertEquals("47%", Units.percent(0.4737, 0));
    assertEquals("−2.5%", Units.percent(-0.025));
    assertEquals("38.0–45.1%", Units.percentRange(0.38, 0.451));
    assertEquals("69–84%", Units.percentRange(0.6871, 0.8404, 0));
    assertEquals("—", Units.percent(Double.POSITIVE_INFINITY, 0));
  }

  @Test
  void settingsPrintAsAPersonWritesThem() {
    assertEquals("387.792", Units.plain(387.7916666666667));
    assertEquals("0.25", Units.plain(0.25));
    assertEquals("60", Units.plain(60.0));
    assertEquals("−0.2", Units.plain(-0.2));
  }

  @Test
  void aSmallRateKeepsTwoSignificantDigitsInsteadOfPrintingZero() {
    assertEquals("13.3", Units.rate(13.26));
    assertEquals("0.023", Units.rate(0.0234));
    assertEquals("0.5", Units.rate(0.5));
    assertEquals("0", Units.rate(0));
  }

  @Test
  void durationsAndCounts() {
    assertEquals("+83.1 s", Units.signedSeconds(83.14));
    assertEquals("−35.4 s", Units.signedSeconds(-35.4));
    assertEquals("216.0 min", Units.minutes(216));
    // below a minute, two significant digits: 0.0321 rounds to 0.032 (not "0.0 min", which says no time at all)
    assertEquals("0.032 min", Units.minutes(0.0321));
    assertEquals("0.25 min", Units.minutes(0.25));
    assertEquals("−0.5 min", Units.minutes(-0.5));
    assertEquals("1.0 min", Units.minutes(1));
    assertEquals("0.0 min", Units.minutes(0));
    assertEquals("0.0 s", Units.seconds(-0.01)); // never "−0.0 s"
    assertEquals("0%", Units.percent(-0.001, 0));
    assertEquals("38,455", Units.count(38455));
    assertEquals("1,234.5", Units.number(1234.5, 1));
  }

  @Test
  void percentRoundsHalfUpToOneHundredAndNeverPrintsMinusZero() {
    assertEquals("100.0%", Units.percent(0.9995)); // 99.95 rounds half up
    assertEquals("99.9%", Units.percent(0.99949));
    assertEquals("0.0%", Units.percent(-0.0004)); // −0.04 rounds to zero: no sign
    assertEquals("−0.1%", Units.percent(-0.0005));
    assertEquals("0.0%", Units.percent(0));
    assertEquals("—", Units.percent(Double.NaN));
  }

  @Test
  void aCountTakesItsNounInTheSingularOnlyForOne() {
    assertEquals("1 week", Units.count(1, "week"));
    assertEquals("2 weeks", Units.count(2, "week"));
    assertEquals("0 weeks", Units.count(0, "week"));
    assertEquals("1,234 patients", Units.count(1234, "patient"));
    assertEquals("1 patient", Units.count(1, "patient"));
    assertEquals("−1 day", Units.count(-1, "day"));
    assertEquals("−3 days", Units.count(-3, "day"));
    assertEquals("18 policies", Units.count(18, "policy"));
    assertEquals("2 boxes", Units.count(2, "box"));
    assertEquals("2 batches", Units.count(2, "batch"));
    assertEquals("3 outage windows", Units.count(3, "outage window"));
    assertEquals("40 people", Units.count(40, "person", "people"));
    assertEquals("1 person", Units.count(1, "person", "people"));
  }

  @Test
  void aPValueIsBelowOneThousandthOrThreeDecimals() {
    assertEquals("< 0.001", Units.pValue(0.0004));
    assertEquals("< 0.001", Units.pValue(0));
    assertEquals("= 0.001", Units.pValue(0.001));
    assertEquals("= 0.012", Units.pValue(0.0123));
    assertEquals("= 0.013", Units.pValue(0.0125)); // half up
    assertEquals("= 0.050", Units.pValue(0.04999));
    assertEquals("= 1.000", Units.pValue(1));
    assertEquals("—", Units.pValue(Double.NaN));
  }

  @Test
  void aDurationUsesTheLargestReadableUnit() {
    assertEquals("0 s", Units.duration(0));
    assertEquals("45 s", Units.duration(45));
    assertEquals("119 s", Units.duration(119));
    assertEquals("2 min", Units.duration(120));
    assertEquals("2 min", Units.duration(179)); // whole minutes, rounded down
    assertEquals("59 min", Units.duration(3599));
    assertEquals("1.0 h", Units.duration(3600));
    assertEquals("1.5 h", Units.duration(5400));
    assertEquals("24.0 h", Units.duration(86399)); // 23.9997 h rounds up but is still under a day
    assertEquals("1.0 days", Units.duration(86400));
    assertEquals("7.5 days", Units.duration(7.5 * 86400));
    assertEquals("−45 s", Units.duration(-45));
    assertEquals("—", Units.duration(Double.NaN));
  }

  @Test
  void aFactorHasOneDecimalAndTheTimesSign() {
    assertEquals("2.3×", Units.factor(2.345));
    assertEquals("1.0×", Units.factor(1));
    assertEquals("0.0×", Units.factor(0));
    assertEquals("—", Units.factor(Double.NaN));
  }

  @Test
  void aWorkedFigureIsWholeWithSeparatorsOrTrimmedDecimals() {
    assertEquals("1,314", Units.figure(1314)); // 216 min/day × 365 / 60
    assertEquals("0.632", Units.figure(1314 / 2080.0)); // 0.63173…
    assertEquals("4,927.5", Units.figure(4927.5));
    assertEquals("41.83", Units.figure(41.83));
    assertEquals("1.8", Units.figure(1.8));
    assertEquals("100", Units.figure(100.04)); // one decimal from 100: "100.0", trailing zero dropped
    assertEquals("1", Units.figure(0.9999));
    assertEquals("0", Units.figure(0));
    assertEquals("0", Units.figure(-0.0001)); // never "−0"
    assertEquals("−2.5", Units.figure(-2.5));
    assertEquals("—", Units.figure(Double.POSITIVE_INFINITY));
  }

  @Test
  void aSignedFigureCarriesItsSignExceptOnZero() {
    assertEquals("+0.395", Units.signedFigure(0.3951)); // a step's delta in seconds: 0.3951 to three decimals
    assertEquals("−1.25", Units.signedFigure(-1.25));
    assertEquals("+1,314", Units.signedFigure(1314));
    assertEquals("0", Units.signedFigure(0.0004)); // rounds to zero: no "+0"
    assertEquals("0", Units.signedFigure(-0.0004)); // nor "−0"
    assertEquals("—", Units.signedFigure(Double.NaN));
  }

  @Test
  void aFixedDecimalStatisticKeepsItsDecimalsAndTheMinusSign() {
    assertEquals("0.864", Units.number(0.8642, 3));
    assertEquals("−0.05", Units.number(-0.049, 2));
    assertEquals("0.00", Units.number(-0.004, 2)); // no "−0.00"
    assertEquals("1.000", Units.number(0.9995, 3));
    assertEquals("—", Units.number(Double.NaN, 2));
  }

  @Test
  void daysAgreeWithTheirNoun() {
    assertEquals("1 day", Units.days(1));
    assertEquals("7 days", Units.days(7));
    assertEquals("0.5 days", Units.days(0.5));
    assertEquals("0 days", Units.days(0));
    assertEquals("−2 days", Units.days(-2));
    assertEquals("—", Units.days(Double.NaN));
  }

  @Test
  void hoursHaveOneDecimal() {
    assertEquals("2.3 h", Units.hours(2.25)); // half up
    assertEquals("0.0 h", Units.hours(0.04));
    assertEquals("0.0 h", Units.hours(-0.04)); // no "−0.0 h"
    assertEquals("−1.5 h", Units.hours(-1.5));
    assertEquals("1,250.5 h", Units.hours(1250.5));
    assertEquals("—", Units.hours(Double.NaN));
  }

  @Test
  void aFreeFormFigureHasFourSignificantDigits() {
    // review r16 #7: the model card's PDF printed "Prevalence: 0.07188888888888889"
    assertEquals("0.07189", Units.significant(0.07188888888888889));
    assertEquals("391.7", Units.significant(391.7083333333333));
    assertEquals("0.2861", Units.significant(0.2861111111111111));
    assertEquals("12000", Units.significant(12000));
    assertEquals("−1.5", Units.significant(-1.5));
    assertEquals("—", Units.significant(Double.NaN));
    assertEquals("0.1076", Units.significant(0.1076219)); // a score's mean in `tollgate inspect`
    assertEquals("734.6", Units.significant(734.56)); // half up
    assertEquals("0.003", Units.significant(0.003));
    assertEquals("−0.00001", Units.significant(-0.00001));
  }

  /** r17 finding 10: "Attested by … 2026-12-08T02:37:38.685Z" printed a raw ISO timestamp. */
  @Test
  void anInstantPrintsToTheMinuteInUtc() {
    assertEquals("2026-12-08 02:37 UTC", Units.utcMinute("2026-12-08T02:37:38.685Z"));
    assertEquals("2026-12-08 23:59 UTC", Units.utcMinute("2026-12-08T23:59:59.999Z")); // rounded down, never to the next day
    assertEquals("2026-10-01", Units.utcMinute("2026-10-01")); // a date stays a date
    assertEquals("yesterday", Units.utcMinute("yesterday"));
    assertEquals(null, Units.utcMinute(null));
  }
}
