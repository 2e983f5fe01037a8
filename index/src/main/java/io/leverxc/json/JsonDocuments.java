package io.leverxc.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads exactly one JSON value from bytes and reports syntax errors in plain words, with the line
 * and column where parsing stopped. Thread-safe.
 *
 * <p>Jackson's own messages name its classes and settings and print its source location, for
 * example "start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION`
 * disabled); line: 1, column: 1]". Input that ends too early and content after the first value
 * get their own wording here. For other errors the reason is Jackson's message without those
 * parts.
 */
public final class JsonDocuments {
  /** A location reference inside brackets, such as " (for Array starting at [Source: ...])". */
  private static final Pattern SOURCE_REFERENCE = Pattern.compile("\\s*\\([^()\\[]*\\[Source:[^\\]]*\\]\\)");
  /** The decimal code after a quoted character, such as the " (code 116)" of "('t' (code 116))". */
  private static final Pattern CHARACTER_CODE = Pattern.compile(" \\(code \\d+\\)");
  private static final Pattern CONTROL_CHARACTER = Pattern.compile("\\(CTRL-CHAR, code (\\d+)\\)");
  /** The getter of a parser limit, such as ", from `StreamReadConstraints.getMaxNestingDepth()`". */
  private static final Pattern LIMIT_SOURCE = Pattern.compile(", from `[^`]*`");
  /** A remark in brackets that names a parser feature, such as the hint on comments. */
  private static final Pattern FEATURE_REMARK = Pattern.compile("\\s*\\([^()]*Feature[^()]*\\)");
  /** Text that names Jackson internals and must never reach a user. */
  private static final Pattern INTERNAL_NAME = Pattern.compile("`|Feature|\\[Source|REDACTED|com\\.fasterxml|java\\.");
  /** Text in single quotes, which Jackson uses for the input's own characters, tokens and field names. */
  private static final Pattern QUOTED_INPUT = Pattern.compile("'[^']*'");
  private static final String UNKNOWN_REASON = "unexpected input";

  private JsonDocuments() {}

  /**
   * Parses {@code json} as exactly one JSON value, with the parser settings of {@code mapper}.
   * White space may surround the value.
   *
   * @return the value, or a {@link MissingNode} when {@code json} is empty or only white space
   * @throws InvalidJsonException if {@code json} is not valid JSON or contains more than one value
   */
  public static JsonNode readSingleValue(ObjectMapper mapper, byte[] json) throws InvalidJsonException {
    try (JsonParser parser = mapper.createParser(json)) {
      return readSingleValue(mapper, parser, json.length);
    } catch (IOException e) {
      // Jackson's syntax errors become InvalidJsonException inside the call above, so only
      // encoding errors, such as an invalid UTF-32 character, land here.
      throw new InvalidJsonException("invalid JSON: " + plainReason(e.getMessage()), e);
    }
  }

  private static JsonNode readSingleValue(ObjectMapper mapper, JsonParser parser, int length)
      throws IOException, InvalidJsonException {
    JsonNode value;
    try {
      value = mapper.readTree(parser);
    } catch (JsonProcessingException e) {
      throw new InvalidJsonException(describe(e, length), e);
    }
    if (value == null) {
      return MissingNode.getInstance();
    }
    // The position just past the last character of the value.
    JsonLocation end = parser.currentLocation();
    if (hasMoreContent(parser)) {
      throw new InvalidJsonException("invalid JSON: only one JSON value is allowed, found more after line "
          + end.getLineNr() + ", column " + end.getColumnNr());
    }
    return value;
  }

  private static boolean hasMoreContent(JsonParser parser) throws IOException {
    try {
      return parser.nextToken() != null;
    } catch (JsonProcessingException e) {
      // Anything after the value other than white space is more content, valid JSON or not.
      return true;
    }
  }

  /**
   * Returns "invalid JSON at line L, column C: REASON" for a syntax error that Jackson raised while
   * reading an input of {@code length} bytes, or "invalid JSON: REASON" when it gave no location.
   */
  static String describe(JsonProcessingException error, int length) {
    JsonLocation location = error.getLocation();
    String reason = reason(error, length);
    if (location == null || location.getLineNr() < 1) {
      return "invalid JSON: " + reason;
    }
    return "invalid JSON at line " + location.getLineNr() + ", column " + location.getColumnNr() + ": " + reason;
  }

  /**
   * Returns the plain reason of a syntax error that Jackson raised while reading an input of
   * {@code length} bytes, without location and without parser class or setting names.
   */
  public static String reason(JsonProcessingException error, int length) {
    return endsEarly(error, length) ? unclosedPart(error) : plainReason(error.getOriginalMessage());
  }

  private static boolean endsEarly(JsonProcessingException error, int length) {
    if (error instanceof JsonEOFException) {
      return true;
    }
    // Some end-of-input errors, such as "[1," in Jackson 2.23, are plain parse errors at the end.
    JsonLocation location = error.getLocation();
    return location != null && location.getByteOffset() >= length;
  }

  /** Names the innermost string, field name, object or array that the input left open. */
  private static String unclosedPart(JsonProcessingException error) {
    JsonToken token = error instanceof JsonEOFException eof ? eof.getTokenBeingDecoded() : null;
    if (token == JsonToken.VALUE_STRING) {
      return "the string is not closed";
    }
    if (token == JsonToken.FIELD_NAME) {
      return "the field name is not closed";
    }
    JsonStreamContext context = error.getProcessor() instanceof JsonParser parser ? parser.getParsingContext() : null;
    if (context != null && context.inObject()) {
      return "the object is not closed";
    }
    if (context != null && context.inArray()) {
      return "the array is not closed";
    }
    return "the input ends before the value is complete";
  }

  /**
   * Removes Jackson's source references, character codes and setting names from {@code message}.
   *
   * <p>NOTE: the patterns match the messages of Jackson 2.23. If a later version words a message
   * so that an internal name remains, the reason becomes a generic one rather than showing it.
   */
  static String plainReason(String message) {
    if (message == null || message.isBlank()) {
      return UNKNOWN_REASON;
    }
    String reason = SOURCE_REFERENCE.matcher(message).replaceAll("");
    reason = CHARACTER_CODE.matcher(reason).replaceAll("");
    reason = LIMIT_SOURCE.matcher(reason).replaceAll("");
    reason = FEATURE_REMARK.matcher(reason).replaceAll("");
    reason = replaceControlCharacters(reason);
    reason = dropClauseWithBacktick(reason).strip();
    // Quoted input is left out of the check, so that a field named "Feature" is still reported.
    String withoutInput = QUOTED_INPUT.matcher(reason).replaceAll("''");
    if (reason.isEmpty() || INTERNAL_NAME.matcher(withoutInput).find()) {
      return UNKNOWN_REASON;
    }
    return reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
  }

  /** Rewrites "(CTRL-CHAR, code 10)" as "control character U+000A". */
  private static String replaceControlCharacters(String message) {
    Matcher matcher = CONTROL_CHARACTER.matcher(message);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      int code = Integer.parseInt(matcher.group(1));
      matcher.appendReplacement(result, String.format(Locale.ROOT, "control character U+%04X", code));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  /**
   * Cuts the message at the last ": " before its first backtick, which drops advice such as
   * "enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow".
   */
  private static String dropClauseWithBacktick(String message) {
    int backtick = message.indexOf('`');
    if (backtick < 0) {
      return message;
    }
    int clause = message.lastIndexOf(": ", backtick);
    return clause < 0 ? message : message.substring(0, clause);
  }
}
