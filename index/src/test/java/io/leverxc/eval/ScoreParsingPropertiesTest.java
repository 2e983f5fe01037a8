package io.leverxc.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** The reader's score parser, fast path or not, must give exactly what {@link Double#parseDouble} gives. */
class ScoreParsingPropertiesTest {

  @Property(tries = 200, afterFailure = AfterFailureMode.RANDOM_SEED)
  void parsedScoresEqualParseDouble(
      @ForAll @DoubleRange(min = -1e6, max = 1e6) double mantissa,
      @ForAll @IntRange(min = -30, max = 30) int exponent,
      @ForAll @IntRange(min = 0, max = 20) int decimals)
      throws IOException {
    double value = mantissa * Math.pow(10, exponent);
    // A double beyond the float range prints as "Infinity", which the reader rejects by design.
    List<String> texts = Stream.of(
            Double.toString(value),
            Float.toString((float) value),
            String.format(Locale.ROOT, "%." + decimals + "f", value),
            String.format(Locale.ROOT, "%." + decimals + "e", value),
            String.format(Locale.ROOT, "%." + decimals + "f", value / 1e6))
        .filter(text -> Double.isFinite(Double.parseDouble(text)))
        .toList();
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < texts.size(); i++) {
      row.append(i).append(':').append(texts.get(i)).append(' ');
    }
    Path file = Files.createTempFile("lever-scores", ".txt");
    try {
      Files.writeString(file, "1 " + texts.size() + "\n" + row + "\n");
      try (PredictionReader reader = PredictionReader.open(file)) {
        assertTrue(reader.next());
        for (int i = 0; i < texts.size(); i++) {
          assertEquals(Double.parseDouble(texts.get(i)), reader.scores()[i], 0.0, texts.get(i));
        }
      }
    } finally {
      Files.delete(file);
    }
  }
}
