package org.tollgate.cohort;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Independent random streams keyed by (seed, purpose, index), so that what is drawn for encounter
 * {@code k} never depends on what was drawn before it. Each key is hashed with the SplitMix64
 * finalizer (Stafford's variant 13) into the 128-bit state of a xoroshiro128++ generator: the
 * seeding scheme the xoroshiro authors recommend (Blackman &amp; Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4), 2021, doi:10.1145/3460772).
 */
final class Streams {
  static final int BLOCK = 1;
  static final int PATIENT = 2;
  static final int CORE = 3;
  static final int EVENTS = 4;
  static final int SCORES = 5;
  static final int OUTAGES = 6;
  static final int BEDSIDE = 7;

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Streams() {}

  static UniformRandomProvider of(long seed, int purpose, long index) {
    long key = mix(mix(seed ^ mix(purpose * GOLDEN + 0x632BE59BD9B4E019L)) + index * GOLDEN);
    long s0 = mix(key + GOLDEN);
    long s1 = mix(key + 2 * GOLDEN);
    if (s0 == 0 && s1 == 0) {
      s1 = GOLDEN; // the all-zero state is the one state xoroshiro cannot leave
    }
    return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {s0, s1});
  }

  /** SplitMix64 finalizer (Stafford variant 13). */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
