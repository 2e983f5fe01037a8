package io.leverxc.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.leverxc.json.JsonDocuments;
import io.leverxc.text.FeatureSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the XC repository's JSON-lines layout: {@code trn.json}, {@code tst.json} and
 * {@code lbl.json} (each plain or gzip), one JSON object per line with the fields {@code uid},
 * {@code title}, {@code content}, {@code target_ind} and {@code target_rel}.
 *
 * <p>Line i of {@code lbl.json} is label i, and {@code target_ind} lists label ids of a document.
 * {@code target_rel}, when present, gives one relevance value per id; without it every value is 1.
 * {@code uid} is not kept, because {@link XcDataset} identifies documents by row.
 */
public final class JsonLinesDatasetReader {
  private static final ObjectReader JSON =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build()
          .reader();

  /** Choice of the fields that make up the text of a document or label. */
  public enum TextFields {
    /** The title alone, the input of the XC repository's "LF-*-title" benchmarks. */
    TITLE("title"),
    /**
     * Title, ": ", then content, so that the title n-gram features find the title; a missing or
     * empty content leaves the title alone.
     */
    TITLE_AND_CONTENT("title-content");

    private final String optionValue;

    TextFields(String optionValue) {
      this.optionValue = optionValue;
    }

    /** Returns the name of this choice on the command line and in a bundle's manifest. */
    public String optionValue() {
      return optionValue;
    }

    /**
     * Returns the choice named {@code value}, ignoring case and surrounding white space.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static TextFields fromOptionValue(String value) {
      String normalised = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
      for (TextFields fields : values()) {
        if (fields.optionValue.equals(normalised)) {
          return fields;
        }
      }
      throw new IllegalArgumentException("invalid JSON-lines text fields '" + value + "'; expected title or title-content");
    }
  }

  private static final java.util.regex.Pattern LINE_BREAK = java.util.regex.Pattern.compile("\\r\\n|[\\r\\n\\u0085\\u2028\\u2029]");

  private JsonLinesDatasetReader() {}

  /** Loads the data set in {@code directory} using titles as texts. */
  public static XcDataset load(Path directory) {
    return load(directory, TextFields.TITLE);
  }

  /**
   * Loads the data set in {@code directory}. {@code tst.json} is optional, and so are the filter
   * files (see {@link FilterFiles}), which the repository ships beside the JSON files of its LF data
   * sets.
   *
   * @throws DataFormatException naming file, line and field for a missing file, invalid JSON, a
   *     missing or mistyped field, or a label id that is out of range or repeated
   */
  public static XcDataset load(Path directory, TextFields textFields) {
    Path labelFile = XcFiles.resolve(directory, "lbl.json");
    List<String> labelTexts = new ArrayList<>();
    readRecords(labelFile, textFields, Integer.MAX_VALUE, labelTexts, null);
    if (labelTexts.isEmpty()) {
      throw new DataFormatException(labelFile, 0, "empty file: expected one JSON object per label");
    }
    int labelCount = labelTexts.size();

    Path trainFile = XcFiles.resolve(directory, "trn.json");
    List<String> trainTexts = new ArrayList<>();
    LabelMatrix.Builder trainLabels = new LabelMatrix.Builder(labelCount);
    readRecords(trainFile, textFields, labelCount, trainTexts, trainLabels);

    Path testFile = XcFiles.resolveOptional(directory, "tst.json");
    List<String> testTexts = List.of();
    LabelMatrix testLabels = null;
    if (testFile != null) {
      List<String> texts = new ArrayList<>();
      LabelMatrix.Builder labels = new LabelMatrix.Builder(labelCount);
      readRecords(testFile, textFields, labelCount, texts, labels);
      testTexts = texts;
      testLabels = labels.build();
    }
    Path trainFilterFile = FilterFiles.train(directory);
    FilterPairs trainFilter =
        trainFilterFile == null ? FilterPairs.none() : FilterPairs.read(trainFilterFile, trainTexts.size(), labelCount);
    Path testFilterFile = testFile == null ? null : FilterFiles.test(directory);
    FilterPairs testFilter =
        testFilterFile == null ? FilterPairs.none() : FilterPairs.read(testFilterFile, testTexts.size(), labelCount);
    return new XcDataset(directory, trainTexts, trainLabels.build(), testTexts, testLabels, labelTexts,
        trainFilter, testFilter, textFields);
  }

