package org.tollgate.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Users, roles, passwords, API tokens, attestations and committee decisions.
 *
 * <p>Passwords are BCrypt hashes (spring-security-crypto, cost 10) and are never logged or put in an
 * audit payload. API tokens are 32 random bytes shown once; only their SHA-256 is stored (a token has
 * full entropy, so a slow hash adds nothing), and each expires ({@link #DEFAULT_TOKEN_LIFETIME} unless given).
 *
 * <p>Failed logins never lock an account for good: from the {@value #FREE_FAILURES}th failure on, the account waits
 * before the next attempt ({@link #delayAfter}: 1 s, 2 s, 4 s, … up to {@link #MAX_DELAY}); a right password after
 * the wait lets it in and resets the count. Only an admin locks an account ({@link #lock}); an admin, or
 * {@link #breakGlass} on the server host, lifts it. Every failure is an audit entry; an unknown name is recorded as a
 * short hash, never as typed (people type passwords into the name field). An unknown name costs the same BCrypt check
 * as a wrong password and gets the same message.
 *
 * <p>Changing or resetting a password, locking an account or changing its roles revokes its API tokens and bumps its
 * {@code credentials_version}, which ends its browser sessions ({@link #account}).
 */
public final class People {
  /** Failed logins allowed before each further attempt must wait. */
  public static final int FREE_FAILURES = 5;
  /** The longest wait between attempts after repeated failures. */
  public static final java.time.Duration MAX_DELAY = java.time.Duration.ofMinutes(15);
  /** How long an API token lasts when no lifetime is given. */
  public static final java.time.Duration DEFAULT_TOKEN_LIFETIME = java.time.Duration.ofDays(90);

  private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(10);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Checked against for an unknown name, so it costs what a wrong password costs. */
  private static final String DUMMY_HASH = BCRYPT.encode("tollgate: no such user");

  private final Store store;

  People(Store store) {
    this.store = store;
  }

  /** The roles a person can hold. */
  public enum Role {
    PRODUCT_MANAGER, CLINICIAN, COMPLIANCE_OFFICER, DATA_SCIENTIST, COMMITTEE_CHAIR, ADMIN;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String s) {
      try {
        return valueOf(s.trim().replace('-', '_').replace(' ', '_').toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new StoreException("unknown role '" + s + "'; use one of " + List.of(values()).stream().map(Role::word).toList());
      }
    }
  }

  /** The attested checklist items and who may attest each. */
  public enum AttestedItem {
    /** Item 3: a clinician knows the paper procedure keeps care safe. */
    PAPER_FALLBACK("3", EnumSet.of(Role.CLINICIAN)),
    /** Item 6: compliance has checked that revenue does not rise with alert volume. */
    BUSINESS_MODEL("6", EnumSet.of(Role.COMPLIANCE_OFFICER)),
    /** Item 7: a frontline lead (clinician or product manager) vouches for peer-led training. */
    PEER_TRAINING("7", EnumSet.of(Role.CLINICIAN, Role.PRODUCT_MANAGER));

    private final String number;
    private final Set<Role> allowed;

    AttestedItem(String number, Set<Role> allowed) {
      this.number = number;
      this.allowed = allowed;
    }

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    public Set<Role> allowed() {
      return allowed;
    }

    /** The checklist number: "3", "6" or "7". */
    public String number() {
      return number;
    }

    /** By name ({@code paper_fallback}) or checklist number ({@code 3}). */
    public static AttestedItem parse(String s) {
      for (AttestedItem i : values()) {
        if (i.number.equals(s.trim()) || i.word().equals(s.trim().replace('-', '_').toLowerCase(Locale.ROOT))) return i;
      }
      throw new StoreException("'" + s + "' is not an attested item; use paper_fallback (3), business_model (6) or peer_training (7)");
    }
  }

  /** A committee decision. */
  public enum Outcome {
    APPROVE, APPROVE_WITH_CONTINGENCIES, RE_REVIEW, DECLINE;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the committee may record this outcome on a run of {@code verdict} (GO, REDESIGN, NO-GO): approve needs GO,
     * approve with contingencies GO or REDESIGN (the fixes as conditions); re-review and decline always. The one owner
     * of the rule: the store enforces it, the decide form and the one-page PDF offer only what it allows.
     */
    public boolean allowedFor(String verdict) {
      return switch (this) {
        case APPROVE -> "GO".equals(verdict);
        case APPROVE_WITH_CONTINGENCIES -> "GO".equals(verdict) || "REDESIGN".equals(verdict);
        case RE_REVIEW, DECLINE -> true;
      };
    }

    public static Outcome parse(String s) {
      try {
        return valueOf(s.trim().replace('-', '_').replace(' ', '_').toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new StoreException("unknown decision '" + s + "'; use approve, approve-with-contingencies, re-review or decline");
      }
    }
  }

  /** A person who has proved who they are (by password or token). */
  public record Principal(String name, Set<Role> roles) {
    public Principal {
      roles = Set.copyOf(roles);
    }
  }

  /**
   * Adds a user; {@code password} is hashed at once and never stored or logged in clear. The first user of
   * an empty store may be added by anyone ({@code admin} null, audited as actor "bootstrap"); after that only an admin may,
   * and the password the admin chose is temporary (its owner must replace it before doing anything else).
   */
  public AuditLog.Checkpoint addUser(String name, Set<Role> roles, char[] password, Principal admin) {
    // A password an admin chose for someone else is known to two people: its owner replaces it at the first login.
    return addUser(name, roles, password, admin, admin != null);
  }

  /**
   * As {@link #addUser(String, Set, char[], Principal)}; {@code mustChange}: the password is a temporary one
   * (shown to someone else, e.g. printed by the server) that its owner must replace at the next login
   * ({@link #mustChangePassword}, {@link #changePassword}).
   */
  public AuditLog.Checkpoint addUser(String name, Set<Role> roles, char[] password, Principal admin, boolean mustChange) {
    if (admin != null) require(admin, EnumSet.of(Role.ADMIN), "add users");
    String actor = admin == null ? "bootstrap" : admin.name();
    if (name == null || !name.matches("[A-Za-z0-9._@-]{1,200}")) {
      throw new StoreException("user name must be 1-200 letters, digits, '.', '_', '@' or '-': " + name);
    }
    if (roles.isEmpty()) throw new StoreException("a user needs at least one role");
    String hash = hashNew(password);
    return store.transaction(c -> {
      AuditLog.lock(c);
      if (admin == null) {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users"); ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getLong(1) > 0) throw new StoreException.NotAllowed("the store has users: adding one needs an admin (--as ADMIN)");
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM users WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) throw new StoreException("user " + name + " already exists");
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO users (name, roles, password_hash, failed_logins, locked, created_at, must_change_password) VALUES (?, ?, ?, 0, FALSE, ?, ?)")) {
        ps.setString(1, name);
        ps.setString(2, words(roles));
        ps.setString(3, hash);
        ps.setString(4, Store.now());
        ps.setBoolean(5, mustChange);
        ps.executeUpdate();
      }
      return store.audit().append(c, actor, AuditAction.USER_ADD, "user/" + name,
          mustChange ? Map.of("user", name, "roles", words(roles), "must_change_password", true) : Map.of("user", name, "roles", words(roles)));
    });
  }

  /**
   * The wait after {@code failed} consecutive failed logins: none below {@value #FREE_FAILURES}, then 1 s doubling with
   * each further failure (5 → 1 s, 6 → 2 s, 7 → 4 s, …), at most {@link #MAX_DELAY}.
   */
  public static java.time.Duration delayAfter(int failed) {
    if (failed < FREE_FAILURES) return java.time.Duration.ZERO;
    int doublings = Math.min(failed - FREE_FAILURES, 20);
    java.time.Duration d = java.time.Duration.ofSeconds(1L << doublings);
    return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
  }

  /** How an unknown or over-long name is recorded: a 16-hex-digit prefix of its SHA-256, never the name as typed. */
  static String nameHash(String name) {
    return "?" + Digests.sha256(name == null ? "" : name).substring(0, 16);
  }

  private static final String BAD_LOGIN = "unknown user or wrong password";

  /**
   * Checks a password. A wrong password (or unknown user) is audited as {@code login.failure} and counted; from the
   * {@value #FREE_FAILURES}th failure on the account must wait {@link #delayAfter} before the next attempt, which is
   * refused unchecked until then (and not audited again). An account an admin locked refuses even the right password.
   */
  public Principal login(String name, char[] password) {
    boolean plausible = name != null && name.matches("[A-Za-z0-9._@-]{1,200}");
    Object r = store.transaction(c -> {
      String hash = null;
      int failed = 0;
      boolean locked = false;
      String roles = null;
      String until = null;
      if (plausible) {
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT password_hash, failed_logins, locked, roles, throttled_until FROM users WHERE name = ? FOR UPDATE")) {
          ps.setString(1, name);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              hash = rs.getString(1);
              failed = rs.getInt(2);
              locked = rs.getBoolean(3);
              roles = rs.getString(4);
              until = rs.getString(5);
            }
          }
        }
      }
      if (hash == null) {
        BCRYPT.matches(password == null ? "" : java.nio.CharBuffer.wrap(password), DUMMY_HASH);
        String who = nameHash(name);
        store.audit().append(c, who, AuditAction.LOGIN_FAILURE, "user/" + who, Map.of("user_sha256_prefix", who.substring(1), "reason", "unknown user"));
        return BAD_LOGIN;
      }
      String now = Store.now();
      if (until != null && until.compareTo(now) > 0) {
        return "too many failed logins for " + name + ": the next attempt is possible after " + until;
      }
      if (password != null && BCRYPT.matches(java.nio.CharBuffer.wrap(password), hash)) {
        if (locked) {
          store.audit().append(c, name, AuditAction.LOGIN_FAILURE, "user/" + name, Map.of("user", name, "reason", "account locked"));
          return "account " + name + " is locked by an admin; an admin must unlock it";
        }
        if (failed > 0 || until != null) {
          try (PreparedStatement ps = c.prepareStatement("UPDATE users SET failed_logins = 0, throttled_until = NULL WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
          }
        }
        return new Principal(name, parseRoles(roles));
      }
      int count = failed + 1;
      java.time.Duration wait = delayAfter(count);
      String next = wait.isZero() ? null : TIME.format(java.time.Instant.parse(now).plus(wait));
      try (PreparedStatement ps = c.prepareStatement("UPDATE users SET failed_logins = ?, throttled_until = ? WHERE name = ?")) {
        ps.setInt(1, count);
        ps.setString(2, next);
        ps.setString(3, name);
        ps.executeUpdate();
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("user", name);
      p.put("reason", "wrong password");
      p.put("failed_logins", count);
      p.put("throttled_until", next);
      store.audit().append(c, name, AuditAction.LOGIN_FAILURE, "user/" + name, p);
      return BAD_LOGIN;
    });
    if (r instanceof Principal p) return p;
    throw new StoreException.NotAllowed((String) r);
  }

  private static final java.time.format.DateTimeFormatter TIME =
      java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

  /** An account as a request sees it: its current roles, whether an admin locked it, and its credentials' version. */
  public record Account(String name, Set<Role> roles, boolean locked, boolean mustChangePassword, int credentialsVersion) {}

  /** The account's current state, or null when there is no such user (a session re-checks it on every request). */
  public Account account(String name) {
    if (name == null || name.length() > Texts.NAME) return null;
    return store.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT roles, locked, must_change_password, credentials_version FROM users WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? new Account(name, parseRoles(rs.getString(1)), rs.getBoolean(2), rs.getBoolean(3), rs.getInt(4)) : null;
        }
      }
    });
  }

  /** Ends every credential of {@code name} but its password: revokes its API tokens and bumps its credentials version (ending sessions). */
  private static int endCredentials(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE users SET credentials_version = credentials_version + 1 WHERE name = ?")) {
      ps.setString(1, name);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET revoked = TRUE WHERE user_name = ? AND revoked = FALSE")) {
      ps.setString(1, name);
      return ps.executeUpdate();
    }
  }

  /** The BCrypt hash of a new password, after the length rule (at least 8 characters). */
  private static String hashNew(char[] password) {
    if (password == null || password.length < 8) throw new StoreException("the password must have at least 8 characters");
    return BCRYPT.encode(java.nio.CharBuffer.wrap(password));
  }

  /** Whether the person must replace a temporary password before doing anything else; false for an unknown name. */
  public boolean mustChangePassword(String name) {
    return store.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT must_change_password FROM users WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getBoolean(1);
        }
      }
    });
  }

  /**
   * A person replaces their own password, proving the current one as a login does (a wrong one counts toward
   * the lockout, and a locked account is refused). The new one must differ from it; audited as
   * {@code password.change}. Clears {@link #mustChangePassword}; ends the account's other sessions and its API tokens.
   */
  public AuditLog.Checkpoint changePassword(String name, char[] current, char[] replacement) {
    String hash = hashNew(replacement);
    if (java.util.Arrays.equals(current, replacement)) throw new StoreException("the new password must differ from the current one");
    Principal who = login(name, current);
    return store.transaction(c -> {
      AuditLog.lock(c);
      try (PreparedStatement ps = c.prepareStatement("UPDATE users SET password_hash = ?, must_change_password = FALSE WHERE name = ?")) {
        ps.setString(1, hash);
        ps.setString(2, who.name());
        ps.executeUpdate();
      }
      int revoked = endCredentials(c, who.name());
      return store.audit().append(c, who.name(), AuditAction.PASSWORD_CHANGE, "user/" + who.name(), Map.of("user", who.name(), "tokens_revoked", revoked));
    });
  }

  /**
   * An admin sets a temporary password for someone who lost theirs; the person must replace it at the next
   * login. Audited as {@code password.reset}. Its sessions and API tokens end; an admin's lock is left as it is ({@link #unlock}).
   */
  public AuditLog.Checkpoint resetPassword(Principal admin, String name, char[] temporary) {
    require(admin, EnumSet.of(Role.ADMIN), "reset a password");
    String hash = hashNew(temporary);
    return store.transaction(c -> {
      AuditLog.lock(c);
      try (PreparedStatement ps = c.prepareStatement("UPDATE users SET password_hash = ?, must_change_password = TRUE WHERE name = ?")) {
        ps.setString(1, hash);
        ps.setString(2, name);
        if (ps.executeUpdate() == 0) throw new StoreException("no user " + name);
      }
      int revoked = endCredentials(c, name);
      return store.audit().append(c, admin.name(), AuditAction.PASSWORD_RESET, "user/" + name, Map.of("user", name, "tokens_revoked", revoked));
    });
  }

  /** Locks an account (admin only): it refuses even the right password, and its sessions and API tokens end at once. */
  public AuditLog.Checkpoint lock(Principal admin, String name) {
    require(admin, EnumSet.of(Role.ADMIN), "lock an account");
    return store.transaction(c -> {
      AuditLog.lock(c);
      try (PreparedStatement ps = c.prepareStatement("UPDATE users SET locked = TRUE WHERE name = ?")) {
        ps.setString(1, name);
        if (ps.executeUpdate() == 0) throw new StoreException("no user " + name);
      }
      int revoked = endCredentials(c, name);
      return store.audit().append(c, admin.name(), AuditAction.USER_LOCK, "user/" + name, Map.of("user", name, "tokens_revoked", revoked));
    });
  }

  /** Replaces an account's roles (admin only); its sessions and API tokens end, so nothing acts with the old roles. */
  public AuditLog.Checkpoint setRoles(Principal admin, String name, Set<Role> roles) {
    require(admin, EnumSet.of(Role.ADMIN), "change roles");
    if (roles.isEmpty()) throw new StoreException("a user needs at least one role");
    return store.transaction(c -> {
      AuditLog.lock(c);
      try (PreparedStatement ps = c.prepareStatement("UPDATE users SET roles = ? WHERE name = ?")) {
        ps.setString(1, words(roles));
        ps.setString(2, name);
        if (ps.executeUpdate() == 0) throw new StoreException("no user " + name);
      }
      int revoked = endCredentials(c, name);
      return store.audit().append(c, admin.name(), AuditAction.USER_ROLES, "user/" + name, Map.of("user", name, "roles", words(roles), "tokens_revoked", revoked));
    });
  }

  /**
   * The break-glass path, for when no admin can log in: run on the server host by someone who can open the store
   * itself ({@code tollgate user break-glass NAME}), it lifts the account's lock and wait, sets {@code temporary} as its
   * password (to be replaced at the next login) and ends its sessions and tokens. Audited as {@code user.break_glass}
   * with {@code operator} (the operating-system user) as the actor.
   */
  public AuditLog.Checkpoint breakGlass(String name, char[] temporary, String operator) {
    String hash = hashNew(temporary);
    return store.transaction(c -> {
      AuditLog.lock(c);
      try (PreparedStatement ps = c.prepareStatement("UPDATE users SET password_hash = ?, must_change_password = TRUE, locked = FALSE, "
          + "failed_logins = 0, throttled_until = NULL WHERE name = ?")) {
        ps.setString(1, hash);
        ps.setString(2, name);
        if (ps.executeUpdate() == 0) throw new StoreException("no user " + name);
      }
      int revoked = endCredentials(c, name);
      return store.audit().append(c, "break-glass:" + operator, AuditAction.USER_BREAK_GLASS, "user/" + name, Map.of("user", name, "tokens_revoked", revoked));
    });
  }

  /** Unlocks an account (admin only): lifts an admin's lock and any wait after failed logins. */
  public AuditLog.Checkpoint unlock(Principal admin, String name) {
    require(admin, EnumSet.of(Role.ADMIN), "unlock an account");
    return store.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE users SET failed_logins = 0, locked = FALSE, throttled_until = NULL WHERE name = ?")) {
        ps.setString(1, name);
        if (ps.executeUpdate() == 0) throw new StoreException("no user " + name);
      }
      return store.audit().append(c, admin.name(), AuditAction.USER_UNLOCK, "user/" + name, Map.of("user", name));
    });
  }

  /** Issues an API token lasting {@link #DEFAULT_TOKEN_LIFETIME}; see {@link #issueToken(Principal, String, java.time.Duration)}. */
  public String issueToken(Principal who, String label) {
    return issueToken(who, label, DEFAULT_TOKEN_LIFETIME);
  }

  /**
   * Issues an API token for a pipeline, valid for {@code lifetime}; returns the token, which is shown once and stored
   * only as its SHA-256. Audited with its expiry.
   */
  public String issueToken(Principal who, String label, java.time.Duration lifetime) {
    if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) throw new StoreException("a token's lifetime must be positive");
    Texts.check("the token's label", label, Texts.NAME);
    if (mustChangePassword(who.name())) {
      throw new StoreException.NotAllowed("the password of " + who.name() + " is temporary: change it (tollgate user password, or the web app) before issuing tokens");
    }
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    String token = "tg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    String id = UUID.randomUUID().toString();
    store.transaction(c -> {
      String now = Store.now();
      String expires = TIME.format(java.time.Instant.parse(now).plus(lifetime));
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO api_tokens (id, user_name, token_hash, label, revoked, created_at, expires_at) VALUES (?, ?, ?, ?, FALSE, ?, ?)")) {
        ps.setString(1, id);
        ps.setString(2, who.name());
        ps.setString(3, Digests.sha256(token));
        ps.setString(4, label);
        ps.setString(5, now);
        ps.setString(6, expires);
        ps.executeUpdate();
      }
      return store.audit().append(c, who.name(), AuditAction.TOKEN_ISSUE, "user/" + who.name(), Map.of("token_id", id, "label", label, "expires_at", expires));
    });
    return token;
  }

  /**
   * Revokes every active API token of {@code user}: anyone may revoke their own, an admin anyone's. Audited
   * ({@code token.revoke}, with the number revoked); a revoked token is refused from then on.
   *
   * @return how many tokens were revoked (0 when the user had none active)
   */
  public int revokeTokens(Principal who, String user) {
    if (!who.name().equals(user)) require(who, EnumSet.of(Role.ADMIN), "revoke another person's API tokens");
    return store.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM users WHERE name = ?")) {
        ps.setString(1, user);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw new StoreException("no user " + user);
        }
      }
      int n;
      try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET revoked = TRUE WHERE user_name = ? AND revoked = FALSE")) {
        ps.setString(1, user);
        n = ps.executeUpdate();
      }
      store.audit().append(c, who.name(), AuditAction.TOKEN_REVOKE, "user/" + user, Map.of("user", user, "revoked", n));
      return n;
    });
  }

  /** The principal an API token belongs to, with the account's current roles; refused when unknown, revoked, expired, or its user is locked. */
  public Principal authenticate(String token) {
    return store.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT u.name, u.roles, u.locked FROM api_tokens t JOIN users u ON u.name = t.user_name "
          + "WHERE t.token_hash = ? AND t.revoked = FALSE AND (t.expires_at IS NULL OR t.expires_at > ?)")) {
        ps.setString(1, Digests.sha256(token));
        ps.setString(2, Store.now());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next() || rs.getBoolean(3)) throw new StoreException.NotAllowed("unknown, revoked, expired or locked API token");
          return new Principal(rs.getString(1), parseRoles(rs.getString(2)));
        }
      }
    });
  }

  /** A stored attestation; {@code signs} is the text it signed (null for an item not bound to a text, or one signed before tollgate kept it). */
  public record Attestation(String item, String user, String role, String createdAt, String note, String documentSha256, Integer staffTrained,
      String signs) {}

  /** Records an attestation; only the roles of {@link AttestedItem#allowed()} may. */
  public AuditLog.Checkpoint attest(Principal who, String useCaseId, AttestedItem item, String note, String documentSha256) {
    return attest(who, useCaseId, item, note, documentSha256, null);
  }

  /** As above; {@code staffTrained} is the number of frontline staff trained by peers (peer_training needs it). */
  public AuditLog.Checkpoint attest(Principal who, String useCaseId, AttestedItem item, String note, String documentSha256, Integer staffTrained) {
    return attest(who, useCaseId, item, note, documentSha256, staffTrained, (String) null);
  }

  /**
   * As above, recording {@code signs}: the text the person signed (the paper rule, the business model's facts), as the
   * run they saw printed it. The launch gate counts the signature only while the review measures that same text.
   */
  public AuditLog.Checkpoint attest(Principal who, String useCaseId, AttestedItem item, String note, String documentSha256, Integer staffTrained,
      String signs) {
    return attest(who, useCaseId, item, note, documentSha256, staffTrained, () -> signs);
  }

  /**
   * As above, with the signed text found only once the person may attest and the inputs are valid (the caller reads it
   * from the latest run, which may refuse: nothing to sign yet), so a refusal for the role or a bad note is said first.
   */
  public AuditLog.Checkpoint attest(Principal who, String useCaseId, AttestedItem item, String note, String documentSha256, Integer staffTrained,
      java.util.function.Supplier<String> signedText) {
    Texts.check("the note", note, Texts.NOTE);
    if (documentSha256 != null && !documentSha256.matches("[0-9a-fA-F]{64}")) throw new StoreException("document_sha256 must be 64 hexadecimal digits");
    store.reviews().requireUseCase(useCaseId);
    Role used = requireAudited(who, item.allowed(), "attest " + item.word(), AuditAction.ATTESTATION_REFUSED, Reviews.subject(useCaseId),
        Map.of("item", item.word()));
    if (item == AttestedItem.PEER_TRAINING && staffTrained == null) {
      throw new StoreException("peer_training needs the number of staff trained by peers (--staff-trained N)");
    }
    if (staffTrained != null && staffTrained < 0) throw new StoreException("staff trained must be >= 0: " + staffTrained);
    if (staffTrained != null && item != AttestedItem.PEER_TRAINING) {
      throw new StoreException("staff trained is a figure of peer_training (item 7) only, not of " + item.word());
    }
    String signs = signedText.get();
    Texts.check("the signed text", signs, Texts.NOTE);
    String id = UUID.randomUUID().toString();
    return store.transaction(c -> {
      AuditLog.lock(c);
      String now = Store.now();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO attestations (id, use_case_id, item, user_name, role_used, note, "
          + "document_sha256, created_at, staff_trained, signs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, id);
        ps.setString(2, useCaseId);
        ps.setString(3, item.word());
        ps.setString(4, who.name());
        ps.setString(5, used.word());
        ps.setString(6, note);
        ps.setString(7, documentSha256);
        ps.setString(8, now);
        if (staffTrained == null) ps.setNull(9, java.sql.Types.INTEGER);
        else ps.setInt(9, staffTrained);
        ps.setString(10, signs);
        ps.executeUpdate();
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("attestation_id", id);
      p.put("staff_trained", staffTrained);
      p.put("item", item.word());
      p.put("role", used.word());
      p.put("note_sha256", note == null ? null : Digests.sha256(note));
      p.put("document_sha256", documentSha256);
      p.put("signs_sha256", signs == null ? null : Digests.sha256(signs));
      return store.audit().append(c, who.name(), AuditAction.ATTESTATION, Reviews.subject(useCaseId), p);
    });
  }

  /** A use case's attestations recorded up to and including {@code asOf} (ISO time; null for all), oldest first. */
  public List<Attestation> attestations(String useCaseId, String asOf) {
    return store.transaction(c -> {
      List<Attestation> out = new java.util.ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT item, user_name, role_used, created_at, note, document_sha256, staff_trained, signs "
          + "FROM attestations WHERE use_case_id = ? ORDER BY created_at, id")) {
        ps.setString(1, useCaseId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String at = rs.getString(4);
            if (asOf != null && java.time.Instant.parse(at).isAfter(java.time.Instant.parse(asOf))) continue;
            int n = rs.getInt(7);
            Integer staff = rs.wasNull() ? null : n;
            out.add(new Attestation(rs.getString(1), rs.getString(2), rs.getString(3), at, rs.getString(5), rs.getString(6), staff, rs.getString(8)));
          }
        }
      }
      return out;
    });
  }

  /**
   * Records a committee decision on a registered use case ({@link StoreException.NotFound} otherwise); only the
   * committee chair may. {@code runId}, when given, must be a run of that use case.
   */
  public AuditLog.Checkpoint decide(Principal who, String useCaseId, Outcome outcome, String conditions, LocalDate reviewDate, String runId) {
    return decide(who, useCaseId, outcome, conditions, reviewDate, runId, null);
  }

  /**
   * As {@link #decide(Principal, String, Outcome, String, LocalDate, String)}, attaching the monitoring guardrails as
   * structured conditions: {@code guardrails} is the JSON of the limits (docs/monitoring.md), or null for none.
   */
  public AuditLog.Checkpoint decide(Principal who, String useCaseId, Outcome outcome, String conditions, LocalDate reviewDate, String runId,
      String guardrails) {
    Texts.check("the conditions", conditions, Texts.NOTE);
    store.reviews().requireUseCase(useCaseId);
    requireAudited(who, EnumSet.of(Role.COMMITTEE_CHAIR), "record a committee decision", AuditAction.DECISION_REFUSED, Reviews.subject(useCaseId),
        Map.of("outcome", outcome.word()));
    if (outcome == Outcome.APPROVE_WITH_CONTINGENCIES && (conditions == null || conditions.isBlank())) {
      throw new StoreException("approve with contingencies needs the conditions (--conditions)");
    }
    if ((outcome == Outcome.APPROVE_WITH_CONTINGENCIES || outcome == Outcome.RE_REVIEW) && reviewDate == null) {
      throw new StoreException(outcome.word() + " needs a review date (--review-date YYYY-MM-DD)");
    }
    String id = UUID.randomUUID().toString();
    return store.transaction(c -> {
      AuditLog.lock(c);
      String now = Store.now();
      if (runId != null) Reviews.requireRunOf(c, runId, useCaseId);
      if (outcome == Outcome.APPROVE || outcome == Outcome.APPROVE_WITH_CONTINGENCIES) requireApprovable(c, who, useCaseId, outcome, runId);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO decisions (id, use_case_id, run_id, outcome, conditions, review_date, "
          + "user_name, created_at, guardrails) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, id);
        ps.setString(2, useCaseId);
        ps.setString(3, runId);
        ps.setString(4, outcome.word());
        ps.setString(5, conditions);
        ps.setString(6, reviewDate == null ? null : reviewDate.toString());
        ps.setString(7, who.name());
        ps.setString(8, now);
        ps.setString(9, guardrails);
        ps.executeUpdate();
      }
      // A new decision is the re-review a monitoring breach asked for: the use case is monitored afresh.
      try (PreparedStatement ps = c.prepareStatement("UPDATE monitor_status SET status = ?, reason = NULL, updated_at = ? WHERE use_case_id = ? AND status = ?")) {
        ps.setString(1, Monitoring.MONITORED);
        ps.setString(2, now);
        ps.setString(3, useCaseId);
        ps.setString(4, Monitoring.RE_REVIEW_DUE);
        ps.executeUpdate();
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("decision_id", id);
      p.put("outcome", outcome.word());
      p.put("conditions", conditions);
      p.put("review_date", reviewDate == null ? null : reviewDate.toString());
      p.put("run_id", runId);
      if (guardrails != null) p.put("guardrails", guardrails);
      return store.audit().append(c, who.name(), AuditAction.DECISION, Reviews.subject(useCaseId), p);
    });
  }

  /**
   * An approval follows the gate: approve needs the decided run (the one given, else the use case's latest) to be GO;
   * approve with contingencies needs GO or REDESIGN (the conditions are the redesign); a NO-GO, whose fatal flaw has no
   * fix, can only be declined or set for re-review. And the chair who approves must have signed none of the use case's
   * items 3, 6 and 7 (separation of duties: who vouches for the evidence does not also approve it).
   */
  private static void requireApprovable(Connection c, Principal who, String useCaseId, Outcome outcome, String runId) throws SQLException {
    String run = runId;
    String verdict = null;
    String flaw = null;
    try (PreparedStatement ps = c.prepareStatement(runId != null ? "SELECT id, verdict, fatal_flaw FROM review_runs WHERE id = ?"
        : "SELECT id, verdict, fatal_flaw FROM review_runs WHERE use_case_id = ? ORDER BY created_at DESC, id DESC")) {
      ps.setString(1, runId != null ? runId : useCaseId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          run = rs.getString(1);
          verdict = rs.getString(2);
          flaw = rs.getString(3);
        }
      }
    }
    if (verdict == null) {
      throw new StoreException("there is no review run of " + useCaseId + " to approve: review it first (tollgate review), then decide on its verdict");
    }
    String which = "run " + run.substring(0, Math.min(8, run.length())) + " of " + useCaseId;
    if (!outcome.allowedFor(verdict)) {
      throw new StoreException(verdict.equals("NO-GO")
          ? which + " is NO-GO" + (flaw == null ? "" : " (" + flaw + ")") + ": a fatal flaw has no fix to make a condition of, so the "
              + "committee can decline it or set a re-review after the model or workflow changes, not approve it"
          : which + " is " + verdict + ": approving needs a GO; approve with contingencies names the redesign as its conditions, with a review date");
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT item FROM attestations WHERE use_case_id = ? AND user_name = ? ORDER BY item")) {
      ps.setString(1, useCaseId);
      ps.setString(2, who.name());
      List<String> signed = new java.util.ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) signed.add(rs.getString(1).replace('_', ' '));
      }
      if (!signed.isEmpty()) {
        throw new StoreException(who.name() + " signed " + String.join(" and ", signed) + " for " + useCaseId + ": the decision to approve is recorded "
            + "by a committee chair who signed none of its items (separation of duties)");
      }
    }
  }

  /** A stored committee decision; {@code guardrails} is the attached monitoring limits as JSON, or null. */
  public record Decision(String outcome, String conditions, String reviewDate, String runId, String user, String createdAt, String guardrails) {}

  /** A use case's decisions, oldest first. */
  public List<Decision> decisions(String useCaseId) {
    return store.transaction(c -> {
      List<Decision> out = new java.util.ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT outcome, conditions, review_date, run_id, user_name, created_at, guardrails "
          + "FROM decisions WHERE use_case_id = ? ORDER BY created_at, id")) {
        ps.setString(1, useCaseId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(new Decision(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
              rs.getString(7)));
        }
      }
      return out;
    });
  }

  /** Parses an ISO date for a review date, with a message naming the bad value. */
  public static LocalDate date(String s) {
    try {
      return s == null ? null : LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new StoreException("review date '" + s + "' is not YYYY-MM-DD");
    }
  }

  /** Every user's name and roles (no hashes). */
  public Map<String, Set<Role>> users() {
    return store.transaction(c -> {
      Map<String, Set<Role>> out = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT name, roles FROM users ORDER BY name"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.put(rs.getString(1), parseRoles(rs.getString(2)));
      }
      return out;
    });
  }

  /**
   * As {@link #require}, and a refusal is recorded in the audit trail ({@code action}, with the roles the person had)
   * before it is thrown, as failed logins are: a committee sees who tried to sign for what they may not.
   */
  private Role requireAudited(Principal who, Set<Role> allowed, String what, AuditAction action, String subject, Map<String, Object> payload) {
    try {
      return require(who, allowed, what);
    } catch (StoreException.NotAllowed e) {
      Map<String, Object> p = new java.util.TreeMap<>(payload);
      p.put("roles", words(who.roles()));
      store.transaction(c -> store.audit().append(c, who.name(), action, subject, p));
      throw e;
    }
  }

  private static Role require(Principal who, Set<Role> allowed, String what) {
    for (Role r : allowed) {
      if (who.roles().contains(r)) return r;
    }
    throw new StoreException.NotAllowed(who.name() + " (" + words(who.roles()) + ") may not " + what + "; that needs "
        + allowed.stream().map(Role::word).collect(Collectors.joining(" or ")));
  }

  private static String words(Set<Role> roles) {
    return roles.stream().sorted().map(Role::word).collect(Collectors.joining(","));
  }

  private static Set<Role> parseRoles(String s) {
    EnumSet<Role> out = EnumSet.noneOf(Role.class);
    for (String w : s.split(",")) {
      if (!w.isBlank()) out.add(Role.parse(w));
    }
    return out;
  }

}
