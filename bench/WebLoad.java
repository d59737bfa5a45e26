import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load and latency of the web app on loopback (run by bench/web.sh; no dependencies, `java bench/WebLoad.java`):
 * the use-case page and the dossier PDF on their first request (the server renders each use case's latest run into
 * its cache on a background thread at start; A4 is not pre-rendered, so it shows a cold render) and warm, then 200 requests at once and 2,000 more with 200 in flight. Bounded: every request
 * times out after 30 s and the whole run after 120 s. Prints figures; exit 1 when any request failed.
 *
 * <p>Usage: {@code java bench/WebLoad.java BASE_URL TOKEN RUN_ID USE_CASE_ID}
 */
public class WebLoad {
  public static void main(String[] a) throws Exception {
    String base = a[0], token = a[1], run = a[2], useCase = a[3];
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String page = base + "/use-cases/" + useCase;
    String pdf = base + "/api/v1/runs/" + run + "/dossier.pdf";
    System.out.printf(Locale.ROOT, "first request after start (audit page; JVM and store warm-up): %.1f ms%n", ms(http, token, base + "/audit"));
    System.out.printf(Locale.ROOT, "use-case page, first request: %.1f ms%n", ms(http, token, page));
    List<Double> warm = new ArrayList<>();
    for (int k = 0; k < 100; k++) warm.add(ms(http, token, page));
    System.out.println("use-case page, warm (100 sequential): " + summary(warm));
    System.out.printf(Locale.ROOT, "dossier PDF (Letter), first request: %.1f ms%n", ms(http, token, pdf));
    System.out.printf(Locale.ROOT, "dossier PDF (A4), first request (not warmed up): %.1f ms%n", ms(http, token, pdf + "?page=a4"));
    System.out.printf(Locale.ROOT, "dossier PDF (Letter), warm: %.1f ms%n", ms(http, token, pdf));
    int failed = burst(http, token, page, 200, 200) + burst(http, token, page, 2000, 200);
    System.exit(failed == 0 ? 0 : 1);
  }

  static double ms(HttpClient http, String token, String url) throws Exception {
    long t = System.nanoTime();
    HttpResponse<byte[]> r = http.send(req(token, url), HttpResponse.BodyHandlers.ofByteArray());
    double ms = (System.nanoTime() - t) / 1e6;
    if (r.statusCode() != 200) throw new IllegalStateException(url + " gave " + r.statusCode() + ": " + new String(r.body()));
    return ms;
  }

  static HttpRequest req(String token, String url) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
  }

  /** {@code n} requests with {@code inFlight} threads released together; returns how many failed. */
  static int burst(HttpClient http, String token, String url, int n, int inFlight) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(inFlight);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Double> lat = Collections.synchronizedList(new ArrayList<>());
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < inFlight; t++) {
      fs.add(pool.submit(() -> {
        go.await();
        while (next.getAndIncrement() < n) {
          long s = System.nanoTime();
          try {
            HttpResponse<byte[]> r = http.send(req(token, url), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) failed.incrementAndGet();
          } catch (Exception e) {
            failed.incrementAndGet();
          }
          lat.add((System.nanoTime() - s) / 1e6);
        }
        return null;
      }));
    }
    long t0 = System.nanoTime();
    go.countDown();
    pool.shutdown();
    if (!pool.awaitTermination(120, TimeUnit.SECONDS)) {
      pool.shutdownNow();
      throw new IllegalStateException("the burst did not finish in 120 s");
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "%,d page requests, %d in flight: %d failed, %.2f s wall, %.0f requests/s; latency %s%n",
        n, inFlight, failed.get(), wall, n / wall, summary(lat));
    return failed.get();
  }

  static String summary(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return String.format(Locale.ROOT, "median %.1f ms, p95 %.1f ms, max %.1f ms", s.get(s.size() / 2), s.get((int) Math.ceil(0.95 * s.size()) - 1), s.get(s.size() - 1));
  }
}
