package io.leverxc.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The checksum a bundle writer records over its own {@code manifest.json}, so that a load can tell
 * a manifest edited by hand from the one written with the bundle. The binary files carry their own
 * checksums in the manifest's file table, but the fusion weights, graph settings and that table
 * are plain JSON, and editing them changes a model's predictions under the same bundle id.
 *
 * <p>The checksum is CRC32C over the manifest's JSON with sorted keys and no white space, without
 * the {@value #SECTION} settings section that contains it. It lives inside {@code settings}, whose
 * sections are free-form, so manifests without it (older bundles) still load, and older readers
 * accept manifests with it.
 */
final class ManifestChecksum {
  /** Settings section that contains the checksum. */
  static final String SECTION = "integrity";
  /** Key of the checksum, as 8 hex digits, in {@link #SECTION}. */
  static final String KEY = "manifest_crc32c";
  /** Value of {@link #recorded} for a section without a well-formed checksum. */
  static final String INVALID = "invalid";

  private static final java.util.regex.Pattern CHECKSUM = java.util.regex.Pattern.compile("[0-9a-f]{8}");

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private ManifestChecksum() {}

  /** Replaces any recorded checksum in {@code manifest} (a parsed manifest.json) with its own. */
  static void record(ObjectNode manifest) {
    ObjectNode settings = manifest.withObjectProperty("settings");
    settings.remove(SECTION);
    String checksum = compute(manifest);
    settings.putObject(SECTION).put(KEY, checksum);
  }

  /**
   * Returns the checksum that {@code manifest} (a parsed manifest.json) records, or null when it has
   * no {@value #SECTION} section. A section that is present but does not contain a checksum in the
   * written form (8 lower-case hex digits) returns {@link #INVALID}, which matches no content.
   *
   * <p>NOTE: a manifest whose {@value #SECTION} section was deleted reads as one written before
   * checksums existed, so deleting the section along with an edit hides the edit.
   */
  static String recorded(JsonNode manifest) {
    JsonNode section = manifest.path("settings").path(SECTION);
    if (section.isMissingNode()) {
      return null;
    }
    JsonNode recorded = section.path(KEY);
    return recorded.isTextual() && CHECKSUM.matcher(recorded.asText()).matches() ? recorded.asText() : INVALID;
  }

  /** Returns the checksum of {@code manifest} (a parsed manifest.json) without its recorded one. */
  static String current(JsonNode manifest) {
    ObjectNode copy = manifest.deepCopy();
    if (copy.path("settings") instanceof ObjectNode settings) {
      settings.remove(SECTION);
    }
    return compute(copy);
  }

  /** Returns the checksum of {@code manifest}, 8 hex digits. */
  private static String compute(JsonNode manifest) {
    CRC32C crc = new CRC32C();
    crc.update(canonical(manifest));
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }

  private static byte[] canonical(JsonNode manifest) {
    try {
      // Sorting map entries does not reach ObjectNode fields, so the tree goes through a map first.
      Object plain = CANONICAL.treeToValue(manifest, Object.class);
      return CANONICAL.writeValueAsBytes(plain);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed manifest could not be written back: " + e.getOriginalMessage(), e);
    }
  }
}
