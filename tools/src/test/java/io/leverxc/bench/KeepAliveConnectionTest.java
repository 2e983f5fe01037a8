package io.leverxc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the connection against a loopback socket server that replies with fixed bytes, so each
 * test controls the exact response the client parses.
 */
class KeepAliveConnectionTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final byte[] BODY = "{\"k\":1}".getBytes(StandardCharsets.UTF_8);

  private ServerSocket listener;
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<String> requestsSeen = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopServer() throws IOException {
    if (listener != null) {
      listener.close();
    }
  }

  /** Serves every request on every connection with {@code response}; closes after it if asked. */
  private InetSocketAddress serve(String response, boolean closeAfterReply) throws IOException {
    listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(() -> {
      while (!listener.isClosed()) {
        try {
          Socket socket = listener.accept();
          accepted.incrementAndGet();
          Thread.ofVirtual().start(() -> answer(socket, response, closeAfterReply));
        } catch (IOException e) {
          return;
        }
      }
    });
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
  }

  private void answer(Socket socket, String response, boolean closeAfterReply) {
    try (socket) {
      InputStream in = socket.getInputStream();
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        int length = Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        byte[] body = in.readNBytes(length);
        requestsSeen.add(head + new String(body, StandardCharsets.UTF_8));
        socket.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        if (closeAfterReply) {
          return;
        }
      }
    } catch (IOException e) {
      // The client closed the connection.
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static byte[] request(InetSocketAddress address) {
    return KeepAliveConnection.request("POST", "127.0.0.1", address.getPort(), "/v1/predict", "application/json", BODY);
  }

  @Test
  void requestBytesAreHttp11() {
    String request = new String(
        KeepAliveConnection.request("POST", "127.0.0.1", 8080, "/v1/predict", "application/json", BODY),
        StandardCharsets.UTF_8);

    assertEquals("POST /v1/predict HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\n"
        + "Content-Length: 7\r\n\r\n{\"k\":1}", request);
  }

  @Test
  void keepAliveReusesOneSocket() throws IOException {
    InetSocketAddress address = serve("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", false);

    try (KeepAliveConnection connection = new KeepAliveConnection(address, TIMEOUT)) {
      KeepAliveConnection.Response first = connection.exchange(request(address));
      KeepAliveConnection.Response second = connection.exchange(request(address));

      assertEquals(200, first.status());
      assertEquals(5, first.bodyLength());
      assertEquals("hello", first.bodyPrefix());
      assertEquals(200, second.status());
    }
    assertEquals(1, accepted.get());
    assertEquals(2, requestsSeen.size());
    assertTrue(requestsSeen.getFirst().endsWith("\r\n\r\n{\"k\":1}"), requestsSeen.getFirst());
  }

  @Test
  void connectionCloseReconnects() throws IOException {
    InetSocketAddress address = serve("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n"
        + "Content-Length: 2\r\n\r\n{}", true);

    try (KeepAliveConnection connection = new KeepAliveConnection(address, TIMEOUT)) {
      assertEquals(503, connection.exchange(request(address)).status());
      assertEquals(503, connection.exchange(request(address)).status());
    }
    assertEquals(2, accepted.get());
  }

  @Test
  void invalidStatusLineRejected() throws IOException {
    InetSocketAddress address = serve("SPDY/3 200 OK\r\nContent-Length: 0\r\n\r\n", false);

    try (KeepAliveConnection connection = new KeepAliveConnection(address, TIMEOUT)) {
      IOException error = assertThrows(IOException.class, () -> connection.exchange(request(address)));

      assertEquals("invalid status line, expected 'HTTP/1.x NNN ...', found 'SPDY/3 200 OK'", error.getMessage());
    }
  }

  @Test
  void chunkedBodyRejected() throws IOException {
    InetSocketAddress address = serve("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", false);

    try (KeepAliveConnection connection = new KeepAliveConnection(address, TIMEOUT)) {
      IOException error = assertThrows(IOException.class, () -> connection.exchange(request(address)));

      assertTrue(error.getMessage().contains("Transfer-Encoding: chunked"), error.getMessage());
    }
  }

  @Test
  void missingContentLengthRejected() throws IOException {
    InetSocketAddress address = serve("HTTP/1.1 204 No Content\r\n\r\n", false);

    try (KeepAliveConnection connection = new KeepAliveConnection(address, TIMEOUT)) {
      IOException error = assertThrows(IOException.class, () -> connection.exchange(request(address)));

      assertTrue(error.getMessage().contains("no Content-Length header (status 204)"), error.getMessage());
    }
  }

  @Test
  void truncatedBodyRejected() throws IOException {
    InetSocketAddress address = serve("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", true);

    try (KeepAliveConnection connection = new KeepAliveConnection(address, TIMEOUT)) {
      IOException error = assertThrows(IOException.class, () -> connection.exchange(request(address)));

      assertEquals("the server closed the connection after 3 of 10 body bytes", error.getMessage());
    }
  }
}
