package org.tollgate.ingest.write;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * While open, ctrl-C (JVM shutdown) sets the writer's cancel flag and waits up to 10 s for the writer
 * to remove its temporary directory, so an interrupted write leaves nothing half-written. Declare it
 * before the {@link OutputDirectory} in the same try-with-resources: the directory is cleaned first,
 * then this releases the hook.
 */
final class CancelOnShutdown implements AutoCloseable {
  private final CountDownLatch cleaned = new CountDownLatch(1);
  private final Thread hook;

  CancelOnShutdown(AtomicBoolean cancelled, String threadName) {
    hook = new Thread(() -> {
      cancelled.set(true);
      try {
        cleaned.await(10, TimeUnit.SECONDS); // let the writer remove its temporary directory
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, threadName);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @Override
  public void close() {
    cleaned.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running; it only waited for us
    }
  }
}
