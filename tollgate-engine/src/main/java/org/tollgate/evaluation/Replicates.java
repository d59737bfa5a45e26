package org.tollgate.evaluation;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The random stream of bootstrap replicate r: xoroshiro128++ whose 128-bit state is (seed, r) hashed
 * with the SplitMix64 finalizer (Stafford's variant 13), the seeding the xoroshiro authors recommend
 * (Blackman &amp; Vigna, ACM TOMS 47(4), 2021, doi:10.1145/3460772). Seeding the state with (seed, r)
 * directly would not do: neighbouring replicates would start from nearly equal states and their first
 * draws would be nearly equal too.
 */
public final class Replicates {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Replicates() {}

  /** The generator of replicate {@code replicate} of a bootstrap seeded with {@code seed}. */
  public static UniformRandomProvider stream(long seed, int replicate) {
    long key = mix(mix(seed) + (replicate + 1L) * GOLDEN);
    long s0 = mix(key + GOLDEN);
    long s1 = mix(key + 2 * GOLDEN);
    if (s0 == 0 && s1 == 0) {
      s1 = GOLDEN; // the one state xoroshiro cannot leave
    }
    return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {s0, s1});
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
