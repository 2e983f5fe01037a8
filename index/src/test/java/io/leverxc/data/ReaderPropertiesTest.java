package io.leverxc.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips through the writer, and random bytes through every reader. */
class ReaderPropertiesTest {
  private static final int TRIES = 100;

  @Property(tries = TRIES)
  void writeThenReadReturnsSameMatrix(@ForAll("matrices") LabelMatrix matrix, @ForAll boolean gzip) {
    withTemporaryFolder(folder -> {
      Path file = folder.resolve(gzip ? "m.txt.gz" : "m.txt");
      SparseMatrixWriter.write(file, matrix);
      LabelMatrix read = SparseMatrixReader.read(file);
      assertEquals(matrix.rows(), read.rows());
      assertEquals(matrix.columns(), read.columns());
      for (int row = 0; row < matrix.rows(); row++) {
        assertArrayEquals(matrix.row(row).indices(), read.row(row).indices(), "row " + row);
        assertArrayEquals(matrix.row(row).values(), read.row(row).values(), "row " + row);
      }
    });
  }

  @Property(tries = TRIES)
  void sparseReaderFailsOnlyWithFormatError(@ForAll("noise") byte[] content) {
    readNoise(content, "x.txt", SparseMatrixReader::read);
  }

  @Property(tries = TRIES)
  void sparseReaderOnNumericNoise(@ForAll("numericNoise") String content) {
    readNoise(content.getBytes(java.nio.charset.StandardCharsets.UTF_8), "x.txt", SparseMatrixReader::read);
  }

  @Property(tries = TRIES)
  void textAndFilterReadersFailOnlyWithFormatError(@ForAll("noise") byte[] content) {
    readNoise(content, "x.txt", file -> TextLinesReader.read(file, 3));
    readNoise(content, "x.txt", file -> FilterPairs.read(file, 4, 4));
  }

  @Property(tries = TRIES)
  void npyReaderFailsOnlyWithFormatError(@ForAll("npyNoise") byte[] content) {
    readNoise(content, "x.npy", NpyReader::readMatrix);
  }

  @Property(tries = TRIES)
  void jsonLinesReaderFailsOnlyWithFormatError(@ForAll("jsonNoise") String content) {
    withTemporaryFolder(folder -> {
      try {
        Files.writeString(folder.resolve("lbl.json"), "{\"title\": \"a\"}\n{\"title\": \"b\"}\n");
        Files.writeString(folder.resolve("trn.json"), content);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        XcDataset.load(folder);
      } catch (DataFormatException expected) {
        // Any other exception type fails the property.
      }
    });
  }

  private static void readNoise(byte[] content, String name, Consumer<Path> read) {
    withTemporaryFolder(folder -> {
      Path file;
      try {
        file = Files.write(folder.resolve(name), content);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        read.accept(file);
      } catch (DataFormatException expected) {
        // Any other exception type fails the property.
      }
    });
  }

  @Provide
  Arbitrary<LabelMatrix> matrices() {
    Arbitrary<Integer> columns = Arbitraries.integers().between(1, 50);
    return columns.flatMap(columnCount -> {
      Arbitrary<float[]> value = Arbitraries.floats().between(-1e6f, 1e6f).map(v -> new float[] {v});
      Arbitrary<List<Integer>> rowLabels =
          Arbitraries.integers().between(0, columnCount - 1).set().ofMaxSize(Math.min(columnCount, 12))
              .map(List::copyOf);
      Arbitrary<List<float[]>> rowValues = value.list().ofSize(12);
      Arbitrary<Object[]> row = Combinators.combine(rowLabels, rowValues).as((labels, values) -> new Object[] {labels, values});
      return row.list().ofMaxSize(20).map(rows -> {
        LabelMatrix.Builder builder = new LabelMatrix.Builder(columnCount);
        for (Object[] entry : rows) {
          @SuppressWarnings("unchecked")
          List<Integer> labels = (List<Integer>) entry[0];
          @SuppressWarnings("unchecked")
          List<float[]> values = (List<float[]>) entry[1];
          int[] ids = labels.stream().mapToInt(Integer::intValue).toArray();
          float[] rowValuesArray = new float[ids.length];
          for (int i = 0; i < ids.length; i++) {
            rowValuesArray[i] = values.get(i)[0];
          }
          builder.addRow(ids, rowValuesArray, ids.length);
        }
        return builder.build();
      });
    });
  }

  @Provide
  Arbitrary<byte[]> noise() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
  }

  @Provide
  Arbitrary<byte[]> npyNoise() {
    byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(tail -> {
      byte[] bytes = new byte[magic.length + tail.length];
      System.arraycopy(magic, 0, bytes, 0, magic.length);
      System.arraycopy(tail, 0, bytes, magic.length, tail.length);
      return bytes;
    });
  }

  /** Text built from the characters of the sparse formats, so the parsers get past the header. */
  @Provide
  Arbitrary<String> numericNoise() {
    return Arbitraries.strings().withChars("0123456789 :,.-e\n\t").ofMaxLength(200).map(body -> "3 5 4\n" + body);
  }

  @Provide
  Arbitrary<String> jsonNoise() {
    return Arbitraries.strings().withChars("{}[]\":,0123456789 -.etitlarg_ndx\n").ofMaxLength(200);
  }

  private static void withTemporaryFolder(Consumer<Path> body) {
    Path folder;
    try {
      folder = Files.createTempDirectory("lever-reader-property");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      body.accept(folder);
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
