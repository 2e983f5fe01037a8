package io.leverxc.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A validated prediction request: one or more texts and the number of labels wanted for each.
 *
 * @param texts the texts to label; exactly one for {@code POST /v1/predict}
 * @param k labels returned per text, in [1, maxK]
 */
record PredictRequest(List<String> texts, int k) {
  static final String TEXT = "text";
  static final String TEXTS = "texts";
  static final String K = "k";

  /** Parses the body of {@code POST /v1/predict}: {@code {"text": "...", "k": 10}}. */
  static PredictRequest parseSingle(JsonNode body, ServerConfig config) {
    requireObject(body);
    rejectUnknownFields(body, Set.of(TEXT, K));
    JsonNode text = body.get(TEXT);
    String rule = "a string of at most " + config.maxTextChars() + " characters";
    if (text == null) {
      throw ApiException.missingField(TEXT, rule);
    }
    return new PredictRequest(List.of(checkText(TEXT, text, config)), parseK(body, config));
  }

  /** Parses the body of {@code POST /v1/predict/batch}: {@code {"texts": ["...", ...], "k": 10}}. */
  static PredictRequest parseBatch(JsonNode body, ServerConfig config) {
    requireObject(body);
    rejectUnknownFields(body, Set.of(TEXTS, K));
    JsonNode texts = body.get(TEXTS);
    String rule = "an array of 1 to " + config.maxBatchSize() + " strings";
    if (texts == null) {
      throw ApiException.missingField(TEXTS, rule);
    }
    if (!texts.isArray()) {
      throw ApiException.invalidField(TEXTS, rule, describe(texts));
    }
    if (texts.isEmpty() || texts.size() > config.maxBatchSize()) {
      throw ApiException.invalidField(TEXTS, rule, "an array of " + texts.size() + " elements");
    }
    List<String> values = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      values.add(checkText(TEXTS + "[" + i + "]", texts.get(i), config));
    }
    return new PredictRequest(List.copyOf(values), parseK(body, config));
  }

  private static void requireObject(JsonNode body) {
    if (!body.isObject()) {
      throw new ApiException(
          400, "invalid_body", null, "a JSON object", "The request body must be a JSON object, found " + describe(body) + ".");
    }
  }

  private static void rejectUnknownFields(JsonNode body, Set<String> known) {
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new ApiException(
            400, "unknown_field", name, "one of " + known,
            "Field '" + name + "' is not recognised; the allowed fields are " + known + ".");
      }
    }
  }

  private static String checkText(String field, JsonNode node, ServerConfig config) {
    String rule = "a string of at most " + config.maxTextChars() + " characters";
    if (!node.isTextual()) {
      throw ApiException.invalidField(field, rule, describe(node));
    }
    String text = node.textValue();
    if (text.length() > config.maxTextChars()) {
      throw ApiException.invalidField(field, rule, "a string of " + text.length() + " characters");
    }
    return text;
  }

  private static int parseK(JsonNode body, ServerConfig config) {
    JsonNode k = body.get(K);
    if (k == null) {
      return config.defaultK();
    }
    String rule = "an integer in [1, " + config.maxK() + "]";
    if (!k.isIntegralNumber()) {
      throw ApiException.invalidField(K, rule, describe(k));
    }
    if (!k.canConvertToInt() || k.intValue() < 1 || k.intValue() > config.maxK()) {
      throw ApiException.invalidField(K, rule, k.asText());
    }
    return k.intValue();
  }

  /** Describes a JSON value by type, with its text when short, for error messages. */
  static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> node.textValue().isEmpty() ? "an empty string"
          : node.textValue().isBlank() ? "a string of only white space" : "a string";
      case NUMBER -> "the number " + node.asText();
      case BOOLEAN -> "the boolean " + node.asText();
      case NULL, MISSING -> "null";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " value";
    };
  }
}
