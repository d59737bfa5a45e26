/**
 * The {@code tollgate} command line: one picocli subcommand per job. Exit codes: 0 success,
 * 1 internal error, 2 bad input or usage, 3 a halted review. May depend on every other module;
 * nothing depends on it.
 */
package org.tollgate.cli;
