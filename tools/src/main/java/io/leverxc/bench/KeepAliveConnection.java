package io.leverxc.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive client connection over a plain {@link Socket}, for load generation on
 * loopback. It sends a prepared request and reads the status line, the headers and a body of
 * {@code Content-Length} bytes. It opens the socket on first use and again after the server closed
 * it, and it never retries a request. Not thread-safe: one connection serves one thread.
 *
 * <p>It keeps per request only what a benchmark needs (status, body length and a short body prefix
 * for error reports), so it costs far less CPU than {@code java.net.http.HttpClient}.
 */
final class KeepAliveConnection implements AutoCloseable {
  /** Longest accepted status or header line, in bytes. */
  static final int MAX_LINE_BYTES = 8192;
  /** Largest accepted response body, in bytes. */
  static final int MAX_BODY_BYTES = 16 << 20;
  /** Body bytes kept for error reports. */
  private static final int BODY_PREFIX_BYTES = 200;
  private static final int READ_BUFFER_BYTES = 16 << 10;

  private final InetSocketAddress address;
  private final int timeoutMillis;
  private final byte[] line = new byte[MAX_LINE_BYTES];
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  /**
   * @param timeout connect timeout and the longest wait for each read
   */
  KeepAliveConnection(InetSocketAddress address, Duration timeout) {
    this.address = address;
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  /** Status, body length and the start of the body of one response. */
  record Response(int status, int bodyLength, String bodyPrefix) {}

  /**
   * Builds the bytes of a request with a body: request line, Host, Content-Type and
   * Content-Length headers, then the body.
   */
  static byte[] request(String method, String host, int port, String path, String contentType, byte[] body) {
    String head = method + " " + path + " HTTP/1.1\r\n"
        + "Host: " + host + ":" + port + "\r\n"
        + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
        + "Content-Length: " + body.length + "\r\n"
        + "\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
    System.arraycopy(body, 0, bytes, headBytes.length, body.length);
    return bytes;
  }

  /**
   * Sends {@code request}, built by {@link #request}, and reads the whole response.
   *
   * @throws IOException if connecting, writing or reading fails, the read times out, or the
   *     response is not valid HTTP/1.1 with a Content-Length body. The connection is then closed.
   */
  Response exchange(byte[] request) throws IOException {
    try {
      if (socket == null) {
        open();
      }
      out.write(request);
      out.flush();
      return readResponse();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void open() throws IOException {
    Socket opened = new Socket();
    try {
      opened.setTcpNoDelay(true);
      opened.connect(address, timeoutMillis);
      opened.setSoTimeout(timeoutMillis);
      in = new BufferedInputStream(opened.getInputStream(), READ_BUFFER_BYTES);
      out = opened.getOutputStream();
      socket = opened;
    } catch (IOException e) {
      opened.close();
      throw e;
    }
  }

  private Response readResponse() throws IOException {
    String statusLine = readLine();
    int status = parseStatus(statusLine);
    int contentLength = -1;
    boolean closeAfter = false;
    for (String header = readLine(); !header.isEmpty(); header = readLine()) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new IOException("invalid response header line, expected 'Name: value', found '" + header + "'");
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> contentLength = parseContentLength(value);
        case "connection" -> closeAfter = value.equalsIgnoreCase("close");
        case "transfer-encoding" -> throw new IOException(
            "the response uses Transfer-Encoding: " + value + ", but this client reads only Content-Length bodies");
        default -> { }
      }
    }
    if (contentLength < 0) {
      throw new IOException("the response to a request has no Content-Length header (status " + status + ")");
    }
    byte[] prefix = new byte[Math.min(contentLength, BODY_PREFIX_BYTES)];
    readFully(prefix, prefix.length);
    skipFully(contentLength - prefix.length);
    if (closeAfter) {
      close();
    }
    return new Response(status, contentLength, new String(prefix, StandardCharsets.UTF_8));
  }

  private static int parseStatus(String statusLine) throws IOException {
    // "HTTP/1.1 200 OK": the code is the three digits after the first space.
    if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
      throw new IOException("invalid status line, expected 'HTTP/1.x NNN ...', found '" + statusLine + "'");
    }
    try {
      return Integer.parseInt(statusLine.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new IOException("invalid status code in status line '" + statusLine + "'", e);
    }
  }

  private static int parseContentLength(String value) throws IOException {
    long length;
    try {
      length = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IOException("invalid Content-Length '" + value + "', expected a non-negative integer", e);
    }
    if (length < 0 || length > MAX_BODY_BYTES) {
      throw new IOException("Content-Length " + length + " is outside [0, " + MAX_BODY_BYTES + "]");
    }
    return (int) length;
  }

  /** Reads one line ending in CRLF and returns it without the CRLF, as ISO-8859-1 text. */
  private String readLine() throws IOException {
    int length = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException(length == 0
            ? "the server closed the connection before sending a response"
            : "the server closed the connection in the middle of a header line");
      }
      if (b == '\n') {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        return new String(line, 0, end, StandardCharsets.ISO_8859_1);
      }
      if (length == line.length) {
        throw new IOException("a response header line is longer than " + MAX_LINE_BYTES + " bytes");
      }
      line[length++] = (byte) b;
    }
  }

  private void readFully(byte[] buffer, int length) throws IOException {
    int done = 0;
    while (done < length) {
      int read = in.read(buffer, done, length - done);
      if (read < 0) {
        throw new EOFException("the server closed the connection after " + done + " of " + length + " body bytes");
      }
      done += read;
    }
  }

  private void skipFully(int length) throws IOException {
    int left = length;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException("the server closed the connection with " + left + " body bytes unread");
        }
        skipped = 1;
      }
      left -= (int) skipped;
    }
  }

  /** Closes the socket if it is open. The next {@link #exchange} opens a new one. */
  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing a loopback socket that is already broken has nothing left to report.
      }
      socket = null;
      in = null;
      out = null;
    }
  }
}
