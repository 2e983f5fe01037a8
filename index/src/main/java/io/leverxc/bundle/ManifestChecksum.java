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

  /** Returns the checksum that {@code manifest} (a parsed manifest.json) records, or null when none. */
  static String recorded(JsonNode manifest) {
    JsonNode recorded = manifest.path("settings").path(SECTION).path(KEY);
    return recorded.isTextual() ? recorded.asText() : null;
  }

  /** Returns the checksum of {@code manifest} (a parsed manifest.json) without its recorded one. */
  static String current(JsonNode manifest) {
    ObjectNode copy = manifest.deepCopy();
    copy.withObjectProperty("settings").remove(SECTION);
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