  /** Reads every line of {@code file}; labels are read only when {@code labels} is not null. */
  private static void readRecords(
      Path file, TextFields textFields, int labelCount, List<String> texts, LabelMatrix.Builder labels) {
    int[] ids = new int[16];
    float[] values = new float[16];
    try (LineReader reader = LineReader.open(file)) {
      String line;
      long firstBlankLine = 0;
      while ((line = reader.next()) != null) {
        long lineNumber = reader.lineNumber();
        if (line.isBlank()) {
          firstBlankLine = firstBlankLine == 0 ? lineNumber : firstBlankLine;
          continue;
        }
        if (firstBlankLine != 0) {
          // Row numbers are document ids (filter files use them), so a skipped line would shift them.
          throw new DataFormatException(file, firstBlankLine, "expected a JSON object, found a blank line (blank"
              + " lines are allowed only at the end of the file)");
        }
        JsonNode record = parse(file, lineNumber, line);
        texts.add(text(file, lineNumber, record, textFields));
        if (labels != null) {
          JsonNode targets = requireArray(file, lineNumber, record, "target_ind");
          JsonNode relevance = record.get("target_rel");
          int count = targets.size();
          if (count > ids.length) {
            ids = new int[Math.max(count, ids.length * 2)];
            values = new float[ids.length];
          }
          readTargets(file, lineNumber, targets, relevance, labelCount, ids, values);
          labels.addRow(ids, values, count);
        }
      }
    }
  }

  private static JsonNode parse(Path file, long lineNumber, String line) {
    JsonNode record;
    try {
      record = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
      byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      throw new DataFormatException(
          file, lineNumber, Math.max(column, 0), "invalid JSON: " + JsonDocuments.reason(e, bytes.length));
    }
    if (record == null || !record.isObject()) {
      throw new DataFormatException(file, lineNumber, "expected a JSON object, found "
          + (record == null ? "nothing" : kind(record)));
    }
    return record;
  }

  private static String text(Path file, long lineNumber, JsonNode record, TextFields textFields) {
    String title = oneLine(requireString(file, lineNumber, record, "title", true));
    if (textFields == TextFields.TITLE) {
      return title;
    }
    String content = requireString(file, lineNumber, record, "content", false);
    return content == null || content.isEmpty() ? title : title + FeatureSettings.TITLE_SEPARATOR + oneLine(content);
  }

  /**
   * Returns {@code text} with each line break (CR, LF, CR LF, NEL, LINE and PARAGRAPH SEPARATOR)
   * replaced by a space. A text is one line everywhere else: in the raw-text layout, in a bundle's
   * label texts and in the input of {@code lever predict}.
   */
  static String oneLine(String text) {
    return LINE_BREAK.matcher(text).replaceAll(" ");
  }

