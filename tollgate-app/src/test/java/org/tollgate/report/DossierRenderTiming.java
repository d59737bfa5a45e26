package org.tollgate.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Benchmark harness, not a test: how long the use-case page's sections and the one-page PDF take to make
 * from a stored dossier (the web app's path: JSON in, HTML or PDF out, no data read). Prints the median,
 * fastest and slowest of the timed runs after a warm-up.
 *
 * <pre>
 * ./tollgate demo    # or: ./tollgate review tollgate-data/demo/sepsis
 * ./mvnw -q -B -o -pl tollgate-app -am package -DskipTests     # compiles the test tree too
 * java -cp "tollgate-app/target/test-classes:tollgate-app/target/tollgate.jar:tollgate-app/target/lib/*" \
 *     org.tollgate.report.DossierRenderTiming tollgate-data/demo/sepsis/out/dossier.json 20
 * </pre>
 */
public final class DossierRenderTiming {
  private DossierRenderTiming() {}

  public static void main(String[] args) throws Exception {
    JsonNode d = Json.MAPPER.readTree(Path.of(args[0]).toFile());
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    long first = System.nanoTime();
    int bytes = DossierHtml.pdf(d, "letter").length;
    System.out.printf("first PDF (cold JVM, fonts and Batik loading): %.0f ms, %,d bytes%n", (System.nanoTime() - first) / 1e6, bytes);
    for (int i = 0; i < runs; i++) {
      DossierHtml.pdf(d, "letter");
      DossierHtml.sections(d);
    }
    report("one-page PDF", runs, () -> DossierHtml.pdf(d, "letter"));
    report("page sections (HTML with 12 SVG charts)", runs * 5, () -> DossierHtml.sections(d));
  }

  private static void report(String what, int runs, Runnable r) {
    if (runs <= 0) return;
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      r.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf("%s: median %.1f ms, fastest %.1f ms, slowest %.1f ms over %d runs%n", what, ms[runs / 2], ms[0], ms[runs - 1], runs);
  }
}
