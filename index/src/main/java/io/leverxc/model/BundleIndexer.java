package io.leverxc.model;

import io.leverxc.ann.IndexBackend;
import io.leverxc.ann.IndexSettings;
import io.leverxc.ann.Similarity;
import io.leverxc.ann.VectorIndex;
import io.leverxc.ann.VectorIndexes;
import io.leverxc.bundle.BundleReader;
import io.leverxc.bundle.BundleWriter;
import io.leverxc.bundle.Manifest;
import io.leverxc.vector.DenseMatrix;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the shortlist graphs of a bundle (label embeddings, classifier vectors, and training
 * documents when the bundle has them) from the vectors stored in it and replaces the bundle
 * atomically: a reader sees either the old bundle or the new one. The old graph files are never
 * read, so a bundle whose graph files were lost or damaged is repaired by a rebuild.
 */
public final class BundleIndexer {
  private static final Logger LOG = LoggerFactory.getLogger(BundleIndexer.class);

  private BundleIndexer() {}

  /** Settings that replace the bundle's own; a null field keeps the bundle's value. */
  public record Overrides(IndexBackend backend, Integer m, Integer efConstruction, Integer ef) {
    IndexSettings applyTo(IndexSettings base) {
      return new IndexSettings(
          backend == null ? base.backend() : backend,
          m == null ? base.m() : m,
          efConstruction == null ? base.efConstruction() : efConstruction,
          ef == null ? base.ef() : ef);
    }

    /**
     * Returns a manifest section with these settings in place of its own, before it is checked,
     * so that an override repairs an invalid stored value rather than failing on it.
     */
    Map<String, Object> applyTo(Map<String, Object> section) {
      Map<String, Object> merged = new java.util.LinkedHashMap<>(section);
      if (backend != null) {
        merged.put("backend", backend.name().toLowerCase(java.util.Locale.ROOT));
      }
      if (m != null) {
        merged.put("m", m);
      }
      if (efConstruction != null) {
        merged.put("ef_construction", efConstruction);
      }
      if (ef != null) {
        merged.put("ef", ef);
      }
      return merged;
    }
  }

  /**
   * The settings used and the seconds spent building the graphs.
   *
   * @param settings settings of the label-embedding and classifier graphs
   * @param documentSettings settings of the training-document graph, or null when the bundle has
   *     no training documents
   */
  public record Result(IndexSettings settings, IndexSettings documentSettings, double seconds) {}

  /** The graph files: derived from the vectors, so a rebuild replaces them without reading them. */
  private static final Set<String> GRAPHS =
      Set.of(BundleLayout.LABEL_INDEX, BundleLayout.CLASSIFIER_INDEX, BundleLayout.DOCUMENT_INDEX);

  /**
   * Parses a graph settings section of the manifest, naming the file and section when a value is
   * invalid and the options that replace it.
   */
  private static IndexSettings parseSection(Path bundle, String name, Map<String, Object> section, String options) {
    try {
      return IndexSettingsCodec.fromMap(section);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(bundle.resolve("manifest.json") + ", settings." + name + ": "
          + e.getMessage() + "; pass " + options + " to replace the stored value", e);
    }
  }

  /** Logs each graph file of the bundle that is missing or damaged, which the rebuild replaces. */
  private static void warnDamagedGraphs(Path bundle, BundleReader reader) {
    for (String graph : GRAPHS) {
      if (!reader.has(graph)) {
        continue;
      }
      try {
        reader.verify(graph);
      } catch (io.leverxc.bundle.BundleFormatException | java.io.UncheckedIOException e) {
        // The message ends with advice on how to repair the bundle, which this rebuild is doing.
        String problem = String.valueOf(e.getMessage());
        int advice = problem.indexOf(';');
        LOG.warn("graph {} of {} is missing or damaged ({}); it is rebuilt from the stored vectors", graph, bundle,
            advice > 0 ? problem.substring(0, advice) : problem);
      }
    }
  }

  /**
   * Rebuilds every graph; the backend override applies to the training-document graph as well,
   * which otherwise keeps its own settings.
   */
  public static Result rebuild(Path bundle, Overrides overrides, int threads) {
    return rebuild(bundle, overrides, new Overrides(overrides.backend(), null, null, null), threads);
  }

