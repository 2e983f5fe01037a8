package io.leverxc.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureSettingsTest {
  private static IllegalArgumentException fromMapError(Map<String, String> map) {
    return assertThrows(IllegalArgumentException.class, () -> FeatureSettings.fromMap(map));
  }

  private static Map<String, String> defaultMap() {
    return new LinkedHashMap<>(FeatureSettings.defaults().toMap());
  }

  @Test
  void mapRoundTripKeepsEverySetting() {
    FeatureSettings settings =
        FeatureSettings.builder()
            .removeStopWords(false)
            .stem(false)
            .wordUnigrams(false)
            .wordBigrams(true)
            .charNgrams(true)
            .minCharNgram(2)
            .maxCharNgram(6)
            .titleCharNgrams(true)
            .indexing(FeatureIndexing.HASHING)
            .minDocumentFrequency(3)
            .maxVocabularySize(500)
            .hashBits(18)
            .hashSeed(-7)
            .maxTextChars(123)
            .build();
    assertEquals(settings, FeatureSettings.fromMap(settings.toMap()));
  }

  @Test
  void mapRecordsVersion() {
    assertEquals("1", FeatureSettings.defaults().toMap().get(FeatureSettings.VERSION_KEY));
  }

  @Test
  void titleNgramsNeedVersionTwo() {
    Map<String, String> without = FeatureSettings.defaults().toMap();
    Map<String, String> with = FeatureSettings.builder().titleCharNgrams(true).build().toMap();
    assertFalse(without.containsKey("titleCharNgrams"), without.toString());
    assertEquals("2", with.get(FeatureSettings.VERSION_KEY));
    assertEquals("true", with.get("titleCharNgrams"));
  }

  @Test
  void missingKeyTakesDefault() {
    Map<String, String> map = defaultMap();
    map.remove("hashSeed");
    assertEquals(FeatureSettings.defaults(), FeatureSettings.fromMap(map));
  }

  @Test
  void unknownKeyIsRejected() {
    Map<String, String> map = defaultMap();
    map.put("lemmatize", "true");
    IllegalArgumentException error = fromMapError(map);
    assertTrue(error.getMessage().contains("unknown feature setting 'lemmatize'"), error.getMessage());
    assertTrue(error.getMessage().contains("maxTextChars"), "lists the known settings: " + error.getMessage());
    assertTrue(error.getMessage().contains("titleCharNgrams"), "lists the title setting: " + error.getMessage());
  }

  @Test
  void newerVersionIsRejected() {
    Map<String, String> map = defaultMap();
    map.put(FeatureSettings.VERSION_KEY, "3");
    IllegalArgumentException error = fromMapError(map);
    assertTrue(error.getMessage().contains("version 3"), error.getMessage());
  }

  @Test
  void missingVersionIsRejected() {
    Map<String, String> map = defaultMap();
    map.remove(FeatureSettings.VERSION_KEY);
    IllegalArgumentException error = fromMapError(map);
    assertTrue(error.getMessage().contains(FeatureSettings.VERSION_KEY), error.getMessage());
  }

  @Test
  void malformedValuesNameTheSetting() {
    Map<String, String> number = defaultMap();
    number.put("hashBits", "twenty");
    assertTrue(fromMapError(number).getMessage().contains("hashBits must be an integer, found 'twenty'"));

    Map<String, String> flag = defaultMap();
    flag.put("stem", "yes");
    assertTrue(fromMapError(flag).getMessage().contains("stem must be true or false, found 'yes'"));

    Map<String, String> indexing = defaultMap();
    indexing.put("indexing", "BLOOM");
    assertTrue(fromMapError(indexing).getMessage().contains("VOCABULARY or HASHING, found 'BLOOM'"));
  }

  @Test
  void outOfRangeValuesAreRejected() {
    IllegalArgumentException ngram =
        assertThrows(
            IllegalArgumentException.class,
            () -> FeatureSettings.builder().minCharNgram(4).maxCharNgram(3).build());
    assertEquals("maxCharNgram must be in [4, 10], found 3", ngram.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FeatureSettings.builder().hashBits(0).build());
    assertThrows(IllegalArgumentException.class, () -> FeatureSettings.builder().hashBits(27).build());
    assertThrows(IllegalArgumentException.class, () -> FeatureSettings.builder().minDocumentFrequency(0).build());
    assertThrows(IllegalArgumentException.class, () -> FeatureSettings.builder().maxTextChars(0).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> FeatureSettings.builder().wordUnigrams(false).wordBigrams(false).charNgrams(false).build());
  }
}
