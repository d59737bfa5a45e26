package org.tollgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.review.ReviewPublisher;
import org.tollgate.store.People;
import org.tollgate.store.Store;

/** Issue 16's design: the web app publishes a review as the command line does, every artifact, not dossier.json alone. */
class WorkbenchPublishTest {
  @TempDir Path dir;

  private Path folder(String name) throws Exception {
    Path d = Files.createDirectories(dir.resolve(name));
    List<String> rows = new ArrayList<>(List.of("id,score,label"));
    for (int i = 0; i < 400; i++) {
      int label = i % 4 == 0 ? 1 : 0;
      rows.add("r" + i + "," + String.format(java.util.Locale.ROOT, "%.3f", (label == 1 ? 0.55 : 0.2) + (i % 17) / 50.0) + "," + label);
    }
    Files.write(d.resolve("scores.csv"), rows);
    Files.writeString(d.resolve("review.yaml"), """
        use_case: {id: web-publish, title: Web publish, owner: test, intended_use: test}
        data: {predictions: scores.csv}
        evaluation: {threshold: 0.5, bootstrap: 0}
        """);
    return d;
  }

  private static Set<String> files(Path out) throws Exception {
    Set<String> s = new TreeSet<>();
    try (var l = Files.list(out)) {
      l.forEach(p -> s.add(p.getFileName().toString()));
    }
    return s;
  }

  @Test
  void aReviewRunByTheWebAppWritesTheSameArtifactsAsTheCommandLine() throws Exception {
    Path cli = folder("cli");
    java.io.StringWriter err = new java.io.StringWriter();
    int exit = org.tollgate.cli.Main.run(new String[] {"review", cli.toString(), "--no-store"}, new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(err));
    assertTrue(exit == 0 || exit == 3, err.toString());
    Path web = folder("web");
    try (Store store = Store.open(Store.h2File(dir.resolve("store")))) {
      Workbench bench = new Workbench(store, "test", dir.resolve("uploads"), Bundles.Limits.DEFAULT, Web.Retention.KEEP);
      Workbench.Ran ran = bench.runFolder(web, new People.Principal("pat", EnumSet.of(People.Role.PRODUCT_MANAGER)));
      assertEquals(files(cli.resolve("out")), files(web.resolve("out")));
      assertTrue(files(web.resolve("out")).containsAll(ReviewPublisher.OUTPUTS.subList(0, 7)), files(web.resolve("out")).toString());
      JsonNode a = new ObjectMapper().readTree(cli.resolve("out/dossier.json").toFile());
      JsonNode b = new ObjectMapper().readTree(web.resolve("out/dossier.json").toFile());
      assertEquals(a.path("verdict"), b.path("verdict"));
      assertEquals(a.path("items"), b.path("items"));
      assertEquals(ran.verdict(), b.path("verdict").asText());
      // The page for signature names the run the store recorded.
      assertTrue(Files.readString(web.resolve("out/dossier.html")).contains(ran.runId().substring(0, 8)));
      // The stored dossier is the one written.
      assertEquals(b, new ObjectMapper().readTree(store.reviews().find(ran.runId()).dossier()));
    }
  }
}
