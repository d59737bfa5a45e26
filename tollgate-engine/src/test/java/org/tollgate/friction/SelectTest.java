package org.tollgate.friction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tollgate.evaluation.Stats;

class SelectTest {
  @Test
  void medianOfOddAndEvenCountsIsRType7() {
    assertEquals(3.0, Select.median(new long[] {5, 3, 1}, 0, 3), 0);
    assertEquals(2.5, Select.median(new long[] {4, 1, 3, 2}, 0, 4), 0);
    assertEquals(7.0, Select.median(new long[] {7}, 0, 1), 0);
    assertTrue(Double.isNaN(Select.median(new long[0], 0, 0)));
    // Only the given range counts.
    assertEquals(20.0, Select.median(new long[] {99, 30, 10, 20, -99}, 1, 4), 0);
  }

  /** Against sorting and {@link Stats#quantileSorted} at 0.5 (R type 7), with heavy ties. */
  @Test
  void medianEqualsSortThenInterpolate() {
    Random r = new Random(1);
    for (int trial = 0; trial < 500; trial++) {
      int n = 1 + r.nextInt(200);
      long[] a = new long[n];
      int spread = 1 + r.nextInt(trial % 2 == 0 ? 5 : 100_000);
      for (int i = 0; i < n; i++) a[i] = r.nextInt(spread);
      double[] sorted = Arrays.stream(a).sorted().asDoubleStream().toArray();
      assertEquals(Stats.quantileSorted(sorted, n, 0.5), Select.median(a.clone(), 0, n), 0, "trial " + trial);
    }
  }
}
