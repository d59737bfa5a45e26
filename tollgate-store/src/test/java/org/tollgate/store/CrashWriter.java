package org.tollgate.store;

import java.util.ArrayList;
import java.util.List;

/** Child process of {@link CrashConsistencyTest}: records review runs of 300 items each in a loop until killed. */
public final class CrashWriter {
  static final int ITEMS = 300;

  private CrashWriter() {}

  public static void main(String[] args) {
    Store store = Store.open(args[0]);
    List<Reviews.Item> items = new ArrayList<>();
    for (int k = 0; k < ITEMS; k++) items.add(new Reviews.Item("i" + k, "item " + k, "pass", "reason " + k, "{\"n\":" + k + "}"));
    for (long n = 1; ; n++) {
      store.reviews().record(new Reviews.NewRun("crash", "Crash test", "GO", null, "test", "/x", "settings " + n, "{\"n\":" + n + "}", items,
          List.of(new Reviews.Input("/x/scores.csv", "csv", "b".repeat(64), n))), "writer");
      System.out.println("committed " + n);
      System.out.flush();
    }
  }
}
