package io.leverxc.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leverxc.model.LabelPredictor.ScoredLabel;
import io.leverxc.model.LabelTextPredictor;
import io.leverxc.text.FeatureSettings;
import io.leverxc.text.TfidfFeaturizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
  private static final FeatureSettings WORDS_ONLY =
      FeatureSettings.builder().wordBigrams(false).charNgrams(false).stem(false).minDocumentFrequency(1).build();
  private static final List<String> LABELS = List.of("red apple", "green tree");

  /** A label-text model whose vocabulary also contains "sky", a word that no label text has. */
  private static final LabelTextPredictor MODEL =
      new LabelTextPredictor(
          TfidfFeaturizer.fit(WORDS_ONLY, List.of("red apple", "green tree", "blue sky"), 1), LABELS, "notes");

  private final JsonCodec json = new JsonCodec();
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void notesNameEachCauseOfNoLabels() throws Exception {
    List<String> texts = List.of(" \t", "zebra", "sky", "apple");
    List<List<ScoredLabel>> results =
        texts.stream().map(text -> MODEL.predict(text, 2)).toList();

    JsonNode reply = mapper.readTree(json.batchPrediction(MODEL, texts, results, 5));

    JsonNode replies = reply.get("results");
    assertEquals("no labels: the text is empty", replies.get(0).get("note").asText());
    assertEquals("no labels: none of the text's words is in the model's vocabulary", replies.get(1).get("note").asText());
    assertEquals("no labels: the model found no label related to the text's words", replies.get(2).get("note").asText());
    assertEquals(0, replies.get(2).get("labels").size());
    assertEquals(0, replies.get(3).get("labels").get(0).get("id").asInt());
    assertFalse(replies.get(3).has("note"));
  }
}
