package org.tollgate.ingest.config;

import java.io.IOException;
import java.io.Reader;
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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

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

  /** Parses text (YAML or JSON, which is YAML) named {@code name} in errors. */
  public static YamlNode parse(String text, String name) {
    try {
      LoaderOptions opts = new LoaderOptions();
      opts.setAllowDuplicateKeys(false);
      opts.setMaxAliasesForCollections(10);
      Node n = new Yaml(opts).compose(new java.io.StringReader(text));
      if (n == null) throw new BadInputException(name, "is empty");
      return new YamlNode(name, "", n);
    } catch (MarkedYAMLException e) {
      long line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw BadInputException.atLine(name, line, null, "not valid YAML or JSON: " + e.getProblem());
    }
  }

  /** Parses a file; syntax errors and empty files are {@link BadInputException}s with the line. */
  public static YamlNode read(Path p) {
    String file = p.toString();
    try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
      LoaderOptions opts = new LoaderOptions();
      opts.setAllowDuplicateKeys(false);
      opts.setMaxAliasesForCollections(10);
      Node n = new Yaml(opts).compose(r);
      if (n == null) {
        throw new BadInputException(file, "the file is empty");
      }
      return new YamlNode(file, "", n);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file, "file not found");
    } catch (MarkedYAMLException e) {
      long line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw BadInputException.atLine(file, line, null, "not valid YAML: " + e.getProblem());
    } catch (IOException e) {
      throw new BadInputException(file, "cannot read: " + e.getMessage());
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
