package org.tollgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: being written. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "(being written)")
final class InspectCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("inspect is not written yet");
  }
}
