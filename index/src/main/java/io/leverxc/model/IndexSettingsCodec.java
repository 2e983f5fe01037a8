package io.leverxc.model;

import io.leverxc.ann.IndexBackend;
import io.leverxc.ann.IndexSettings;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Converts {@link IndexSettings} to and from a bundle manifest section. */
public final class IndexSettingsCodec {
  private IndexSettingsCodec() {}

  public static Map<String, Object> toMap(IndexSettings settings) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("backend", settings.backend().name().toLowerCase(Locale.ROOT));
    map.put("m", settings.m());
    map.put("ef_construction", settings.efConstruction());
    map.put("ef", settings.ef());
    return map;
  }

  /**
   * Reads the settings written by {@link #toMap}.
   *
   * @throws IllegalArgumentException if a field is missing or invalid
   */
  public static IndexSettings fromMap(Map<String, ?> map) {
    Object backend = map.get("backend");
    if (backend == null) {
      throw new IllegalArgumentException("index settings: missing field 'backend'");
    }
    IndexBackend parsed;
    try {
      parsed = IndexBackend.valueOf(backend.toString().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "index settings: invalid backend '" + backend + "'; expected hnswlib, lucene or exact", e);
    }
    return new IndexSettings(parsed, intField(map, "m"), intField(map, "ef_construction"), intField(map, "ef"));
  }

  private static int intField(Map<String, ?> map, String name) {
    Object value = map.get(name);
    if (!(value instanceof Number number)) {
      throw new IllegalArgumentException("index settings: field '" + name + "' must be an integer, found " + value);
    }
    return number.intValue();
  }
}
