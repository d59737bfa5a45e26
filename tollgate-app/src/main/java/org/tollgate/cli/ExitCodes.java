package org.tollgate.cli;

/** The exit codes every subcommand uses; pipelines gate on them. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int INTERNAL = 1;
  public static final int BAD_INPUT = 2;
  public static final int HALTED = 3;

  private ExitCodes() {}
}
