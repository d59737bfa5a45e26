package org.tollgate.cli;

import java.io.Console;
import org.tollgate.store.People;
import org.tollgate.store.Store;
import org.tollgate.store.StoreException;
import picocli.CommandLine.Option;

/** {@code --db URL}, shared by every command that reads or writes the store, and how a person proves who they are. */
final class StoreOptions {
  @Option(names = "--db", paramLabel = "URL",
      description = "JDBC URL of the store (jdbc:h2:file:... or jdbc:postgresql://...). Default: $TOLLGATE_DB, else ./tollgate-data/store (H2).")
  String db;

  /** Environment lookup; tests replace it to pass credentials without a terminal. */
  static java.util.function.UnaryOperator<String> env = System::getenv;

  Store open() {
    return Store.open(db != null ? db : Store.defaultUrl());
  }

  /** Whether the store is there already: an H2 file store whose database file exists, or any server store (PostgreSQL). */
  boolean exists() {
    String url = db != null ? db : Store.defaultUrl();
    String h2 = "jdbc:h2:file:";
    if (!url.startsWith(h2)) return true;
    String path = url.substring(h2.length());
    int options = path.indexOf(';');
    if (options >= 0) path = path.substring(0, options);
    return java.nio.file.Files.exists(java.nio.file.Path.of(path + ".mv.db"));
  }

  /** Who runs a command that needs no login (a review run): $TOLLGATE_USER, else the operating-system user. */
  static String actor() {
    String u = env.apply("TOLLGATE_USER");
    return u != null && !u.isBlank() ? u : System.getProperty("user.name", "unknown");
  }

  /**
   * Logs {@code user} in: with the API token in $TOLLGATE_TOKEN if set (it must belong to {@code user}), else the
   * password in $TOLLGATE_PASSWORD, else a password prompt. The password is never echoed or logged.
   */
  static People.Principal login(Store store, String user) {
    return login(store, user, "TOLLGATE_PASSWORD");
  }

  /** As {@link #login(Store, String)}, with the password in {@code passwordVariable} (an admin adding a user: TOLLGATE_ADMIN_PASSWORD). */
  static People.Principal login(Store store, String user, String passwordVariable) {
    String token = env.apply("TOLLGATE_TOKEN");
    if (token != null && !token.isBlank()) {
      People.Principal p = store.people().authenticate(token);
      if (!p.name().equals(user)) throw new StoreException.NotAllowed("the API token in TOLLGATE_TOKEN belongs to " + p.name() + ", not " + user);
      return p;
    }
    return store.people().login(user, password(passwordVariable, "Password for " + user + ": "));
  }

  /** $TOLLGATE_PASSWORD, else a prompt without echo. */
  static char[] password(String prompt) {
    return password("TOLLGATE_PASSWORD", prompt);
  }

  /** The environment variable's value, else a prompt without echo. */
  static char[] password(String variable, String prompt) {
    String given = env.apply(variable);
    if (given != null) return given.toCharArray();
    Console c = System.console();
    if (c == null) throw new StoreException("no password: set " + variable + " or run in a terminal to be prompted");
    char[] p = c.readPassword("%s", prompt);
    if (p == null) throw new StoreException("no password given");
    return p;
  }
}
