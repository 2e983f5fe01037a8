package io.leverxc.serving;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/** Reads request bodies within the configured size limit and checks their media type. */
final class RequestBodies {
  private static final int CHUNK_BYTES = 8192;

  private RequestBodies() {}

  /**
   * Reads the whole body of {@code exchange}.
   *
   * @throws ApiException 413 when the body is longer than {@code maxBytes}, whether the client
   *     declared its length or sent it in chunks
   */
  static byte[] read(HttpExchange exchange, int maxBytes) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      long length = parseContentLength(declared);
      if (length > maxBytes) {
        throw tooLarge(maxBytes, length + " bytes");
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] chunk = new byte[CHUNK_BYTES];
    try (InputStream in = exchange.getRequestBody()) {
      int read;
      while ((read = in.read(chunk)) != -1) {
        if (body.size() + read > maxBytes) {
          throw tooLarge(maxBytes, "more than " + maxBytes + " bytes");
        }
        body.write(chunk, 0, read);
      }
    }
    return body.toByteArray();
  }

  /**
   * Rejects a body whose Content-Type is set to something other than JSON in UTF-8, or that is
   * sent compressed: the server reads bodies as they arrive, so a gzip body would otherwise fail as
   * malformed JSON. Every value of a repeated header is checked, so a second header cannot slip a
   * compressed or non-JSON body past the first.
   */
  static void requireJson(HttpExchange exchange) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Content-Encoding", List.of())) {
      for (String encoding : header.split(",")) {
        if (!encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
          throw new ApiException(
              415, "unsupported_media_type", "Content-Encoding", "identity",
              "The request body must be sent uncompressed, found Content-Encoding '" + header.trim()
                  + "'; drop the header and the compression.");
        }
      }
    }
    for (String type : exchange.getRequestHeaders().getOrDefault("Content-Type", List.of())) {
      String[] parts = type.split(";");
      String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
      if (!mediaType.equals("application/json")) {
        throw new ApiException(
            415, "unsupported_media_type", "Content-Type", "application/json",
            "The request body must be application/json, found Content-Type '" + type + "'.");
      }
      for (int i = 1; i < parts.length; i++) {
        String[] parameter = parts[i].split("=", 2);
        if (parameter[0].trim().equalsIgnoreCase("charset") && parameter.length == 2
            && !parameter[1].trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
          // JSON between systems is UTF-8 (RFC 8259, section 8.1), and the body is read as UTF-8.
          throw new ApiException(
              415, "unsupported_media_type", "Content-Type", "application/json; charset=utf-8",
              "The request body must be UTF-8 JSON, found Content-Type '" + type + "'.");
        }
      }
    }
  }

  private static long parseContentLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new ApiException(
          400, "invalid_header", "Content-Length", "a non-negative integer",
          "Header Content-Length must be a non-negative integer, found '" + value + "'.");
    }
  }

  private static ApiException tooLarge(int maxBytes, String found) {
    return new ApiException(
        413, "body_too_large", null, "at most " + maxBytes + " bytes",
        "The request body must be at most " + maxBytes + " bytes, found " + found
            + "; split the texts over several requests.");
  }
}
