package org.tollgate.cli;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.tollgate.store.AuditLog;
import org.tollgate.store.People;
import org.tollgate.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tollgate user add|password|token|revoke-tokens|unlock|lock|roles|break-glass}: people, roles, passwords and API tokens. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "People and their roles; API tokens for pipelines.",
    subcommands = {UserCommand.Add.class, UserCommand.Password.class, UserCommand.Token.class, UserCommand.RevokeTokens.class,
        UserCommand.Unlock.class, UserCommand.Lock.class, UserCommand.Roles.class, UserCommand.BreakGlass.class})
final class UserCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {"Adds a person with one or more roles: product_manager, clinician, compliance_officer, data_scientist,",
          "committee_chair, admin. The password comes from $TOLLGATE_PASSWORD or a prompt; it is stored as a BCrypt hash only.",
          "The first user of an empty store needs no login; after that --as ADMIN (credentials: $TOLLGATE_TOKEN, else",
          "$TOLLGATE_ADMIN_PASSWORD, else a prompt)."})
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreOptions store;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--role", required = true, split = ",", paramLabel = "ROLE", description = "A role (repeat or separate with commas).")
    List<String> roles;

    @Option(names = "--as", paramLabel = "ADMIN", description = "The admin adding the user (not needed for the first user).")
    String admin;

    @Override
    public Integer call() {
      EnumSet<People.Role> rs = roles(roles);
      try (Store st = store.open()) {
        People.Principal by = admin == null ? null : StoreOptions.login(st, admin, "TOLLGATE_ADMIN_PASSWORD");
        AuditLog.Checkpoint cp = st.people().addUser(name, rs, StoreOptions.password("Password for new user " + name + ": "), by);
        return done(spec, cp,
            "Added " + name + " (" + String.join(", ", rs.stream().map(People.Role::word).toList()) + ")");
      }
    }
  }

  @Command(name = "password", mixinStandardHelpOptions = true,
      description = {"Changes NAME's password: the current one from $TOLLGATE_PASSWORD or a prompt, the new one from",
          "$TOLLGATE_NEW_PASSWORD or a prompt (asked twice). With --as ADMIN (credentials as for `user add`), sets a temporary",
          "password instead, for someone who lost theirs: they must replace it at their next login. Both are audited."})
  static final class Password implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreOptions store;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--as", paramLabel = "ADMIN", description = "The admin setting a temporary password for NAME.")
    String admin;

    @Override
    public Integer call() {
      try (Store st = store.open()) {
        AuditLog.Checkpoint cp;
        if (admin == null) {
          char[] current = StoreOptions.password("Current password for " + name + ": ");
          cp = st.people().changePassword(name, current, newPassword("New password for " + name + ": "));
        } else {
          People.Principal by = StoreOptions.login(st, admin, "TOLLGATE_ADMIN_PASSWORD");
          cp = st.people().resetPassword(by, name, newPassword("Temporary password for " + name + ": "));
        }
        return done(spec, cp,
            admin == null ? "Changed the password of " + name
            : "Set a temporary password for " + name + "; they must change it at their next login");
      }
    }

    /** $TOLLGATE_NEW_PASSWORD (read twice, so equal), else a prompt asked twice. */
    private static char[] newPassword(String prompt) {
      char[] first = StoreOptions.password("TOLLGATE_NEW_PASSWORD", prompt);
      char[] again = StoreOptions.password("TOLLGATE_NEW_PASSWORD", "Again: ");
      if (!java.util.Arrays.equals(first, again)) throw new org.tollgate.store.StoreException("the two new passwords differ");
      return first;
    }
  }

  @Command(name = "token", mixinStandardHelpOptions = true,
      description = "Issues an API token for a pipeline (shown once; stored as its SHA-256). Use it as $TOLLGATE_TOKEN.")
  static final class Token implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreOptions store;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--label", defaultValue = "pipeline", description = "What the token is for (default: ${DEFAULT-VALUE}).")
    String label;

    @Option(names = "--days", defaultValue = "90", paramLabel = "N", description = "Days until the token expires (default: ${DEFAULT-VALUE}).")
    int days;

    @Override
    public Integer call() {
      try (Store st = store.open()) {
        People.Principal p = StoreOptions.login(st, name);
        PrintWriter out = spec.commandLine().getOut();
        if (days < 1) throw new org.tollgate.store.StoreException("--days must be at least 1, got " + days);
        out.println(st.people().issueToken(p, label, java.time.Duration.ofDays(days)));
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "revoke-tokens", mixinStandardHelpOptions = true,
      description = "Revokes every API token of NAME (your own, or anyone's as an admin with --as). Audited.")
  static final class RevokeTokens implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreOptions store;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--as", paramLabel = "ADMIN", description = "Log in as this admin to revoke another person's tokens (password from TOLLGATE_ADMIN_PASSWORD).")
    String admin;

    @Override
    public Integer call() {
      try (Store st = store.open()) {
        People.Principal who = admin == null ? StoreOptions.login(st, name) : StoreOptions.login(st, admin, "TOLLGATE_ADMIN_PASSWORD");
        int n = st.people().revokeTokens(who, name);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Revoked " + n + " API token" + (n == 1 ? "" : "s") + " of " + name);
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "unlock", mixinStandardHelpOptions = true, description = "Lifts an admin's lock and any wait after failed logins (admin only).")
  static final class Unlock implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreOptions store;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--as", required = true, paramLabel = "ADMIN")
    String admin;

    @Override
    public Integer call() {
      try (Store st = store.open()) {
        AuditLog.Checkpoint cp = st.people().unlock(StoreOptions.login(st, admin, "TOLLGATE_ADMIN_PASSWORD"), name);
        return done(spec, cp, "Unlocked " + name);
      }
    }
  }

  @Command(name = "lock", mixinStandardHelpOptions = true,
      description = "Locks NAME's account (--as ADMIN): it refuses even the right password, and its sessions and API tokens end at once. Audited.")
  static final class Lock implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreOptions store;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--as", required = true, paramLabel = "ADMIN", description = "The admin locking the account.")
    String admin;

    @Override
    public Integer call() {
      try (Store st = store.open()) {
        AuditLog.Checkpoint cp = st.people().lock(StoreOptions.login(st, admin, "TOLLGATE_ADMIN_PASSWORD"), name);
        return done(spec, cp,
            "Locked " + name + "; its sessions and API tokens have ended");
      }
    }
  }

  @Command(name = "roles", mixinStandardHelpOptions = true,
      description = "Replaces NAME's roles (--as ADMIN); its sessions and API tokens end, so nothing acts with the old roles. Audited.")
  static final class Roles implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreOptions store;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--role", required = true, split = ",", paramLabel = "ROLE", description = "A role (repeat or separate with commas).")
    List<String> roles;

    @Option(names = "--as", required = true, paramLabel = "ADMIN", description = "The admin changing the roles.")
    String admin;

    @Override
    public Integer call() {
      EnumSet<People.Role> rs = roles(roles);
      try (Store st = store.open()) {
        AuditLog.Checkpoint cp = st.people().setRoles(StoreOptions.login(st, admin, "TOLLGATE_ADMIN_PASSWORD"), name, rs);
        return done(spec, cp,
            name + " now has the roles " + String.join(", ", rs.stream().map(People.Role::word).toList()));
      }
    }
  }

  @Command(name = "break-glass", mixinStandardHelpOptions = true,
      description = {"When no admin can log in: run on the server host, with the server stopped (an H2 store has one owner at a time),",
          "by someone who can open the store itself. Lifts NAME's lock and wait, prints a new temporary password (to be replaced at",
          "the next login) and ends NAME's sessions and tokens. Audited as user.break_glass with the operating-system user."})
  static final class BreakGlass implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreOptions store;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      try (Store st = store.open()) {
        byte[] b = new byte[15];
        new java.security.SecureRandom().nextBytes(b);
        String pw = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        AuditLog.Checkpoint cp = st.people().breakGlass(name, pw.toCharArray(), System.getProperty("user.name", "unknown"));
        return done(spec, cp,
            "Break-glass for " + name + ": lock and wait lifted, sessions and API tokens ended.",
            "Temporary password, shown this once: " + pw + " (replace it at the next login)");
      }
    }
  }

  /** Each role named on the command line, parsed. */
  static EnumSet<People.Role> roles(List<String> names) {
    EnumSet<People.Role> rs = EnumSet.noneOf(People.Role.class);
    for (String r : names) rs.add(People.Role.parse(r));
    return rs;
  }

  /** Says what was done, one line each, then the audit checkpoint that records it. */
  static int done(CommandSpec spec, AuditLog.Checkpoint cp, String... lines) {
    PrintWriter out = spec.commandLine().getOut();
    for (String l : lines) out.println(l);
    out.println("Audit checkpoint: " + cp);
    out.flush();
    return ExitCodes.OK;
  }
}