  private static String requireString(Path file, long lineNumber, JsonNode record, String field, boolean required) {
    JsonNode node = record.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw new DataFormatException(file, lineNumber, "field '" + field + "': expected a string, found "
            + (node == null ? "none (the field is missing)" : "null"));
      }
      return null;
    }
    if (!node.isTextual()) {
      throw new DataFormatException(file, lineNumber, "field '" + field + "': expected a string, found " + abbreviate(node));
    }
    String text = node.textValue();
    int unpaired = unpairedSurrogate(text);
    if (unpaired >= 0) {
      // A high-surrogate escape without its pair decodes to half a character, which UTF-8 cannot store, so
      // the bundle would hold '?' in its place. The raw-text layout rejects invalid UTF-8 likewise.
      throw new DataFormatException(file, lineNumber, "field '" + field + "': unpaired surrogate \\u"
          + Integer.toHexString(text.charAt(unpaired)) + " at character " + (unpaired + 1)
          + "; expected a complete character (a \\ud800-\\udbff escape followed by a \\udc00-\\udfff one)");
    }
    return text;
  }

  /** Returns the index of the first UTF-16 surrogate without its pair in {@code text}, or -1. */
  static int unpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static JsonNode requireArray(Path file, long lineNumber, JsonNode record, String field) {
    JsonNode node = record.get(field);
    if (node == null || !node.isArray()) {
      throw new DataFormatException(file, lineNumber, "field '" + field + "': expected an array of label ids, found "
          + (node == null ? "none (the field is missing)" : abbreviate(node)));
    }
    return node;
  }

  private static void readTargets(Path file, long lineNumber, JsonNode targets, JsonNode relevance, int labelCount,
      int[] ids, float[] values) {
    if (relevance != null && !relevance.isNull()
        && (!relevance.isArray() || relevance.size() != targets.size())) {
      throw new DataFormatException(file, lineNumber, "field 'target_rel': expected an array of " + targets.size()
          + " numbers, one per entry of target_ind, found " + abbreviate(relevance));
    }
    boolean hasRelevance = relevance != null && relevance.isArray();
    for (int i = 0; i < targets.size(); i++) {
      JsonNode id = targets.get(i);
      if (!id.canConvertToInt() || !id.isIntegralNumber() || id.intValue() < 0) {
        throw new DataFormatException(file, lineNumber, "field 'target_ind[" + i + "]': expected a non-negative"
            + " integer label id, found " + id);
      }
      if (id.intValue() >= labelCount) {
        throw new DataFormatException(file, lineNumber, "field 'target_ind[" + i + "]': label id " + id.intValue()
            + " out of range: expected 0 to " + (labelCount - 1) + " because lbl.json has " + labelCount + " labels");
      }
      ids[i] = id.intValue();
      values[i] = hasRelevance ? relevanceValue(file, lineNumber, relevance.get(i), i) : 1f;
    }
    int[] duplicate = SparseRowParser.findDuplicate(ids, targets.size());
    if (duplicate != null) {
      throw new DataFormatException(file, lineNumber, "field 'target_ind[" + duplicate[1] + "]': duplicate label id "
          + ids[duplicate[1]] + " (first at target_ind[" + duplicate[0] + "]): expected each label id at most once");
    }
  }

  private static float relevanceValue(Path file, long lineNumber, JsonNode node, int index) {
    float value = node.isNumber() ? node.floatValue() : Float.NaN;
    if (node.isNumber() && Double.isFinite(node.doubleValue()) && node.doubleValue() > 0
        && (Float.isInfinite(value) || value == 0f)) {
      // Relevance is stored as float32, whose positive range is about 1.4e-45 to 3.4e38.
      throw new DataFormatException(file, lineNumber, "field 'target_rel[" + index + "]': " + node
          + " is outside the range of a 32-bit float (about 1.4e-45 to 3.4e38); expected a relevance such as 1");
    }
    if (!Float.isFinite(value)) {
      throw new DataFormatException(file, lineNumber, "field 'target_rel[" + index + "]': expected a finite number,"
          + " found " + node);
    }
    if (!(value > 0f)) {
      // As in the raw-text label files: every listed label counts as relevant, so a pair of
      // relevance 0 or below would be a label here and none in pyxclib, which multiplies by it.
      throw new DataFormatException(file, lineNumber, "field 'target_rel[" + index + "]': expected a positive number,"
          + " because each target_ind entry is a label of the record, found " + node
          + "; remove the label from target_ind to leave it out");
    }
    return value;
  }

  /** Returns the JSON kind of a value in words, such as "an array" or "a number". */
  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "true or false";
      case NULL -> "null";
      default -> "another value";
    };
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}
