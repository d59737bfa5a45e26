package org.tollgate.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an embedded H2 file database in a temporary folder. */
class H2StoreTest extends StoreContract {
  @TempDir Path dir;

  @Override
  Store freshStore() {
    return Store.open(Store.h2File(dir.resolve("store")));
  }
}
