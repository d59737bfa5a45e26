package org.tollgate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tollgate.store.Store;
import org.tollgate.web.Web;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tollgate serve}: the web app and REST API over the store. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serves the web app (portfolio, use cases with their dossier, attest and decide forms, audit trail, upload)",
        "and the REST API under /api/v1 (OpenAPI at /api/v1/openapi.yaml) over the store. Nothing is open without logging in.",
        "On an empty store it creates the account admin with the password in $TOLLGATE_ADMIN_PASSWORD, else a random one printed once."})
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "Interface to listen on (default: ${DEFAULT-VALUE}, loopback; anything else belongs behind an HTTPS proxy).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "7070", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--uploads", paramLabel = "DIR", defaultValue = "tollgate-data/uploads",
      description = "Where uploaded review bundles are unpacked and kept for replay (default: ${DEFAULT-VALUE}).")
  Path uploads;

  @Option(names = "--max-upload-mb", paramLabel = "MB", defaultValue = "64", description = "Largest review bundle accepted, in MB (default: ${DEFAULT-VALUE}).")
  int maxUploadMb;

  @Option(names = "--trusted-proxy", paramLabel = "ADDRESS", split = ",",
      description = {"Address of an HTTPS proxy in front (repeatable). Only from these is X-Forwarded-Proto or Forwarded: proto=https",
          "believed: cookies are then Secure and HSTS is sent. Default: none (see docs/security.md)."})
  java.util.List<String> trustedProxies = new java.util.ArrayList<>();

  @Option(names = "--keep-uploads", description = {"Keep uploaded bundles' data files after their run is stored (default: delete them,",
      "keeping review.yaml, the dossier and every input's SHA-256; see docs/security.md)."})
  boolean keepUploads;

  @Option(names = "--max-stored-mb-per-uploader", paramLabel = "MB", defaultValue = "2048",
      description = "What one person's stored bundles may occupy on disk together, in MB (default: ${DEFAULT-VALUE}).")
  long maxStoredMb;

  @Option(names = "--token-days", paramLabel = "N", defaultValue = "90", description = "Days an API token issued through the API lasts (default: ${DEFAULT-VALUE}).")
  int tokenDays;

  @Override
  public Integer call() throws InterruptedException {
    if (maxUploadMb < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-upload-mb must be at least 1");
    if (maxStoredMb < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-stored-mb-per-uploader must be at least 1");
    if (tokenDays < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--token-days must be at least 1");
    Store st = store.open(); // held open until the process stops: the server opens a connection per request
    PrintWriter out = spec.commandLine().getOut();
    Web.bootstrapAdmin(st, StoreOptions.env.apply("TOLLGATE_ADMIN_PASSWORD"), out);
    Web web = Web.create(new Web.Settings(host, port, st, new Main.Version().getVersion()[0], uploads, maxUploadMb * (1L << 20))
        .withTrustedProxies(java.util.Set.copyOf(trustedProxies)).withTokenLifetime(java.time.Duration.ofDays(tokenDays))
        .withRetention(keepUploads ? Web.Retention.KEEP : Web.Retention.DELETE_DATA_AFTER_RUN).withMaxBytesPerUploader(maxStoredMb << 20)).start();
    String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + web.port();
    out.println("tollgate web app: " + base + "/ (store " + st.url() + ")");
    out.println("API: " + base + "/api/v1 (OpenAPI: /api/v1/openapi.yaml). Ctrl-C stops it.");
    if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
      out.println("Warning: listening beyond loopback without TLS; put it behind an HTTPS proxy.");
    }
    out.flush();
    web.serveUntilShutdown();
    return ExitCodes.OK;
  }
}
