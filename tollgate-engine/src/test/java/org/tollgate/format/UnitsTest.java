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
    assertEquals("0.0 s", Units.seconds(-0.01)); // never "−0.0 s"
    assertEquals("0%", Units.percent(-0.001, 0));
    assertEquals("38,455", Units.count(38455));
    assertEquals("1,234.5", Units.number(1234.5, 1));
  }
}
