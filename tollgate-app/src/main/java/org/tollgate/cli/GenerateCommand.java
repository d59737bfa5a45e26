package org.tollgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: being written. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "(being written)")
final class GenerateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("generate is not written yet");
  }
}
