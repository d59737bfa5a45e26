package org.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Examples in README.md and docs/*.md that show a command and its output must be what the command prints. */
class ReadmeExamplesTest {

  @Test
  void everyShownCommandPrintsExactlyWhatTheReadmeShows() throws Exception {
    assertFalse(checked(Path.of("..", "README.md")) == 0, "the README shows at least one command with its output");
  }

  @Test
  void everyShownCommandInTheDocsPrintsExactlyWhatTheyShow() throws Exception {
    int checked = 0;
    try (java.util.stream.Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
      for (Path d : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) checked += checked(d);
    }
    assertFalse(checked == 0, "the docs show at least one command with its output (the CLI reference's burden example)");
  }

  /** Runs every {@code $ ./tollgate …} example of a Markdown file and compares its output; returns how many. */
  private static int checked(Path readme) throws Exception {
    List<String> lines = Files.readAllLines(readme);
    int checked = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.startsWith("$ ./tollgate ")) continue;
      List<String> expected = new ArrayList<>();
      for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("```"); j++) expected.add(lines.get(j));
      String[] args = line.substring("$ ./tollgate ".length()).trim().split("\\s+");
      InspectCommandTest.Run r = InspectCommandTest.run(args);
      assertEquals(0, r.exit(), line + "\n" + r.err());
      assertEquals(String.join("\n", expected), r.out().strip(), readme.getFileName() + " example: " + line);
      checked++;
    }
    return checked;
  }
}
