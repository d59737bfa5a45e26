package org.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Examples in README.md that show a command and its output must be what the command prints. */
class ReadmeExamplesTest {

  @Test
  void everyShownCommandPrintsExactlyWhatTheReadmeShows() throws Exception {
    Path readme = Path.of("..", "README.md");
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
      assertEquals(String.join("\n", expected), r.out().strip(), "README example: " + line);
      checked++;
    }
    assertFalse(checked == 0, "the README shows at least one command with its output");
  }
}
