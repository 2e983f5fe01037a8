package io.leverxc.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small HTTP/1.1 keep-alive client for one test server on loopback. */
final class ServerClient implements AutoCloseable {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient client;
  private final String base;
  private final Duration timeout;

  ServerClient(LeverServer server) {
    this(server, DEFAULT_TIMEOUT);
  }

  /** Fails a request with {@link java.net.http.HttpTimeoutException} when no reply came within {@code timeout}. */
  ServerClient(LeverServer server, Duration timeout) {
    this.base = "http://127.0.0.1:" + server.port();
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET().build());
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  /** Posts {@code body} as JSON with one more request header. */
  HttpResponse<String> postWithHeader(String path, String header, String value, byte[] body)
      throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "application/json").header(header, value)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  /** Posts {@code body} with the given headers, as name and value pairs; a name may repeat. */
  HttpResponse<String> sendWithHeaders(String path, String body, String... namesAndValues)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder = request(path);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      builder.header(namesAndValues[i], namesAndValues[i + 1]);
    }
    return send(builder.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
  }

  /** Posts {@code body} with chunked transfer encoding, so the request has no Content-Length header. */
  HttpResponse<String> postChunked(String path, byte[] body) throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
  }

  HttpResponse<String> send(String method, String path, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder = request(path);
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    return send(builder.method(method, publisher).build());
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return MAPPER.readTree(response.body());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    client.close();
  }
}
