package org.tollgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: being written. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "(being written)")
final class EvaluateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("evaluate is not written yet");
  }
}
