package io.leverxc.serving;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
   * Rejects a body whose Content-Type is set to something other than JSON, or that is sent
   * compressed: the server reads bodies as they arrive, so a gzip body would otherwise fail as
   * malformed JSON.
   */
  static void requireJson(HttpExchange exchange) {
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
      throw new ApiException(
          415, "unsupported_media_type", "Content-Encoding", "identity",
          "The request body must be sent uncompressed, found Content-Encoding '" + encoding
              + "'; drop the header and the compression.");
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null) {
      return;
    }
    String mediaType = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw new ApiException(
          415, "unsupported_media_type", "Content-Type", "application/json",
          "The request body must be application/json, found Content-Type '" + type + "'.");
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
