package org.tollgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.tollgate.cli.Main;
import org.tollgate.report.Json;
import org.tollgate.store.People;
import org.tollgate.store.Store;

/**
 * A running server on loopback (port 0) over a fresh H2 store, with one person per role (all with {@link #PASSWORD})
 * and a small synthetic sepsis review folder (600 encounters, the review.yaml template) zipped as a bundle.
 */
final class WebFixture implements AutoCloseable {
  static final String PASSWORD = "correct horse battery";
  final Path dir;
  final Store store;
  final Web web;
  final String base;
  final Path review;
  final byte[] bundle;
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  WebFixture(Path dir) throws IOException {
    this(dir, Bundles.Limits.DEFAULT.maxUploadBytes());
  }

  WebFixture(Path dir, long maxUpload) throws IOException {
    this.dir = dir;
    this.store = Store.open(Store.h2File(dir.resolve("store")));
    store.people().addUser("admin", EnumSet.of(People.Role.ADMIN), PASSWORD.toCharArray(), null);
    People.Principal admin = store.people().login("admin", PASSWORD.toCharArray());
    // Not temporary (an admin's choice is, by default): the tests log in as these people directly.
    store.people().addUser("pat", EnumSet.of(People.Role.PRODUCT_MANAGER), PASSWORD.toCharArray(), admin, false);
    store.people().addUser("clara", EnumSet.of(People.Role.CLINICIAN), PASSWORD.toCharArray(), admin, false);
    store.people().addUser("cora", EnumSet.of(People.Role.COMPLIANCE_OFFICER), PASSWORD.toCharArray(), admin, false);
    store.people().addUser("chair", EnumSet.of(People.Role.COMMITTEE_CHAIR), PASSWORD.toCharArray(), admin, false);
    // Every test logs in from 127.0.0.1: the per-address limit is raised here; WebHardeningTest checks the defaults.
    this.web = Web.create(new Web.Settings("127.0.0.1", 0, store, "tollgate test", dir.resolve("uploads"), maxUpload)
        .withLoginLimits(10_000, 10_000, 100_000)).start();
    this.base = "http://127.0.0.1:" + web.port();
    this.review = sepsisReview(dir.resolve("review"));
    this.bundle = zip(review);
  }

  /** A review folder: a 600-encounter synthetic sepsis cohort and the review.yaml template `tollgate init` writes. */
  static Path sepsisReview(Path at) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = Main.run(new String[] {"generate", "sepsis", "--encounters", "600", "--out", at.toString(), "--format", "parquet"},
        new PrintWriter(out), new PrintWriter(err));
    assertEquals(0, rc, err.toString());
    try (InputStream in = WebFixture.class.getClassLoader().getResourceAsStream("templates/review.yaml")) {
      Files.copy(in, at.resolve("review.yaml"));
    }
    return at;
  }

  /** The folder's files as a zip, at the top of the archive. */
  static byte[] zip(Path folder) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b); Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        if (folder.relativize(f).startsWith("out")) continue;
        z.putNextEntry(new ZipEntry(folder.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, z);
        z.closeEntry();
      }
    }
    return b.toByteArray();
  }

  /** A zip of the given (name, bytes) entries, names taken as they are. */
  static byte[] zipOf(List<String> names, List<byte[]> contents) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      for (int k = 0; k < names.size(); k++) {
        z.putNextEntry(new ZipEntry(names.get(k)));
        z.write(contents.get(k));
        z.closeEntry();
      }
    }
    return b.toByteArray();
  }

  String token(String user) {
    return store.people().issueToken(store.people().login(user, PASSWORD.toCharArray()), "test");
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (token != null) r.header("Authorization", "Bearer " + token);
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> getBytes(String path, String token) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (token != null) r.header("Authorization", "Bearer " + token);
    return http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> postJson(String path, String token, String json) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) r.header("Authorization", "Bearer " + token);
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postZip(String token, byte[] zip) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + "/api/v1/reviews")).header("Content-Type", "application/zip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(zip));
    if (token != null) r.header("Authorization", "Bearer " + token);
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Logs in through the form as a browser does (login cookie, hidden field); returns the response, whose
   * {@code Set-Cookie} carries the session on success.
   */
  HttpResponse<String> formLogin(String user, String password) throws Exception {
    return formLogin(base, user, password);
  }

  /** As {@link #formLogin(String, String)}, at another server (one with other settings over the same store). */
  HttpResponse<String> formLogin(String base, String user, String password) throws Exception {
    HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(), HttpResponse.BodyHandlers.ofString());
    String c = form.headers().allValues("Set-Cookie").stream().filter(x -> x.startsWith(Sessions.LOGIN_COOKIE + "=")).findFirst().orElseThrow();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"login_csrf\" value=\"([^\"]*)\"").matcher(form.body());
    if (!m.find()) throw new AssertionError("no login_csrf field");
    String body = "user=" + java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8) + "&password="
        + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8) + "&login_csrf=" + m.group(1);
    return http.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", c.substring(0, c.indexOf(';'))).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The session cookie ("name=value") of a successful {@link #formLogin}. */
  static String sessionCookie(HttpResponse<String> login) {
    String c = login.headers().allValues("Set-Cookie").stream().filter(x -> x.startsWith(Sessions.COOKIE + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("no session: " + login.statusCode() + " " + login.body()));
    return c.substring(0, c.indexOf(';'));
  }

  /** A GET with a session cookie. */
  HttpResponse<String> getWithCookie(String path, String cookie) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Whether {@code text} says "Verdict:" then the verdict word (after any symbol; GO does not match NO-GO). */
  static boolean showsVerdict(String text, String verdict) {
    return java.util.regex.Pattern.compile("Verdict:[^A-Za-z]*" + java.util.regex.Pattern.quote(verdict) + "(?![A-Za-z-])").matcher(text).find();
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return Json.MAPPER.readTree(r.body());
  }

  /** Files under the uploads folder (a refused bundle must leave none behind). */
  long uploadedFiles() throws IOException {
    Path u = dir.resolve("uploads");
    if (!Files.exists(u)) return 0;
    try (Stream<Path> s = Files.walk(u)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Override
  public void close() {
    web.stop();
    store.close();
  }
}