  /**
   * Rebuilds every graph, the training-document graph with its own overrides.
   *
   * @param overrides replace the settings of the label-embedding and classifier graphs
   * @param documentOverrides replace the settings of the training-document graph
   */
  public static Result rebuild(Path bundle, Overrides overrides, Overrides documentOverrides, int threads) {
    BundleReader reader = BundleReader.open(bundle, GRAPHS);
    // A bundle that would not load is refused here rather than given a new id.
    XcModel.checkOptionalParts(reader);
    warnDamagedGraphs(bundle, reader);
    Manifest old = reader.manifest();
    Map<String, Object> section = old.settings().get(BundleLayout.SECTION_INDEX);
    IndexSettings settings =
        section == null
            ? overrides.applyTo(XcModel.defaultIndexSettings())
            : parseSection(bundle, BundleLayout.SECTION_INDEX, overrides.applyTo(section), "--m, --ef-construction,"
                + " --ef or --backend");
    boolean hasDocuments = reader.has(BundleLayout.DOCUMENT_EMBEDDINGS);
    Map<String, Object> documentSection = old.settings().get(BundleLayout.SECTION_DOCUMENT_INDEX);
    IndexSettings documentSettings = null;
    if (hasDocuments) {
      documentSettings =
          documentSection == null
              // A bundle written before the document graph had its own section: defaults on the label graphs' backend.
              ? documentOverrides.applyTo(DocumentNeighbours.graphSettings(settings.backend()))
              : parseSection(bundle, BundleLayout.SECTION_DOCUMENT_INDEX, documentOverrides.applyTo(documentSection),
                  "--document-m, --document-ef-construction, --document-ef or --backend");
    }

    long start = System.nanoTime();
    DenseMatrix labelEmbeddings = reader.matrix(BundleLayout.LABEL_EMBEDDINGS);
    DenseMatrix weights = reader.matrix(BundleLayout.CLASSIFIER_WEIGHTS);
    // The label texts play no part in the graphs, so loading the model checks them, not this.
    XcModel.checkLabelCounts(bundle, old, labelEmbeddings.rows(), weights.rows(), -1);
    VectorIndex labelIndex = VectorIndexes.build(labelEmbeddings, Similarity.COSINE, settings, threads);
    VectorIndex classifierIndex = VectorIndexes.build(weights, Similarity.INNER_PRODUCT, settings, threads);
    VectorIndex documentIndex =
        hasDocuments
            ? VectorIndexes.build(reader.matrix(BundleLayout.DOCUMENT_EMBEDDINGS), Similarity.COSINE, documentSettings, threads)
            : null;
    double seconds = (System.nanoTime() - start) / 1e9;

    Map<String, Map<String, Object>> newSettings = new LinkedHashMap<>(old.settings());
    newSettings.put(BundleLayout.SECTION_INDEX, IndexSettingsCodec.toMap(settings));
    if (hasDocuments) {
      newSettings.put(BundleLayout.SECTION_DOCUMENT_INDEX, IndexSettingsCodec.toMap(documentSettings));
    }
    Manifest.Builder manifest = Manifest.builder()
        // An edited manifest names its edit in the lineage, as the served model id did.
        .parentBundleId(
            reader.manifestEdited()
                ? old.bundleId() + XcModel.EDITED_SUFFIX + reader.currentManifestChecksum()
                : old.bundleId())
        .dataset(old.dataset())
        .labelCount(old.labelCount())
        .seed(old.seed())
        .metrics(old.metrics());
    old.dimensions().forEach(manifest::dimension);
    newSettings.forEach(manifest::settings);

    try (BundleWriter writer = BundleWriter.create(bundle)) {
      for (String name : reader.names()) {
        if (!GRAPHS.contains(name)) {
          writer.copyFrom(reader, name);
        }
      }
      writer.putBytes(BundleLayout.LABEL_INDEX, labelIndex.toBytes());
      writer.putBytes(BundleLayout.CLASSIFIER_INDEX, classifierIndex.toBytes());
      if (documentIndex != null) {
        writer.putBytes(BundleLayout.DOCUMENT_INDEX, documentIndex.toBytes());
      }
      writer.setManifest(manifest.build());
      writer.commit();
    }
    LOG.info(
        "rebuilt the graphs of {} with {}{} in {} s", bundle, settings,
        hasDocuments ? ", the document graph with " + documentSettings : "",
        String.format(java.util.Locale.ROOT, "%.1f", seconds));
    return new Result(settings, documentSettings, seconds);
  }
}
