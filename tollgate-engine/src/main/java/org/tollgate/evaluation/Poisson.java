package org.tollgate.evaluation;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;

/** Poisson variates for the Poisson bootstrap. */
final class Poisson {
  private static final double[] EXP_NEG = new double[33];

  static {
    for (int i = 0; i < EXP_NEG.length; i++) EXP_NEG[i] = Math.exp(-i);
  }

  private Poisson() {}

  /**
   * One draw from Poisson(mean), mean an integer count ≥ 0. Small means by Knuth's product of uniforms
   * (expected mean + 1 uniforms), large means by Commons RNG's {@link PoissonSampler}.
   */
  static long sample(UniformRandomProvider rng, long mean) {
    if (mean == 0) {
      return 0;
    }
    if (mean <= 32) {
      double limit = EXP_NEG[(int) mean];
      double prod = rng.nextDouble();
      long k = 0;
      while (prod > limit) {
        prod *= rng.nextDouble();
        k++;
      }
      return k;
    }
    return PoissonSampler.of(rng, mean).sample();
  }
}
