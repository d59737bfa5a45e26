package org.tollgate.review;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.ingest.config.ReviewFile;

/** The publish step: every artifact or none, and a failure part way leaves the old out/ folder as it was. */
class ReviewPublisherTest {
  @TempDir Path dir;

  /** A small review with labels only (evaluation and the gate; no simulation), its folder and outcome. */
  private ReviewRunner.Outcome review(double shift) throws Exception {
    List<String> rows = new ArrayList<>(List.of("id,score,label"));
    for (int i = 0; i < 400; i++) {
      int label = i % 4 == 0 ? 1 : 0;
      rows.add("r" + i + "," + String.format(java.util.Locale.ROOT, "%.3f", Math.min(0.99, (label == 1 ? 0.55 : 0.2) + shift + (i % 17) / 50.0)) + "," + label);
    }
    Files.write(dir.resolve("scores.csv"), rows);
    Files.writeString(dir.resolve("review.yaml"), """
        use_case: {id: publish-test, title: Publish test, owner: test, intended_use: test}
        data: {predictions: scores.csv}
        evaluation: {threshold: 0.5, bootstrap: 0}
        """);
    return ReviewRunner.run(ReviewFile.read(dir));
  }

  private static final ReviewPublisher.Settings SETTINGS = new ReviewPublisher.Settings("test", "letter", LocalDate.of(2026, 12, 7), null);

  private Map<String, byte[]> folder(Path out) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (var files = Files.list(out)) {
      for (Path f : (Iterable<Path>) files::iterator) m.put(f.getFileName().toString(), Files.readAllBytes(f));
    }
    return m;
  }

  @Test
  void publishWritesEveryArtifactOfAReview() throws Exception {
    ReviewPublisher.Published p = ReviewPublisher.FILES.publish(review(0), dir, SETTINGS, null, "tester");
    assertEquals(List.of("dossier.json", "model-card.json", "hti1.json", "model-card.xml", "model-card.pdf", "dossier.html", "dossier.pdf"), p.files());
    assertEquals(new java.util.TreeSet<>(p.files()), folder(dir.resolve("out")).keySet(), "nothing else, no staged file left");
    assertEquals("publish-test", p.dossierNode().path("use_case").path("id").asText());
  }

  @Test
  void aFailureInTheMiddleOfPublishingLeavesTheOldOutFolderIntact() throws Exception {
    ReviewPublisher.FILES.publish(review(0), dir, SETTINGS, null, "tester");
    Path out = dir.resolve("out");
    Map<String, byte[]> before = folder(out);
    // Another review of other data: every artifact would change. The fourth staged file fails.
    ReviewRunner.Outcome other = review(0.1);
    int[] n = {0};
    ReviewPublisher failing = ReviewPublisher.staging((file, bytes) -> {
      if (++n[0] == 4) throw new IOException("disk full (injected)");
      Files.write(file, bytes);
    });
    IOException e = assertThrows(IOException.class, () -> failing.publish(other, dir, SETTINGS, null, "tester"));
    assertEquals("disk full (injected)", e.getMessage());
    assertEquals(4, n[0]);
    Map<String, byte[]> after = folder(out);
    assertEquals(before.keySet(), after.keySet(), "no staged file is left and none is added");
    for (String f : before.keySet()) assertArrayEquals(before.get(f), after.get(f), f + " is as the first run wrote it");
    // The same publish without the failure renews every file.
    ReviewPublisher.FILES.publish(other, dir, SETTINGS, null, "tester");
    assertFalse(java.util.Arrays.equals(before.get("dossier.json"), Files.readAllBytes(out.resolve("dossier.json"))));
  }

  @Test
  void anOutputOfAnEarlierRunThatThisRunDoesNotMakeIsRemoved() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("checklist.pdf"), "an earlier run's checklist");
    Files.writeString(out.resolve("notes.txt"), "the reviewer's own file");
    ReviewPublisher.FILES.publish(review(0), dir, SETTINGS, null, "tester");
    assertFalse(Files.exists(out.resolve("checklist.pdf")), "a stale checklist would not be this run's");
    assertTrue(Files.exists(out.resolve("notes.txt")), "a file the review does not write is left alone");
  }
}
