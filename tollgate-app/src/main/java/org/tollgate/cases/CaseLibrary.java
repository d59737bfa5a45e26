package org.tollgate.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.tollgate.data.BadInputException;
import org.tollgate.gate.Gate;
import org.tollgate.gate.ItemResult;
import org.tollgate.ingest.config.ReviewFile;
import org.tollgate.review.ReviewRunner;

/**
 * The essay's cases as runnable reviews. Each case's {@code review.yaml} and {@code README.md} live in
 * the repository's {@code cases/NAME/} (and inside the jar); its data are generated, deterministically,
 * on first use into {@code ROOT/NAME/data/} by the recipe in {@link CaseData}, and regenerated when the
 * recipe's stamp changes. The verdict is never stored: it is what {@link ReviewRunner} makes of the data.
 */
public final class CaseLibrary {
  /** Where the demo, {@code tollgate cases} and {@code tollgate brief} put the case folders unless told otherwise. */
  public static final String DEFAULT_ROOT = "tollgate-data/cases";

  /** A case: its folder name, the essay's story in a line, and how its data are made. */
  public record Case(String name, String title, CaseData.Recipe data) {}

  /** A case after its review ran. */
  public record Result(Case kase, Path folder, ReviewRunner.Outcome outcome) {
    /** The rule whose sentence is the fatal flaw, or null for GO. */
    public ItemResult deciding() {
      return Gate.deciding(outcome.gate().items());
    }
  }

  private CaseLibrary() {}

  /** Every case, in the essay's order. */
  public static List<Case> all() {
    return CaseData.CASES;
  }

  /** The case called {@code name}; a bad name is bad input naming the cases there are. */
  public static Case find(String name) {
    for (Case c : all()) if (c.name().equals(name)) return c;
    throw new BadInputException(name, "no such case; the cases are: " + String.join(", ", names()));
  }

  public static List<String> names() {
    return all().stream().map(Case::name).toList();
  }

  /**
   * Makes the case's review folder under {@code root}: review.yaml and README.md from the library, and
   * the data, generated unless a folder with the same recipe stamp is already there. Returns the folder.
   */
  public static Path prepare(Case c, Path root) {
    Path folder = root.resolve(c.name());
    try {
      Files.createDirectories(folder);
      copy("cases/" + c.name() + "/review.yaml", folder.resolve("review.yaml"));
      copy("cases/" + c.name() + "/README.md", folder.resolve("README.md"));
      Path data = folder.resolve("data");
      Path stamp = data.resolve("case.json");
      String want = c.data().stamp(c.name());
      if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(want)) return folder;
      Path tmp = Files.createTempDirectory(folder, ".data-");
      try {
        c.data().write(tmp);
        Files.writeString(tmp.resolve("case.json"), want, StandardCharsets.UTF_8);
        deleteTree(data);
        Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        deleteTree(tmp);
      }
      return folder;
    } catch (FileSystemException e) {
      throw new BadInputException(folder.toString(), "cannot write the case folder there: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("preparing case " + c.name() + " in " + folder, e);
    }
  }

  /** Prepares every case and returns the review folders, in the library's order (for the demo and the server). */
  public static List<Path> caseFolders(Path root) {
    List<Path> out = new ArrayList<>();
    for (Case c : all()) out.add(prepare(c, root));
    return out;
  }

  /** Prepares and reviews one case, its example attestations signed through the store ({@link ExampleSignatures}). */
  public static Result run(Case c, Path root) {
    Path folder = prepare(c, root);
    return new Result(c, folder, ReviewRunner.run(ExampleSignatures.signed(ReviewFile.read(folder))));
  }

  /**
   * Prepares and reviews every case, two at a time (each case's folder is its own, and most of a review
   * is single-threaded), returning them in the library's order.
   */
  public static List<Result> runAll(Path root) {
    return run(all(), root);
  }

  /** Prepares and reviews the given cases, two at a time, in the given order. */
  public static List<Result> run(List<Case> cases, Path root) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(2, Runtime.getRuntime().availableProcessors()));
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (Case c : cases) futures.add(pool.submit(() -> run(c, root)));
      List<Result> out = new ArrayList<>();
      for (Future<Result> f : futures) out.add(get(f));
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Result get(Future<Result> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.util.concurrent.CancellationException("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The stakeholders' demands of a case, from its README's "## Stakeholders" section (one "- " line
   * each); empty when the README has none.
   */
  public static List<String> stakeholders(Case c) {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : resource("cases/" + c.name() + "/README.md").split("\n")) {
      if (line.startsWith("## ")) in = line.startsWith("## Stakeholders");
      else if (in && line.startsWith("- ")) out.add(line.substring(2).strip());
    }
    return out;
  }

  /** The text of a library resource (a case's review.yaml or README.md). */
  public static String resource(String path) {
    try (InputStream in = CaseLibrary.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException("missing resource " + path + " (the case library is packaged from cases/)");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(String resource, Path target) throws IOException {
    Files.writeString(target, resource(resource), StandardCharsets.UTF_8);
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
    }
  }
}
