package org.tollgate.ingest.write;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;

/**
 * One output table streamed into DuckDB: a producer thread runs the generator and fills column
 * chunks of {@value #CHUNK} rows (primitive arrays; strings as UTF-8 byte arrays shared between
 * rows), and DuckDB pulls them through a Java table function, so a {@code COPY (SELECT … FROM
 * fn()) TO …} writes the file while the next rows are being generated on the other core.
 *
 * <p>Memory stays bounded: a fixed pool of {@value #POOL} chunks circulates between the two sides.
 * Why a table function rather than DuckDB's appender into a table followed by a COPY: it writes
 * each row once instead of three times (appender, table storage, file) and needs no temporary
 * database; measured 6.4× faster (see {@link CohortWriter}).
 */
final class StreamedTable {
  static final int CHUNK = 2048;
  private static final int POOL = 16;

  /** Marks a missing BIGINT value. */
  static final long NULL_LONG = Long.MIN_VALUE;

  enum Kind {
    BIGINT(DuckDBColumnType.BIGINT),
    INTEGER(DuckDBColumnType.INTEGER),
    DOUBLE(DuckDBColumnType.DOUBLE),
    VARCHAR(DuckDBColumnType.VARCHAR);

    final DuckDBColumnType duckType;

    Kind(DuckDBColumnType t) {
      this.duckType = t;
    }
  }

  record Column(String name, Kind kind) {}

  /** The producer's body: writes rows into {@code rows}; runs on the producer thread. */
  @FunctionalInterface
  interface Producer {
    void produce(Rows rows) throws Exception;
  }

  private static final Chunk END = new Chunk(List.of());

  private final List<Column> columns;
  private final AtomicBoolean cancelled;
  private final BlockingQueue<Chunk> ready = new ArrayBlockingQueue<>(POOL + 1);
  private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(POOL);
  private volatile Throwable failure;
  private long rows;

  /**
   * @param columns the table's columns
   * @param cancelled set by anyone to stop both sides (ctrl-C, a DuckDB error)
   */
  StreamedTable(List<Column> columns, AtomicBoolean cancelled) {
    this.columns = List.copyOf(columns);
    this.cancelled = cancelled;
    for (int i = 0; i < POOL; i++) {
      free.add(new Chunk(columns));
    }
  }

  /**
   * Runs {@code sql} (which must read from {@code functionName()}) while {@code producer} feeds it,
   * and returns the number of rows produced. Stops the producer however the statement ends.
   */
  long copy(Connection connection, String functionName, String sql, Producer producer) throws SQLException {
    DuckDBFunctions.tableFunction().withName(functionName).withFunction(new Function()).register(connection);
    Thread thread = new Thread(() -> runProducer(producer), "tollgate-" + functionName);
    thread.setDaemon(true);
    thread.start();
    boolean ok = false;
    try (Statement st = connection.createStatement()) {
      st.execute(sql);
      ok = true;
    } catch (SQLException e) {
      if (failure != null) {
        throw new CohortWriteException("generating " + functionName + " failed: " + failure.getMessage(), failure);
      }
      if (cancelled.get()) {
        throw new CancellationException("cancelled");
      }
      throw e;
    } finally {
      if (!ok) {
        cancelled.set(true);
      }
      thread.interrupt();
      joinQuietly(thread);
    }
    if (failure != null) {
      throw new CohortWriteException("generating " + functionName + " failed: " + failure.getMessage(), failure);
    }
    return rows;
  }

