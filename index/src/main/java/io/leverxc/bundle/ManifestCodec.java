package io.leverxc.bundle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leverxc.json.InvalidJsonException;
import io.leverxc.json.JsonDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/** Converts {@link Manifest} to and from {@code manifest.json}, checking the format version first. */
final class ManifestCodec {
  static final String FILE_NAME = "manifest.json";
  private static final String VERSION_FIELD = "formatVersion";

  // Strict on read: "554", 554.5 or a second labelCount is an error, not a silent conversion.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private ManifestCodec() {}

  /** Returns the manifest as JSON, with its checksum ({@link ManifestChecksum}) recorded in it. */
  static byte[] toJson(Manifest manifest) {
    try {
      // The checksum is taken over the JSON as a reader parses it, so numbers compare as text.
      ObjectNode tree = (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsBytes(manifest));
      ManifestChecksum.record(tree);
      return MAPPER.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new IllegalArgumentException("manifest cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * A manifest as read, with the checksum it records (null for a manifest written before checksums)
   * and the checksum of its content now.
   */
  record Loaded(Manifest manifest, String recordedChecksum, String currentChecksum) {
    /** Returns true when the content differs from the content the recorded checksum was taken on. */
    boolean edited() {
      return recordedChecksum != null && !recordedChecksum.equals(currentChecksum);
    }
  }

  /**
   * Returns the names of the files that the manifest {@code file} lists, itself included, or null
   * when the file is not a Lever-XC manifest: not a JSON object with a format version, a bundle id
   * and a file table. Unlike {@link #read}, it accepts manifests of any format version and does not
   * check their settings, because it only decides which files in a folder belong to a bundle.
   */
  static Set<String> listedFileNames(Path file) {
    JsonNode tree;
    try {
      tree = JsonDocuments.readSingleValue(MAPPER, Files.readAllBytes(file));
    } catch (IOException | InvalidJsonException e) {
      return null;
    }
    JsonNode files = tree.path("files");
    if (!tree.path(VERSION_FIELD).isNumber() || !tree.path("bundleId").isTextual() || !files.isObject()) {
      return null;
    }
    Set<String> names = new TreeSet<>();
    names.add(FILE_NAME);
    files.fieldNames().forEachRemaining(name -> names.add(name + ArrayFileFormat.EXTENSION));
    return names;
  }

  /**
   * Reads and checks a manifest.
   *
   * @throws BundleFormatException if the file is missing, not JSON, of an unsupported format version,
   *     has fields this version does not know, or lacks a required field
   */
  static Loaded read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BundleFormatException(file, "missing manifest, so this directory is not a complete model bundle;"
          + " train the model again or point to the bundle directory", e);
    } catch (IOException e) {
      throw new BundleFormatException(file, "cannot read: " + e.getMessage(), e);
    }

    JsonNode tree;
    try {
      tree = JsonDocuments.readSingleValue(MAPPER, bytes);
    } catch (InvalidJsonException e) {
      throw new BundleFormatException(file, e.getMessage(), e);
    }
    if (!tree.isObject()) {
      throw new BundleFormatException(
          file, "expected a JSON object, found " + (tree.isMissingNode() ? "nothing" : kindOf(tree)));
    }
    checkVersion(file, tree.get(VERSION_FIELD));

    JsonNode settingsNode = tree.get("settings");
    if (settingsNode == null || settingsNode.isNull()) {
      throw new BundleFormatException(file, "missing field 'settings': every bundle records the settings it was"
          + " trained with, so this manifest is damaged; train the model again");
    }
    // The checksum describes the file, not the model, so the Manifest contains the settings without it.
    String recordedChecksum = ManifestChecksum.recorded(tree);
    String currentChecksum = ManifestChecksum.current(tree);
    if (tree.path("settings") instanceof ObjectNode settings) {
      settings.remove(ManifestChecksum.SECTION);
    }
    Manifest manifest;
    try {
      manifest = MAPPER.treeToValue(tree, Manifest.class);
    } catch (UnrecognizedPropertyException e) {
      throw new BundleFormatException(file, "unknown field '" + e.getPropertyName() + "' (known: "
          + e.getKnownPropertyIds() + "); it was probably written by a newer Lever-XC, so read it with that version", e);
    } catch (MismatchedInputException e) {
      throw new BundleFormatException(
          file, "invalid manifest" + fieldPath(e) + ": expected " + kind(e.getTargetType()) + ", found "
              + foundKind(tree, e), e);
    } catch (JsonMappingException e) {
      throw new BundleFormatException(
          file, "invalid manifest" + fieldPath(e) + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new BundleFormatException(file, "invalid manifest: " + e.getOriginalMessage(), e);
    }

    requirePresent(file, manifest.leverXcVersion(), "leverXcVersion");
    requirePresent(file, manifest.bundleId(), "bundleId");
    requirePresent(file, manifest.createdAt(), "createdAt");
    requirePresent(file, manifest.dataset(), "dataset");
    return new Loaded(manifest, recordedChecksum, currentChecksum);
  }

  /** Returns " at field 'a.b[2]'" for the JSON field where mapping failed, or "" when Jackson gives none. */
  private static String fieldPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "" : " at field '" + path + "'";
  }

  /** Returns the JSON kind that a Java field type reads, such as "a string" or "an object". */
  private static String kind(Class<?> type) {
    if (type == null) {
      return "another value";
    }
    if (type == String.class || type.isEnum()) {
      return "a string";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  /** Returns the JSON kind of the value at the failed field, such as "an array", or "none" when it is missing. */
  private static String foundKind(JsonNode tree, JsonMappingException e) {
    JsonNode node = tree;
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (node == null) {
        break;
      }
      node = reference.getFieldName() != null ? node.get(reference.getFieldName()) : node.get(reference.getIndex());
    }
    if (node == null || node.isMissingNode()) {
      return "none (the field is missing)";
    }
    return kindOf(node);
  }

  private static String kindOf(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "true or false";
      case NULL -> "null";
      default -> "another value";
    };
  }

  private static void checkVersion(Path file, JsonNode version) {
    if (version == null || !version.isInt()) {
      throw new BundleFormatException(file, "invalid manifest at field '" + VERSION_FIELD + "': expected a whole number,"
          + " found " + (version == null ? "none (the field is missing)" : version.toString()));
    }
    int found = version.intValue();
    if (found != Manifest.FORMAT_VERSION) {
      String age = found > Manifest.FORMAT_VERSION ? "is newer than this Lever-XC " + LeverXcVersion.get() + " reads"
          : "is unknown";
      throw new BundleFormatException(file, "bundle format version " + found + " " + age + " (supported: "
          + Manifest.FORMAT_VERSION + "); read it with the Lever-XC version that wrote it, or train again");
    }
  }

  private static void requirePresent(Path file, Object value, String field) {
    if (value == null) {
      throw new BundleFormatException(file, "field '" + field + "': expected a value, found none");
    }
    if (value instanceof String text && text.isBlank()) {
      throw new BundleFormatException(file, "field '" + field + "': expected a value, found a blank string");
    }
  }
}
