package org.tollgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tollgate.data.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tollgate init DIR}: a commented review.yaml template. */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Writes a commented review.yaml template into DIR (created if needed).")
final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR") Path dir;

  @Option(names = "--force", description = "Replace an existing review.yaml.") boolean force;

  @Override
  public Integer call() throws IOException {
    Path target = dir.resolve("review.yaml");
    if (Files.exists(target) && !force) {
      throw new BadInputException(target.toString(), "already exists; use --force to replace it");
    }
    Output.folder(dir);
    try (InputStream in = InitCommand.class.getClassLoader().getResourceAsStream("templates/review.yaml")) {
      byte[] bytes = in.readAllBytes();
      Output.atomic(target, o -> o.write(bytes));
    }
    spec.commandLine().getOut().println("Wrote " + target + ". Edit it, put the data files beside it, then run: tollgate review " + dir);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
