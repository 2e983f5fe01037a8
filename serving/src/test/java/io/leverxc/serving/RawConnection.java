package io.leverxc.serving;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A plain socket to a test server on loopback, for requests that a real HTTP client would not
 * send: half a request, or one on a connection the server is expected to close.
 */
final class RawConnection implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

  private final Socket socket = new Socket();

  RawConnection(LeverServer server) throws IOException {
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), CONNECT_TIMEOUT_MILLIS);
  }

  void send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  /**
   * Reads until the server closes the connection or {@code timeout} passes, and returns what
   * arrived. A reset counts as a close.
   *
   * @throws java.net.SocketTimeoutException when the connection is still open after {@code timeout}
   */
  String readUntilClosed(Duration timeout) throws IOException {
    socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] chunk = new byte[1024];
    try {
      InputStream in = socket.getInputStream();
      int read;
      while ((read = in.read(chunk)) != -1) {
        received.write(chunk, 0, read);
      }
    } catch (SocketException reset) {
      // The JDK's server may close with unread input pending, which the kernel turns into a reset.
    }
    return received.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
