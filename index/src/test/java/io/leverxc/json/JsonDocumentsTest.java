package io.leverxc.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonDocumentsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** Input, then the exact message. */
  static Stream<Arguments> invalidInputs() {
    return Stream.of(
        Arguments.of("{\"text\": \"dog\"", "invalid JSON at line 1, column 15: the object is not closed"),
        Arguments.of("{\"text\": ", "invalid JSON at line 1, column 10: the object is not closed"),
        Arguments.of("[1,", "invalid JSON at line 1, column 4: the array is not closed"),
        Arguments.of("{\"a\": [1, 2", "invalid JSON at line 1, column 12: the array is not closed"),
        Arguments.of("{\"a\": 1,\n \"b\": 2\n", "invalid JSON at line 3, column 1: the object is not closed"),
        Arguments.of("{\"text\": \"do", "invalid JSON at line 1, column 13: the string is not closed"),
        Arguments.of("{\"te", "invalid JSON at line 1, column 5: the field name is not closed"),
        Arguments.of("-", "invalid JSON at line 1, column 2: the input ends before the value is complete"),
        Arguments.of("{\"text\": \"dog\"}{\"text\":\"cat\"}",
            "invalid JSON: only one JSON value is allowed, found more after line 1, column 16"),
        Arguments.of("{\"text\": \"dog\"} trailing",
            "invalid JSON: only one JSON value is allowed, found more after line 1, column 16"),
        Arguments.of("[1]\n\n  2", "invalid JSON: only one JSON value is allowed, found more after line 1, column 4"),
        Arguments.of("{text: 'dog'}",
            "invalid JSON at line 1, column 2: unexpected character ('t'): was expecting double-quote to start field name"),
        Arguments.of("{\"a\": 1 \"b\": 2}",
            "invalid JSON at line 1, column 9: unexpected character ('\"'): was expecting comma to separate Object entries"),
        Arguments.of("{\"a\": [1}", "invalid JSON at line 1, column 9: unexpected close marker '}': expected ']'"),
        Arguments.of("{\"a\": 1, \"a\": 2}", "invalid JSON at line 1, column 13: duplicate field 'a'"),
        Arguments.of("{\"Feature\": 1, \"Feature\": 2}", "invalid JSON at line 1, column 25: duplicate field 'Feature'"),
        Arguments.of("{\"a\": \"x\ny\"}",
            "invalid JSON at line 1, column 9: illegal unquoted character (control character U+000A): has to be"
                + " escaped using backslash to be included in string value"),
        Arguments.of("{\"a\": \"\\q\"}", "invalid JSON at line 1, column 9: unrecognized character escape 'q'"),
        Arguments.of("{\"a\": NaN}", "invalid JSON at line 1, column 10: non-standard token 'NaN'"),
        Arguments.of("/* note */ {}", "invalid JSON at line 1, column 1: unexpected character ('/'): maybe a (non-standard) comment?"),
        Arguments.of("[".repeat(1_001), "invalid JSON: document nesting depth (1001) exceeds the maximum allowed (1000)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidInputs")
  void invalidInputGetsPlainMessage(String input, String expected) {
    InvalidJsonException error = assertThrows(InvalidJsonException.class, () -> read(input));

    assertEquals(expected, error.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidInputs")
  void messageNamesNoParserInternals(String input, String expected) {
    String message = assertThrows(InvalidJsonException.class, () -> read(input)).getMessage();

    assertFalse(message.contains("`"), message);
    assertFalse(message.contains("[Source"), message);
    assertFalse(message.contains("REDACTED"), message);
    assertFalse(message.contains("code "), message);
    assertFalse(message.contains("com.fasterxml"), message);
  }

  @Test
  void singleValueWithWhiteSpaceIsRead() throws Exception {
    JsonNode value = read("  {\"text\": \"dog\"}\n\n");

    assertEquals("dog", value.get("text").textValue());
  }

  @Test
  void blankInputGivesMissingNode() throws Exception {
    assertTrue(read("").isMissingNode());
    assertTrue(read(" \n\t").isMissingNode());
  }

  @Test
  void plainReasonHidesUnknownInternalNames() {
    assertEquals("unexpected input", JsonDocuments.plainReason("Something about `SomeFeature`"));
    assertEquals("unexpected input", JsonDocuments.plainReason("Needs JsonReadFeature.ALLOW_X"));
    assertEquals("unexpected input", JsonDocuments.plainReason(null));
    assertEquals("unexpected token 'x': expected a value", JsonDocuments.plainReason("Unexpected token 'x': expected a value"));
  }

  private static JsonNode read(String input) throws InvalidJsonException {
    return JsonDocuments.readSingleValue(MAPPER, input.getBytes(StandardCharsets.UTF_8));
  }
}