  private static void joinQuietly(Thread t) {
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void runProducer(Producer producer) {
    Rows sink = new Rows();
    try {
      producer.produce(sink);
      sink.finish();
    } catch (CancellationException e) {
      // the consumer stopped first; it reports why
    } catch (Throwable t) {
      failure = t;
      cancelled.set(true);
    }
  }

  /** Column buffers of one chunk; exactly one typed array per column is non-null. */
  private static final class Chunk {
    final long[][] longs;
    final int[][] ints;
    final double[][] doubles;
    final byte[][][] strings;
    int size;

    Chunk(List<Column> columns) {
      int n = columns.size();
      longs = new long[n][];
      ints = new int[n][];
      doubles = new double[n][];
      strings = new byte[n][][];
      for (int c = 0; c < n; c++) {
        switch (columns.get(c).kind()) {
          case BIGINT -> longs[c] = new long[CHUNK];
          case INTEGER -> ints[c] = new int[CHUNK];
          case DOUBLE -> doubles[c] = new double[CHUNK];
          case VARCHAR -> strings[c] = new byte[CHUNK][];
        }
      }
    }
  }

  /** The producer's side: set each column of the current row, then {@link #endRow()}. */
  final class Rows {
    private Chunk chunk;
    private int row;

    void setLong(int column, long v) {
      chunk.longs[column][row] = v;
    }

    void setInt(int column, int v) {
      chunk.ints[column][row] = v;
    }

    /** {@code NaN} is written as NULL. */
    void setDouble(int column, double v) {
      chunk.doubles[column][row] = v;
    }

    /** UTF-8 bytes, shared not copied: the caller must not change them afterwards. */
    void setString(int column, byte[] utf8) {
      chunk.strings[column][row] = utf8;
    }

    /** Starts a row; fetches a free chunk when needed (blocks while DuckDB is behind). */
    void beginRow() {
      if (chunk == null) {
        chunk = take(free);
        row = 0;
      }
    }

    void endRow() {
      rows++;
      if (++row == CHUNK) {
        publish();
      }
    }

    private void publish() {
      chunk.size = row;
      put(chunk);
      chunk = null;
    }

    void finish() {
      if (chunk != null && row > 0) {
        publish();
      }
      put(END);
    }

    private void put(Chunk c) {
      try {
        while (!ready.offer(c, 100, TimeUnit.MILLISECONDS)) {
          checkCancelled();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted");
      }
    }

    private Chunk take(BlockingQueue<Chunk> q) {
      try {
        while (true) {
          checkCancelled();
          Chunk c = q.poll(100, TimeUnit.MILLISECONDS);
          if (c != null) {
            return c;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted");
      }
    }

    private void checkCancelled() {
      if (cancelled.get()) {
        throw new CancellationException("cancelled");
      }
    }
  }

  /** The DuckDB side: hands out one ready chunk per call. */
  private final class Function implements DuckDBTableFunction<Object, Object, Object> {
    private boolean done;

    @Override
    public Object bind(DuckDBTableFunctionBindInfo info) {
      for (Column c : columns) {
        info.addResultColumn(c.name(), c.kind().duckType);
      }
      return null;
    }

    @Override
    public Object init(DuckDBTableFunctionInitInfo info) {
      info.setMaxThreads(1); // rows must arrive in generation order
      return null;
    }

    @Override
    public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out) throws Exception {
      if (done) {
        return 0;
      }
      if (out.capacity() < CHUNK) {
        throw new IllegalStateException("DuckDB vector size " + out.capacity() + " < " + CHUNK);
      }
      Chunk c = null;
      while (c == null) {
        if (cancelled.get()) {
          throw new CancellationException(failure != null ? "generator failed: " + failure : "cancelled");
        }
        c = ready.poll(100, TimeUnit.MILLISECONDS);
      }
      if (c == END) {
        done = true;
        return 0;
      }
      int n = c.size;
      for (int col = 0; col < columns.size(); col++) {
        DuckDBWritableVector v = out.vector(col);
        switch (columns.get(col).kind()) {
          case BIGINT -> {
            long[] a = c.longs[col];
            for (int i = 0; i < n; i++) {
              if (a[i] == NULL_LONG) {
                v.setNull(i);
              } else {
                v.setLong(i, a[i]);
              }
            }
          }
          case INTEGER -> {
            int[] a = c.ints[col];
            for (int i = 0; i < n; i++) {
              v.setInt(i, a[i]);
            }
          }
          case DOUBLE -> {
            double[] a = c.doubles[col];
            for (int i = 0; i < n; i++) {
              if (Double.isNaN(a[i])) {
                v.setNull(i);
              } else {
                v.setDouble(i, a[i]);
              }
            }
          }
          case VARCHAR -> {
            byte[][] a = c.strings[col];
            v.setStringUtf8Batch(0, n == CHUNK ? a : Arrays.copyOf(a, n));
            Arrays.fill(a, 0, n, null); // do not keep the last encounter's strings alive
          }
        }
      }
      free.add(c);
      return n;
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
