package org.tollgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
  @TempDir Path dir;

  @Test
  void the_demo_server_takes_the_next_port_when_its_own_is_busy_and_every_role_can_log_in() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      StringWriter out = new StringWriter();
      Web web = Demo.load(List.of(), dir, busy.getLocalPort(), "test", new PrintWriter(out));
      try {
        assertNotEquals(busy.getLocalPort(), web.port());
        assertTrue(out.toString().contains("tollgate web app: http://127.0.0.1:" + web.port() + "/"), out.toString());
        for (String user : Demo.ACCOUNTS.keySet()) {
          HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/api/v1/tokens"))
              .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + Demo.PASSWORD).getBytes(StandardCharsets.UTF_8)))
              .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
          assertEquals(201, r.statusCode(), user + ": " + r.body());
        }
      } finally {
        web.stop();
      }
    }
  }

  @Test
  void a_review_already_run_is_recorded_as_it_is_without_running_it_again() throws Exception {
    Path review = WebFixture.sepsisReview(dir.resolve("review"));
    org.tollgate.review.ReviewRunner.Outcome o = org.tollgate.review.ReviewRunner.run(org.tollgate.ingest.config.ReviewFile.read(review));
    StringWriter out = new StringWriter();
    Web web = Demo.load(List.of(review), List.of(o), dir.resolve("web"), 0, "test", new PrintWriter(out));
    try {
      org.tollgate.store.Reviews.UseCase u = web.bench.store.reviews().useCases().get(0);
      assertEquals(o.review().useCase().id(), u.id());
      assertEquals(o.gate().verdict().word(), u.latestVerdict());
      assertTrue(out.toString().contains("Recorded " + u.id() + ": " + u.latestVerdict()), out.toString());
      assertEquals(o.gate().fatalFlaw(), web.bench.run(u.latestRunId()).run.fatalFlaw());
    } finally {
      web.stop();
    }
  }

  /**
   * r17 finding 7: the demo's `tollgate review` printed run A's checkpoint and pointed to out/dossier.pdf, then the web load
   * rewrote out/ with run B. A folder the load keeps is recorded in the web store and its out/ is left byte for byte.
   */
  @Test
  void the_demo_cohorts_out_folder_keeps_the_run_the_command_line_printed() throws Exception {
    Path review = WebFixture.sepsisReview(dir.resolve("review"));
    java.nio.file.Files.createDirectories(review.resolve("out"));
    byte[] runA = "run A's dossier".getBytes(StandardCharsets.UTF_8);
    java.nio.file.Files.write(review.resolve("out").resolve("dossier.pdf"), runA);
    StringWriter out = new StringWriter();
    Web web = Demo.load(List.of(review), java.util.Collections.singletonList(null), java.util.Set.of(review), dir.resolve("web"), "127.0.0.1", 0, "test",
        new PrintWriter(out));
    try {
      org.tollgate.store.Reviews.UseCase u = web.bench.store.reviews().useCases().get(0);
      assertTrue(out.toString().contains("Recorded " + u.id() + ": " + u.latestVerdict() + " (run " + u.latestRunId().substring(0, 8) + ")"), out.toString());
      assertTrue(out.toString().contains("is left as `tollgate review` wrote it"), out.toString());
      org.junit.jupiter.api.Assertions.assertArrayEquals(runA, java.nio.file.Files.readAllBytes(review.resolve("out").resolve("dossier.pdf")));
      assertEquals(List.of("dossier.pdf"), java.nio.file.Files.list(review.resolve("out")).map(p -> p.getFileName().toString()).toList(),
          "nothing else written into out/");
    } finally {
      web.stop();
    }
  }
}
