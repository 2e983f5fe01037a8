package io.leverxc.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The k of a request without one: 10, or the server's maximum k when that is lower. */
class DefaultKTest {
  private static final String WARNING =
      "Maximum k 2 is below the default k 10, so a request without k gets at most 2 labels";

  @TempDir Path bundles;

  @Test
  void defaultKIsTenUnlessMaxKIsLower() {
    ServerConfig config = ServerConfig.defaults(Path.of("model"), 0);
    int maxBodyBytes = ServerConfig.DEFAULT_MAX_BODY_BYTES;
    int maxBatchSize = ServerConfig.DEFAULT_MAX_BATCH_SIZE;
    int maxTextChars = ServerConfig.DEFAULT_MAX_TEXT_CHARS;

    assertEquals(10, config.defaultK());
    assertEquals(10, config.withLimits(maxBodyBytes, 10, maxBatchSize, maxTextChars).defaultK());
    assertEquals(5, config.withLimits(maxBodyBytes, 5, maxBatchSize, maxTextChars).defaultK());
    assertEquals(1, config.withLimits(maxBodyBytes, 1, maxBatchSize, maxTextChars).defaultK());
  }

  @Test
  void maxKBelowTenLimitsDefaultAndWarns() throws Exception {
    Path animals = TestBundles.write(bundles, "animals", TestBundles.ANIMALS);
    ServerConfig config = ServerConfig.defaults(animals, 0).withLimits(
        ServerConfig.DEFAULT_MAX_BODY_BYTES, 2, ServerConfig.DEFAULT_MAX_BATCH_SIZE, ServerConfig.DEFAULT_MAX_TEXT_CHARS);

    LogCapture.Captured<LeverServer> started = LogCapture.during(() -> LeverServer.start(config, new TestBundles()));

    try (ServerClient client = new ServerClient(started.result())) {
      started.result().initialLoad().get(30, TimeUnit.SECONDS);
      assertTrue(started.log().contains("WARN io.leverxc.serving.LeverServer - " + WARNING), started.log());

      // Every one of the 4 labels shares a word with the text, so only k limits the reply.
      HttpResponse<String> response = client.post("/v1/predict", "{\"text\": \"pet car tree\"}");
      assertEquals(200, response.statusCode(), response.body());
      assertEquals(2, ServerClient.json(response).get("labels").size(), response.body());
    } finally {
      started.result().stop();
    }
  }

  @Test
  void defaultMaxKLogsNoWarning() throws Exception {
    Path animals = TestBundles.write(bundles, "animals", TestBundles.ANIMALS);

    LogCapture.Captured<LeverServer> started =
        LogCapture.during(() -> LeverServer.start(ServerConfig.defaults(animals, 0), new TestBundles()));
    started.result().stop();

    assertFalse(started.log().contains("below the default k"), started.log());
  }
}
