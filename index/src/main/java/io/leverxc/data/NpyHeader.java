package io.leverxc.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed header dictionary of a NumPy {@code .npy} file, for example
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}.
 *
 * <p>The parser accepts the Python literal subset that NumPy writes: a dict with string keys whose
 * values are strings, {@code True}/{@code False}, or tuples of non-negative integers.
 *
 * @param descr the dtype string, such as {@code <f4}
 * @param fortranOrder true when the data is stored column-major
 * @param shape the array shape; empty for a scalar
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {

  /** Parses {@code text}, naming {@code file} and the offending field on error. */
  static NpyHeader parse(Path file, String text) {
    Parser parser = new Parser(file, text);
    Map<String, Object> fields = parser.dictionary();
    Object descr = fields.get("descr");
    Object fortran = fields.get("fortran_order");
    Object shape = fields.get("shape");
    if (!(descr instanceof String descrText)) {
      throw parser.error("header field 'descr': expected a dtype string such as '<f4', found " + describe(descr));
    }
    if (!(fortran instanceof Boolean fortranOrder)) {
      throw parser.error("header field 'fortran_order': expected True or False, found " + describe(fortran));
    }
    if (!(shape instanceof long[] dimensions)) {
      throw parser.error("header field 'shape': expected a tuple of integers, found " + describe(shape));
    }
    return new NpyHeader(descrText, fortranOrder, dimensions);
  }

  private static String describe(Object value) {
    if (value == null) {
      return "no such field";
    }
    return value instanceof long[] tuple ? java.util.Arrays.toString(tuple) : "'" + value + "'";
  }

  /** Recursive-descent parser over the header text. */
  private static final class Parser {
    private final Path file;
    private final String text;
    private int position;

    Parser(Path file, String text) {
      this.file = file;
      this.text = text;
    }

    Map<String, Object> dictionary() {
      Map<String, Object> fields = new LinkedHashMap<>();
      expect('{');
      while (true) {
        skipSpaces();
        if (peek() == '}') {
          position++;
          break;
        }
        String key = string();
        expect(':');
        fields.put(key, value());
        skipSpaces();
        if (peek() == ',') {
          position++;
        } else if (peek() != '}') {
          throw error("expected ',' or '}' in the header dictionary, found " + found());
        }
      }
      skipSpaces();
      if (position != text.length()) {
        throw error("expected the end of the header after '}', found " + found());
      }
      return fields;
    }

    private Object value() {
      skipSpaces();
      char c = peek();
      if (c == '\'' || c == '"') {
        return string();
      }
      if (c == '(') {
        return tuple();
      }
      if (text.startsWith("True", position)) {
        position += 4;
        return Boolean.TRUE;
      }
      if (text.startsWith("False", position)) {
        position += 5;
        return Boolean.FALSE;
      }
      throw error("expected a string, a tuple, True or False in the header, found " + found());
    }

    private long[] tuple() {
      expect('(');
      List<Long> values = new ArrayList<>();
      while (true) {
        skipSpaces();
        if (peek() == ')') {
          position++;
          break;
        }
        int start = position;
        while (position < text.length() && Character.isDigit(text.charAt(position))) {
          position++;
        }
        if (start == position || position - start > 18) {
          throw error("expected a non-negative integer in the shape tuple, found " + found());
        }
        values.add(Long.parseLong(text.substring(start, position)));
        skipSpaces();
        if (peek() == ',') {
          position++;
        } else if (peek() != ')') {
          throw error("expected ',' or ')' in the shape tuple, found " + found());
        }
      }
      long[] shape = new long[values.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = values.get(i);
      }
      return shape;
    }

    private String string() {
      skipSpaces();
      char quote = peek();
      if (quote != '\'' && quote != '"') {
        throw error("expected a quoted string in the header, found " + found());
      }
      int end = text.indexOf(quote, position + 1);
      if (end < 0) {
        throw error("unterminated string in the header starting at offset " + position);
      }
      String value = text.substring(position + 1, end);
      position = end + 1;
      return value;
    }

    private void expect(char c) {
      skipSpaces();
      if (peek() != c) {
        throw error("expected '" + c + "' in the header, found " + found());
      }
      position++;
    }

    private void skipSpaces() {
      while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
        position++;
      }
    }

    private char peek() {
      return position < text.length() ? text.charAt(position) : '\0';
    }

    private String found() {
      return position < text.length() ? "'" + text.charAt(position) + "' at offset " + position : "the end of the header";
    }

    DataFormatException error(String problem) {
      return new DataFormatException(file, 0, problem);
    }
  }
}
