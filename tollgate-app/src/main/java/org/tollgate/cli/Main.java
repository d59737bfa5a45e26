package org.tollgate.cli;

import java.io.PrintWriter;
import org.tollgate.data.BadInputException;
import org.tollgate.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code tollgate} command. */
@Command(
    name = "tollgate",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Launch review workbench for clinical AI: decide GO / REDESIGN / NO-GO on what a tool does to clinical work.",
    subcommands = {
      DemoCommand.class,
      CasesCommand.class,
      BriefCommand.class,
      InspectCommand.class,
      GenerateCommand.class,
      EvaluateCommand.class,
      SimulateCommand.class,
      BurdenCommand.class,
      FrictionCommand.class,
      BehaviorCommand.class,
      DrillCommand.class,
      ReviewCommand.class,
      InitCommand.class,
      PortfolioCommand.class,
      AuditCommand.class,
      UserCommand.class,
      AttestCommand.class,
      DecideCommand.class,
      MonitorCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {"", "Exit codes: 0 success, 1 internal error, 2 bad input or usage, 3 review halted."})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams and returns the exit code (used by tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    summaries(cl);
    cl.setExitCodeExceptionMapper(Main::exitCode);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (ex instanceof BadInputException || ex instanceof CommandLine.ParameterException || ex instanceof StoreException) {
            err.println("tollgate: " + ex.getMessage());
          } else {
            err.println("tollgate: internal error: " + ex);
            if (System.getenv("TOLLGATE_DEBUG") != null) {
              ex.printStackTrace(err);
            } else {
              err.println("(set TOLLGATE_DEBUG=1 for the stack trace and report it)");
            }
          }
          err.flush();
          return exitCode(ex);
        });
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("tollgate: " + ex.getMessage());
          if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
          }
          err.flush();
          return ExitCodes.BAD_INPUT;
        });
    return cl;
  }

  /**
   * The command list of {@code tollgate --help}: picocli shows each command's first description line, which for a
   * description wrapped over several lines stops mid-sentence; this list shows the first sentence, whole, wrapped
   * to the usage width.
   */
  static void summaries(CommandLine cl) {
    cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help -> {
      if (help.subcommands().isEmpty()) return "";
      int width = help.commandSpec().usageMessage().width();
      CommandLine.Help.TextTable t = CommandLine.Help.TextTable.forColumns(help.colorScheme(),
          new CommandLine.Help.Column(15, 2, CommandLine.Help.Column.Overflow.SPAN),
          new CommandLine.Help.Column(width - 15, 1, CommandLine.Help.Column.Overflow.WRAP));
      for (java.util.Map.Entry<String, CommandLine.Help> e : help.subcommands().entrySet()) {
        CommandLine.Model.UsageMessageSpec u = e.getValue().commandSpec().usageMessage();
        String[] text = u.header().length > 0 ? u.header() : u.description();
        t.addRowValues(e.getKey(), firstSentence(String.join(" ", text)));
      }
      return t.toString();
    });
  }

  /** Text up to and including its first full stop followed by a space (or the whole text). */
  static String firstSentence(String text) {
    String t = text.replaceAll("\\s+", " ").strip();
    int at = t.indexOf(". ");
    return at < 0 ? t : t.substring(0, at + 1);
  }

  static int exitCode(Throwable ex) {
    if (ex instanceof BadInputException || ex instanceof CommandLine.ParameterException || ex instanceof StoreException) {
      return ExitCodes.BAD_INPUT;
    }
    return ExitCodes.INTERNAL;
  }

  /** Version from the jar manifest, else from the build's version.properties (classes run by tests), else "dev". */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      if (v == null) {
        try (java.io.InputStream in = Main.class.getResourceAsStream("version.properties")) {
          if (in != null) {
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            String s = p.getProperty("version");
            if (s != null && !s.startsWith("${")) v = s;
          }
        } catch (java.io.IOException e) {
          // unreadable: fall through to "dev"
        }
      }
      return new String[] {"tollgate " + (v == null ? "dev" : v), "Java " + System.getProperty("java.version")};
    }
  }
}
