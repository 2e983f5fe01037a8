import io.leverxc.data.TextLinesReader;
import io.leverxc.model.XcModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a bundle's label embeddings and classifier vectors, and for the first texts of a file their
 * teacher embeddings (queries of the label-embedding graph) and classifier-encoder embeddings
 * (queries of the classifier-vector graph), as little-endian float32 rows, the raw input of
 * {@code lever bench index --vectors}.
 *
 * <p>Run from the repository root with the built jar:
 * {@code java --add-modules jdk.incubator.vector -cp tools/target/lever.jar tools/scripts/ExportBundleVectors.java
 * BUNDLE TEXTS OUT_DIR [QUERY_COUNT]}.
 */
public class ExportBundleVectors {
  private static final int DEFAULT_QUERY_COUNT = 2000;

  private static void write(Path file, float[] values) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : values) {
      buffer.putFloat(value);
    }
    Files.write(file, buffer.array());
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: ExportBundleVectors BUNDLE TEXTS OUT_DIR [QUERY_COUNT]");
      System.exit(2);
    }
    XcModel model = XcModel.load(Path.of(args[0]));
    Path out = Files.createDirectories(Path.of(args[2]));
    write(out.resolve("labels.f32"), model.labelEmbeddings().data());
    write(out.resolve("classifiers.f32"), model.classifiers().weights().data());

    List<String> texts = TextLinesReader.read(Path.of(args[1]), -1);
    int count = Math.min(texts.size(), args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_QUERY_COUNT);
    int dimension = model.encoder().dimension();
    float[] queries = new float[count * dimension];
    float[] classifierQueries = new float[count * dimension];
    float[] embedding = new float[dimension];
    for (int i = 0; i < count; i++) {
      var features = model.featurizer().features(texts.get(i));
      model.encoder().encode(features, embedding);
      System.arraycopy(embedding, 0, queries, i * dimension, dimension);
      model.classifierEncoder().encode(features, embedding);
      System.arraycopy(embedding, 0, classifierQueries, i * dimension, dimension);
    }
    write(out.resolve("queries.f32"), queries);
    write(out.resolve("classifier_queries.f32"), classifierQueries);
    System.out.println("dimension " + dimension + ", " + model.labelCount() + " labels, " + count
        + " teacher and classifier-encoder query embeddings in " + out);
  }
}
