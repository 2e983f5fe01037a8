package io.leverxc.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leverxc.json.InvalidJsonException;
import io.leverxc.json.JsonDocuments;
import io.leverxc.model.LabelPredictor;
import io.leverxc.model.LabelPredictor.ScoredLabel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Parses request bodies and writes every JSON reply of the server. Thread-safe. */
final class JsonCodec {
  private static final int INITIAL_BUFFER_BYTES = 512;

  // A repeated field makes a request ambiguous, so it is rejected. JsonDocuments rejects content
  // after the first value for the same reason.
  private final ObjectMapper mapper = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /**
   * Parses {@code body} as one JSON value.
   *
   * @throws ApiException with status 400 when the body is empty or not valid JSON, naming the
   *     line and column of the first error in plain words
   */
  JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw new ApiException(400, "empty_body", null, "a JSON object", "The request body is empty; send a JSON object.");
    }
    JsonNode node;
    try {
      node = JsonDocuments.readSingleValue(mapper, body);
    } catch (InvalidJsonException e) {
      throw new ApiException(400, "malformed_json", null, "valid JSON (RFC 8259)", "The request body is " + e.getMessage() + ".");
    }
    if (node.isMissingNode()) {
      throw new ApiException(400, "empty_body", null, "a JSON object", "The request body contains no JSON value; send a JSON object.");
    }
    return node;
  }

  /** Writes {@code {"error": {...}}} for {@code error}; null field and rule are left out. */
  byte[] error(ApiException error) {
    return write(json -> {
      json.writeStartObject();
      json.writeObjectFieldStart("error");
      json.writeNumberField("status", error.status());
      json.writeStringField("code", error.code());
      if (error.field() != null) {
        json.writeStringField("field", error.field());
      }
      if (error.rule() != null) {
        json.writeStringField("rule", error.rule());
      }
      json.writeStringField("message", error.getMessage());
      json.writeEndObject();
      json.writeEndObject();
    });
  }

  /**
   * Notes that explain an empty {@code labels} array. A trained model returns no label only for a
   * text without features: a blank text, or one whose words are all outside the model's
   * vocabulary. The label-text baseline also returns none when no label text shares a word with
   * the text.
   */
  static final String EMPTY_TEXT_NOTE = "no labels: the text is empty";

  static final String UNKNOWN_WORDS_NOTE = "no labels: none of the text's words is in the model's vocabulary";

  static final String NO_MATCH_NOTE = "no labels: the model found no label related to the text's words";

  /** Writes the reply of {@code POST /v1/predict}. */
  byte[] prediction(LabelPredictor model, String text, List<ScoredLabel> labels, long tookMicros) {
    return write(json -> {
      json.writeStartObject();
      writeLabels(json, model, text, labels);
      json.writeStringField("model", model.modelId());
      json.writeNumberField("took_us", tookMicros);
      json.writeEndObject();
    });
  }

  /**
   * Writes the reply of {@code POST /v1/predict/batch}: one {@code labels} array per text, in order.
   *
   * @param texts the request's texts, one per result
   */
  byte[] batchPrediction(LabelPredictor model, List<String> texts, List<List<ScoredLabel>> results, long tookMicros) {
    return write(json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("results");
      for (int i = 0; i < results.size(); i++) {
        json.writeStartObject();
        writeLabels(json, model, texts.get(i), results.get(i));
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeStringField("model", model.modelId());
      json.writeNumberField("took_us", tookMicros);
      json.writeEndObject();
    });
  }

  /** Writes any map of plain values (strings, numbers, booleans, lists and maps of them). */
  byte[] object(Map<String, ?> values) {
    try {
      return mapper.writeValueAsBytes(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Writing a reply failed because a value is not JSON-serialisable, keys: " + values.keySet(), e);
    }
  }

  private static void writeLabels(JsonGenerator json, LabelPredictor model, String text, List<ScoredLabel> labels)
      throws IOException {
    json.writeArrayFieldStart("labels");
    for (ScoredLabel label : labels) {
      json.writeStartObject();
      json.writeNumberField("id", label.id());
      json.writeStringField("text", model.labelText(label.id()));
      json.writeNumberField("score", label.score());
      json.writeEndObject();
    }
    json.writeEndArray();
    if (labels.isEmpty()) {
      json.writeStringField("note", emptyNote(model, text));
    }
  }

  /** Picks the note for a text that got no labels. */
  private static String emptyNote(LabelPredictor model, String text) {
    if (text.isBlank()) {
      return EMPTY_TEXT_NOTE;
    }
    return model.hasFeatures(text) ? NO_MATCH_NOTE : UNKNOWN_WORDS_NOTE;
  }

  private byte[] write(JsonWriter writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(INITIAL_BUFFER_BYTES);
    try (JsonGenerator json = mapper.getFactory().createGenerator(bytes)) {
      writer.write(json);
    } catch (IOException e) {
      // Writing to a byte array performs no I/O.
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @FunctionalInterface
  private interface JsonWriter {
    void write(JsonGenerator json) throws IOException;
  }
}
