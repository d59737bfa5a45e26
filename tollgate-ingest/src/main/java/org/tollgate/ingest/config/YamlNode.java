package org.tollgate.ingest.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tollgate.data.BadInputException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A YAML node with its file, line and key path, and typed accessors whose errors read
 * "FILE: line N, column 'path': problem". Unknown keys are errors too (a typo must not be silently
 * ignored in a document a committee signs).
 */
public final class YamlNode {
  private final String file;
  private final String path;
  private final Node node;

  private YamlNode(String file, String path, Node node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  /**
   * The largest YAML settings file read: 1 MiB (1,048,576 bytes). A review.yaml is a few kilobytes;
   * the limit stops a file that would take minutes and gigabytes to parse before any work is done.
   */
  public static final int MAX_BYTES = 1 << 20;

  /**
   * The most aliases ({@code *name}) to a list or mapping in one file: 10. Each alias repeats a whole
   * subtree, so a few nested ones ("billion laughs") make a file of a few lines expand to gigabytes.
   */
  public static final int MAX_COLLECTION_ALIASES = 10;

  /**
   * Parses a file; every problem with it is a {@link BadInputException} naming the file and, where it
   * has one, the line: a file over {@link #MAX_BYTES}, a byte that is not UTF-8, a syntax error, more
   * than {@link #MAX_COLLECTION_ALIASES} aliases to a list or mapping, a key that appears twice in one
   * mapping (the last would otherwise win silently), a merge key ({@code <<}, not supported), an empty file.
   */
  public static YamlNode read(Path p) {
    String file = p.toString();
    return parse(text(file, p), file);
  }

  /**
   * Parses text already read (YAML, or JSON, which is YAML) under the same limits and checks as {@link #read};
   * {@code file} names it in errors (e.g. the guardrails a committee decision attached).
   */
  public static YamlNode parse(String text, String file) {
    LoaderOptions opts = new LoaderOptions();
    opts.setAllowDuplicateKeys(false);
    opts.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
    opts.setCodePointLimit(MAX_BYTES);
    Node n;
    try {
      n = new Yaml(opts).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      long line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw BadInputException.atLine(file, line, null, "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      if (String.valueOf(e.getMessage()).startsWith("Number of aliases")) {
        throw BadInputException.atLine(file, lineOfExcessAlias(text, opts), null, "more than " + MAX_COLLECTION_ALIASES
            + " aliases (*name) to a list or mapping; write the values out (the limit stops a file that expands to gigabytes)");
      }
      throw new BadInputException(file, "not valid YAML: " + e.getMessage());
    }
    if (n == null) {
      throw new BadInputException(file, "the file is empty");
    }
    YamlNode root = new YamlNode(file, "", n);
    root.checkKeys(java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    return root;
  }

  /** The file's text: at most {@link #MAX_BYTES}, strict UTF-8 (the line of the first bad byte), without a byte-order mark. */
  private static String text(String file, Path p) {
    byte[] bytes;
    try (java.io.InputStream in = Files.newInputStream(p)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file, "file not found");
    } catch (IOException e) {
      throw new BadInputException(file, "cannot read: " + e.getMessage());
    }
    if (bytes.length > MAX_BYTES) {
      throw new BadInputException(file, "larger than the limit of 1 MiB (" + MAX_BYTES + " bytes) for a YAML settings file");
    }
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
    java.nio.charset.CoderResult r = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
        .decode(in, out, true);
    if (r.isError()) {
      int at = in.position();
      long line = 1;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') line++;
      }
      boolean utf16 = bytes.length >= 2 && ((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff || (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe);
      throw BadInputException.atLine(file, line, null, String.format(java.util.Locale.ROOT,
          "not valid UTF-8 text (byte 0x%02X)%s; save the file as UTF-8", bytes[at] & 0xff, utf16 ? ", the file looks like UTF-16" : ""));
    }
    out.flip();
    String s = out.toString();
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** The line of the first alias to a collection beyond the limit (SnakeYAML's own error has none). */
  private static long lineOfExcessAlias(String text, LoaderOptions opts) {
    Set<String> collections = new java.util.HashSet<>();
    int aliases = 0;
    try {
      for (org.yaml.snakeyaml.events.Event ev : new Yaml(opts).parse(new StringReader(text))) {
        if (ev instanceof org.yaml.snakeyaml.events.CollectionStartEvent c && c.getAnchor() != null) {
          collections.add(c.getAnchor());
        } else if (ev instanceof org.yaml.snakeyaml.events.AliasEvent a && collections.contains(a.getAnchor())
            && ++aliases > MAX_COLLECTION_ALIASES) {
          return a.getStartMark() == null ? 0 : a.getStartMark().getLine() + 1;
        }
      }
    } catch (YAMLException e) {
      // the compose step already failed; no line is better than a second error
    }
    return 0;
  }

  /**
   * Refuses, anywhere in the document, a key that appears twice in one mapping and a merge key. SnakeYAML's
   * {@code setAllowDuplicateKeys(false)} is applied only when constructing Java objects, not to the node
   * tree this class reads, so the check is here.
   */
  private void checkKeys(Set<Node> seen) {
    if (!seen.add(node)) {
      return; // an alias to a subtree already checked
    }
    if (node instanceof MappingNode m) {
      Map<String, Node> keys = new java.util.HashMap<>();
      for (NodeTuple t : m.getValue()) {
        Node k = t.getKeyNode();
        String key = k instanceof ScalarNode s ? s.getValue() : null;
        String child = key == null ? path : path.isEmpty() ? key : path + "." + key;
        if (k.getTag().equals(org.yaml.snakeyaml.nodes.Tag.MERGE) || "<<".equals(key)) {
          throw new YamlNode(file, child, k).error("merge keys ('<<: *name') are not supported; write the keys out in full");
        }
        if (key != null) {
          Node first = keys.putIfAbsent(key, k);
          if (first != null) {
            throw new YamlNode(file, child, k).error("key '" + key + "' appears twice in this mapping (first on line "
                + (first.getStartMark().getLine() + 1) + "); remove one, the file must say one thing");
          }
        }
        new YamlNode(file, child, t.getValueNode()).checkKeys(seen);
      }
    } else if (node instanceof SequenceNode s) {
      int i = 0;
      for (Node n : s.getValue()) {
        new YamlNode(file, path + "[" + i++ + "]", n).checkKeys(seen);
      }
    }
  }

  public String file() {
    return file;
  }

  public String path() {
    return path;
  }

  public long line() {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  /** An error at this node. */
  public BadInputException error(String problem) {
    return BadInputException.atLine(file, line(), path.isEmpty() ? null : path, problem);
  }

  public boolean isMap() {
    return node instanceof MappingNode;
  }

  /** The entries of a mapping, in file order; rejects keys not in {@code allowed}. */
  public Map<String, YamlNode> map(Set<String> allowed) {
    if (!(node instanceof MappingNode m)) {
      throw error("expected a mapping of keys to values");
    }
    Map<String, YamlNode> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw new YamlNode(file, path, t.getKeyNode()).error("keys must be plain names");
      }
      String key = k.getValue();
      String child = path.isEmpty() ? key : path + "." + key;
      if (allowed != null && !allowed.contains(key)) {
        throw new YamlNode(file, child, t.getKeyNode()).error("unknown key '" + key + "'; allowed keys are " + new java.util.TreeSet<>(allowed));
      }
      out.put(key, new YamlNode(file, child, t.getValueNode()));
    }
    return out;
  }

  public List<YamlNode> list() {
    if (!(node instanceof SequenceNode s)) {
      throw error("expected a list");
    }
    List<YamlNode> out = new ArrayList<>();
    int i = 0;
    for (Node n : s.getValue()) {
      out.add(new YamlNode(file, path + "[" + i++ + "]", n));
    }
    return out;
  }

  public boolean isNull() {
    return node instanceof ScalarNode s && (s.getValue().isEmpty() || s.getValue().equals("null") || s.getValue().equals("~"))
        && s.getTag().getValue().endsWith(":null");
  }

  public String string() {
    if (!(node instanceof ScalarNode s)) {
      throw error("expected a single value");
    }
    return s.getValue();
  }

  /**
   * A scalar as the text it is written as, refusing an explicit YAML tag ({@code !!int}, {@code !!binary}, a local
   * {@code !tag}): a tagged value means something other than its text, and a file name must mean what it says.
   */
  public String text() {
    String v = string();
    ScalarNode s = (ScalarNode) node;
    Tag implicit = s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN ? RESOLVER.resolve(NodeId.scalar, v, true) : Tag.STR;
    if (!s.getTag().equals(implicit) && !s.getTag().equals(Tag.STR)) {
      throw error("must be plain text, not a value tagged " + s.getTag().getValue().replace(Tag.PREFIX, "!!"));
    }
    return v;
  }

  private static final Resolver RESOLVER = new Resolver();

  public double number() {
    String v = string().trim().replace("_", "");
    try {
      double d = Double.parseDouble(v);
      if (!Double.isFinite(d)) throw new NumberFormatException();
      return d;
    } catch (NumberFormatException e) {
      throw error("must be a number, got '" + string() + "'");
    }
  }

  public double positive() {
    double d = number();
    if (!(d > 0)) throw error("must be greater than 0, got " + string());
    return d;
  }

  public double nonNegative() {
    double d = number();
    if (!(d >= 0)) throw error("must be 0 or more, got " + string());
    return d;
  }

  public int positiveInt() {
    double d = number();
    if (d != Math.rint(d) || d > Integer.MAX_VALUE) throw error("must be a whole number, got " + string());
    if (d <= 0) throw error("must be greater than 0, got " + string());
    return (int) d;
  }

  public double probability() {
    double d = number();
    if (!(d >= 0 && d <= 1)) throw error("must be between 0 and 1, got " + string());
    return d;
  }

  /**
   * A threshold on scores of {@code scale}: a number, and on the probability scale one in [0, 1]
   * ({@link org.tollgate.data.ColumnMapping.ScoreScale#thresholdProblem}); {@code rawHint} says how to declare a raw scale
   * where this file is read (e.g. "set data.score_scale: raw").
   */
  public double threshold(org.tollgate.data.ColumnMapping.ScoreScale scale, String rawHint) {
    double d = number();
    String problem = scale.thresholdProblem(d, rawHint);
    if (problem != null) throw error(problem);
    return d;
  }

  public boolean bool() {
    String v = string().trim().toLowerCase(java.util.Locale.ROOT);
    return switch (v) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw error("must be true or false, got '" + string() + "'");
    };
  }

  public List<String> strings() {
    if (node instanceof ScalarNode) return List.of(string());
    List<String> out = new ArrayList<>();
    for (YamlNode n : list()) out.add(n.string());
    return out;
  }
}
