package io.leverxc.model;

import io.leverxc.ann.ExactSearcher;
import io.leverxc.ann.IndexBackend;
import io.leverxc.ann.IndexSettings;
import io.leverxc.ann.Neighbors;
import io.leverxc.ann.VectorIndex;
import io.leverxc.ann.VectorIndexes;
import io.leverxc.ann.VectorSearcher;
import io.leverxc.bundle.BundleFormatException;
import io.leverxc.bundle.BundleReader;
import io.leverxc.bundle.Manifest;
import io.leverxc.data.LabelMatrix;
import io.leverxc.text.TfidfFeaturizer;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained Lever-XC model loaded from its bundle: text features, the teacher's encoder, the
 * one-vs-all classifiers, the shortlist graphs and the fusion weights. This is the predictor
 * that {@code lever predict} and the HTTP server use.
 *
 * <p>Thread-safe: all state is read-only after loading.
 */
public final class XcModel implements LabelPredictor {
  private static final Logger LOG = LoggerFactory.getLogger(XcModel.class);
  /**
   * Put between the bundle id and the checksum of the edited manifest in the id of a model whose
   * manifest.json was changed after writing, so that a server's replies tell it from the original.
   */
  public static final String EDITED_SUFFIX = "-edited-";

  private final Manifest manifest;
  /** The bundle id, with a suffix when manifest.json was edited after the bundle was written. */
  private final String modelId;
  private final TfidfFeaturizer featurizer;
  private final EmbeddingBagEncoder encoder;
  private final EmbeddingBagEncoder classifierEncoder;
  private final DenseMatrix labelEmbeddings;
  private final OvaClassifiers classifiers;
  private final List<String> labelTexts;
  private final FusedScorer scorer;
  private final VectorSearcher labelSearcher;
  private final ScorerKind scorerKind;
  private final int[] removedLabels;
  private final BitSet removed;

  private XcModel(
      Manifest manifest,
      String modelId,
      TfidfFeaturizer featurizer,
      EmbeddingBagEncoder encoder,
      EmbeddingBagEncoder classifierEncoder,
      DenseMatrix labelEmbeddings,
      OvaClassifiers classifiers,
      List<String> labelTexts,
      FusedScorer scorer,
      VectorSearcher labelSearcher,
      ScorerKind scorerKind,
      int[] removedLabels) {
    this.manifest = manifest;
    this.modelId = modelId;
    this.featurizer = featurizer;
    this.encoder = encoder;
    this.classifierEncoder = classifierEncoder;
    this.labelEmbeddings = labelEmbeddings;
    this.classifiers = classifiers;
    this.labelTexts = labelTexts;
    this.scorer = scorer;
    this.labelSearcher = labelSearcher;
    this.scorerKind = scorerKind;
    this.removedLabels = removedLabels;
    this.removed = new BitSet(labelTexts.size());
    for (int id : removedLabels) {
      removed.set(id);
    }
  }

  /** Loads a bundle with the fused scorer and its HNSW graphs. */
  public static XcModel load(Path bundle) {
    return load(bundle, ScorerKind.FUSED, SearchKind.INDEX);
  }

  /**
   * Loads a bundle.
   *
   * @throws io.leverxc.bundle.BundleFormatException if a part is missing, corrupt or of an
   *     unsupported version
   */
  public static XcModel load(Path bundle, ScorerKind scorerKind, SearchKind searchKind) {
    String before = bundleIdOrNull(bundle);
    try {
      return loadOnce(bundle, scorerKind, searchKind);
    } catch (BundleFormatException e) {
      // lever index and lever retrain swap the whole folder, so a load that read the old manifest
      // and then a new file fails although both bundles are intact: load the new one once more.
      String after = bundleIdOrNull(bundle);
      if (before == null || after == null || before.equals(after)) {
        throw e;
      }
      LOG.info("bundle {} at {} was replaced by {} while it loaded; loading the new one", before, bundle, after);
      return loadOnce(bundle, scorerKind, searchKind);
    }
  }

  /** Returns the id that the manifest at {@code bundle} records, or null when it cannot be read. */
  private static String bundleIdOrNull(Path bundle) {
    try {
      return BundleReader.open(bundle).manifest().bundleId();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static XcModel loadOnce(Path bundle, ScorerKind scorerKind, SearchKind searchKind) {
    long start = System.nanoTime();
    BundleReader reader = BundleReader.open(bundle);
    checkOptionalParts(reader);
    Manifest manifest = reader.manifest();
    TfidfFeaturizer featurizer = TfidfFeaturizer.fromBytes(reader.bytes(BundleLayout.FEATURIZER));
    EmbeddingBagEncoder encoder = EmbeddingBagEncoder.fromBytes(reader.bytes(BundleLayout.ENCODER));
    EmbeddingBagEncoder classifierEncoder =
        reader.has(BundleLayout.CLASSIFIER_ENCODER)
            ? EmbeddingBagEncoder.fromBytes(reader.bytes(BundleLayout.CLASSIFIER_ENCODER))
            : null;
    DenseMatrix labelEmbeddings = reader.matrix(BundleLayout.LABEL_EMBEDDINGS);
    OvaClassifiers classifiers =
        new OvaClassifiers(
            reader.matrix(BundleLayout.CLASSIFIER_WEIGHTS), reader.floats(BundleLayout.CLASSIFIER_BIASES));
    List<String> labelTexts = splitLines(reader.bytes(BundleLayout.LABEL_TEXTS));
    checkShapes(bundle, manifest, encoder, labelEmbeddings, classifiers, labelTexts);
    int[] removedLabels =
        reader.has(BundleLayout.REMOVED_LABELS) ? reader.ints(BundleLayout.REMOVED_LABELS) : new int[0];
    checkRemovedLabels(bundle, removedLabels, labelTexts.size());

    VectorSearcher labelSearcher;
    VectorSearcher classifierSearcher;
    boolean useGraphs =
        searchKind == SearchKind.INDEX
            && reader.has(BundleLayout.LABEL_INDEX)
            && reader.has(BundleLayout.CLASSIFIER_INDEX);
    if (useGraphs) {
      VectorIndex labelGraph = VectorIndexes.fromBytes(reader.bytes(BundleLayout.LABEL_INDEX), labelEmbeddings);
      labelSearcher = labelGraph;
      classifierSearcher =
          VectorIndexes.fromBytes(reader.bytes(BundleLayout.CLASSIFIER_INDEX), classifiers.weights());
      String mismatch =
          indexSectionMismatch(manifest.settings().get(BundleLayout.SECTION_INDEX), labelGraph.settings());
      if (mismatch != null) {
        LOG.warn("{}: {}; run lever index --model {} with --ef, --ef-construction, --m or --backend to change them",
            bundle, mismatch, bundle);
      }
    } else {
      if (searchKind == SearchKind.INDEX) {
        LOG.warn("bundle {} has no HNSW graphs; searching exactly. Run 'lever index --model {}' to build them.", bundle, bundle);
      }
      labelSearcher = new ExactSearcher(labelEmbeddings);
      classifierSearcher = new ExactSearcher(classifiers.searchVectors());
    }

    DocumentNeighbours neighbours = documentNeighbours(reader, searchKind, labelTexts.size());
    SparseClassifiers sparse = sparseClassifiers(reader, labelTexts.size(), featurizer.dimension());
    Path manifestFile = bundle.resolve("manifest.json");
    FusionSettings fusion = fusionSection(manifestFile, manifest, BundleLayout.SECTION_FUSION);
    FusionSettings effective =
        switch (scorerKind) {
          case FUSED -> fusion == null ? FusionSettings.defaults() : fusion;
          case CLASSIFIER, TEACHER -> {
            FusionSettings base = fusion == null ? FusionSettings.defaults() : fusion;
            float alpha = scorerKind == ScorerKind.CLASSIFIER ? 1f : 0f;
            yield base.withWeights(alpha, base.cosineScale(), base.cosineShift()).withNeighbourWeight(0f);
          }
        };
    FusionSettings firstSlot =
        scorerKind == ScorerKind.FUSED
            ? fusionSection(manifestFile, manifest, BundleLayout.SECTION_FUSION_FIRST_SLOT)
            : null;
    checkVote(manifestFile, BundleLayout.SECTION_FUSION, effective, neighbours != null);
    checkVote(manifestFile, BundleLayout.SECTION_FUSION_FIRST_SLOT, firstSlot, neighbours != null);
    checkSparse(manifestFile, BundleLayout.SECTION_FUSION, effective, sparse != null);
    checkSparse(manifestFile, BundleLayout.SECTION_FUSION_FIRST_SLOT, firstSlot, sparse != null);
    if (scorerKind != ScorerKind.FUSED) {
      effective = effective.withSparseWeight(0f);
    }
    FusedScorer scorer = new FusedScorer(
        classifiers, labelEmbeddings, classifierSearcher, labelSearcher, neighbours, sparse, effective, firstSlot);
    String modelId = manifest.bundleId();
    if (reader.manifestEdited()) {
      modelId = manifest.bundleId() + EDITED_SUFFIX + reader.currentManifestChecksum();
      LOG.warn(
          "{}: manifest.json was changed after bundle {} was written (its settings or file table may rank"
              + " differently), so this model is {}; run lever index --model {} to record the change as a new"
              + " bundle", bundle, manifest.bundleId(), modelId, bundle);
    }
    LOG.info(
        "loaded bundle {} ({} labels, dimension {}, scorer {}, search {}) in {} ms",
        modelId,
        labelTexts.size(),
        encoder.dimension(),
        scorerKind,
        useGraphs ? "hnsw" : "exact",
        (System.nanoTime() - start) / 1_000_000);
    return new XcModel(
        manifest, modelId, featurizer, encoder, classifierEncoder, labelEmbeddings, classifiers, labelTexts, scorer,
        labelSearcher, scorerKind, removedLabels);
  }

  /**
   * Returns the bundle's voting training documents, searched through their graph when asked for
   * graphs and the bundle has one, or null when the bundle stores none.
   */
  private static DocumentNeighbours documentNeighbours(BundleReader reader, SearchKind searchKind, int labels) {
    if (!reader.has(BundleLayout.DOCUMENT_EMBEDDINGS)) {
      return null;
    }
    DenseMatrix embeddings = reader.matrix(BundleLayout.DOCUMENT_EMBEDDINGS);
    LabelMatrix documentLabels = reader.labelMatrix(BundleLayout.DOCUMENT_LABELS);
    if (documentLabels.rows() != embeddings.rows() || documentLabels.columns() != labels) {
      throw new BundleFormatException(
          reader.directory(), BundleLayout.DOCUMENT_LABELS + " is " + documentLabels.rows() + " x "
              + documentLabels.columns() + ", expected " + embeddings.rows() + " x " + labels
              + "; the bundle is damaged, retrain it");
    }
    VectorSearcher searcher =
        searchKind == SearchKind.INDEX && reader.has(BundleLayout.DOCUMENT_INDEX)
            ? VectorIndexes.fromBytes(reader.bytes(BundleLayout.DOCUMENT_INDEX), embeddings)
            : new ExactSearcher(embeddings);
    return new DocumentNeighbours(searcher, documentLabels);
  }

  /**
   * Returns the bundle's sparse classifiers over the TF-IDF features, or null when the bundle
   * stores none, as bundles written before the sparse term do not.
   */
  private static SparseClassifiers sparseClassifiers(BundleReader reader, int labels, int featureDimension) {
    if (!reader.has(BundleLayout.SPARSE_WEIGHTS)) {
      return null;
    }
    LabelMatrix weights = reader.labelMatrix(BundleLayout.SPARSE_WEIGHTS);
    float[] biases = reader.floats(BundleLayout.SPARSE_BIASES);
    if (weights.rows() != labels || biases.length != labels || weights.columns() != featureDimension) {
      throw new BundleFormatException(
          reader.directory(), BundleLayout.SPARSE_WEIGHTS + " is " + weights.rows() + " x " + weights.columns()
              + " with " + biases.length + " biases, expected " + labels + " x " + featureDimension + " with "
              + labels + "; the bundle is damaged, retrain it");
    }
    return new SparseClassifiers(weights, biases);
  }

  private static void checkRemovedLabels(Path bundle, int[] removedLabels, int labels) {
    for (int i = 0; i < removedLabels.length; i++) {
      boolean ascending = i == 0 || removedLabels[i] > removedLabels[i - 1];
      if (removedLabels[i] < 0 || removedLabels[i] >= labels || !ascending) {
        throw new IllegalStateException(
            bundle + ": " + BundleLayout.REMOVED_LABELS + " entry " + i + " is " + removedLabels[i]
                + ", expected ascending label ids in [0, " + labels + "); the bundle is damaged, retrain it");
      }
    }
  }

  /**
   * Returns why the manifest's {@code settings.index} section disagrees with the settings the
   * label graph was built with, or null when they agree or the section is absent. The graph files
   * carry their own settings and the search uses those, so an edit of the section alone changes
   * nothing.
   */
  static String indexSectionMismatch(Map<String, Object> section, IndexSettings graphSettings) {
    if (section == null) {
      return null;
    }
    IndexSettings recorded;
    try {
      recorded = IndexSettingsCodec.fromMap(section);
    } catch (IllegalArgumentException e) {
      return "manifest.json has an invalid settings.index section (" + e.getMessage() + "), which the search does"
          + " not use: the graph files were built with " + IndexSettingsCodec.toMap(graphSettings);
    }
    if (recorded.equals(graphSettings)) {
      return null;
    }
    return "manifest.json records the index settings " + IndexSettingsCodec.toMap(recorded) + ", but the graph"
        + " files were built with " + IndexSettingsCodec.toMap(graphSettings) + ", and the search uses those";
  }

  /** Reads a fusion section of the manifest, or returns null when the manifest has none. */
  private static FusionSettings fusionSection(Path manifestFile, Manifest manifest, String section) {
    Map<String, Object> values = manifest.settings().get(section);
    if (values == null) {
      return null;
    }
    try {
      return FusionSettings.fromMap(values);
    } catch (IllegalArgumentException e) {
      throw new BundleFormatException(manifestFile, "settings section '" + section + "': " + e.getMessage());
    }
  }

  /**
   * Checks that the bundle's optional parts come in complete pairs (training-document embeddings
   * with their labels, sparse weights with their biases) and that it stores every part its fusion
   * settings weigh. {@link #load} makes the same checks while it reads the parts. This form reads
   * only the manifest, so that a command that rewrites a bundle can refuse one that would not load.
   *
   * @throws BundleFormatException naming the missing part, and the settings section that needs it
   */
  public static void checkOptionalParts(BundleReader reader) {
    checkPair(reader, BundleLayout.DOCUMENT_EMBEDDINGS, BundleLayout.DOCUMENT_LABELS);
    checkPair(reader, BundleLayout.SPARSE_WEIGHTS, BundleLayout.SPARSE_BIASES);
    Path manifestFile = reader.directory().resolve("manifest.json");
    for (String section : List.of(BundleLayout.SECTION_FUSION, BundleLayout.SECTION_FUSION_FIRST_SLOT)) {
      FusionSettings settings = fusionSection(manifestFile, reader.manifest(), section);
      checkVote(manifestFile, section, settings, reader.has(BundleLayout.DOCUMENT_EMBEDDINGS));
      checkSparse(manifestFile, section, settings, reader.has(BundleLayout.SPARSE_WEIGHTS));
    }
  }

  private static void checkPair(BundleReader reader, String first, String second) {
    if (reader.has(first) != reader.has(second)) {
      String present = reader.has(first) ? first : second;
      String missing = reader.has(first) ? second : first;
      throw new BundleFormatException(
          reader.directory(), "the bundle has " + present + " but no " + missing
              + ", and the two are only used together; the bundle is damaged, retrain it");
    }
  }

  /** Rejects settings that weigh a document vote the bundle cannot cast. */
  private static void checkVote(Path manifestFile, String section, FusionSettings settings, boolean hasDocuments) {
    if (settings != null && !hasDocuments && settings.usesNeighbours()) {
      throw new BundleFormatException(
          manifestFile, "settings section '" + section + "' gives the document vote weight "
              + settings.neighbourWeight() + " but the bundle has no " + BundleLayout.DOCUMENT_EMBEDDINGS
              + "; the bundle is damaged, retrain it");
    }
  }

  /** Rejects settings that weigh a sparse classifier term the bundle does not store. */
  private static void checkSparse(Path manifestFile, String section, FusionSettings settings, boolean hasSparse) {
    if (settings != null && !hasSparse && settings.usesSparse()) {
      throw new BundleFormatException(
          manifestFile, "settings section '" + section + "' gives the sparse classifiers the weight "
              + settings.sparseWeight() + " but the bundle has no " + BundleLayout.SPARSE_WEIGHTS
              + "; the bundle is damaged, retrain it");
    }
  }

  private static void checkShapes(
      Path bundle,
      Manifest manifest,
      EmbeddingBagEncoder encoder,
      DenseMatrix labelEmbeddings,
      OvaClassifiers classifiers,
      List<String> labelTexts) {
    checkLabelCounts(bundle, manifest, labelEmbeddings.rows(), classifiers.labelCount(), labelTexts.size());
    if (labelEmbeddings.columns() != encoder.dimension() || classifiers.dimension() != encoder.dimension()) {
      throw new BundleFormatException(
          bundle, "embedding dimension " + encoder.dimension() + " differs from label embeddings ("
              + labelEmbeddings.columns() + ") or classifiers (" + classifiers.dimension() + "); retrain it");
    }
  }

  /**
   * Checks that the manifest's label count matches the rows of the label parts.
   *
   * @param textCount number of label texts, or -1 when they were not read
   * @throws BundleFormatException naming every count when one differs
   */
  static void checkLabelCounts(Path bundle, Manifest manifest, int embeddingRows, int classifierRows, int textCount) {
    int labels = manifest.labelCount();
    if (embeddingRows != labels || classifierRows != labels || (textCount >= 0 && textCount != labels)) {
      throw new BundleFormatException(
          bundle, "inconsistent label counts: manifest " + labels + ", label embeddings " + embeddingRows
              + ", classifiers " + classifierRows + (textCount >= 0 ? ", label texts " + textCount : "")
              + "; the bundle is damaged, retrain it");
    }
  }

  /** Joins label texts into the bundle's one-per-line form. */
  public static byte[] joinLines(List<String> lines) {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      if (line.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("label text contains a line break: " + line);
      }
      text.append(line).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the label texts stored in a bundle, one per label id, without loading the rest of it. */
  public static List<String> readLabelTexts(BundleReader reader) {
    return splitLines(reader.bytes(BundleLayout.LABEL_TEXTS));
  }

  private static List<String> splitLines(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      lines.add(text.substring(start, end));
      start = end + 1;
    }
    return List.copyOf(lines);
  }

  @Override
  public List<ScoredLabel> predict(String text, int k) {
    Neighbors neighbors = predictNeighbors(text, k);
    List<ScoredLabel> labels = new ArrayList<>(neighbors.size());
    for (int i = 0; i < neighbors.size(); i++) {
      labels.add(new ScoredLabel(neighbors.ids()[i], neighbors.scores()[i]));
    }
    return labels;
  }

  @Override
  public boolean hasFeatures(String text) {
    return !featurizer.features(text).isEmpty();
  }

  /**
   * Returns the top {@code k} labels of {@code text} as parallel arrays, best first.
   *
   * @throws IllegalArgumentException if {@code k} is not positive
   */
  public Neighbors predictNeighbors(String text, int k) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be positive, got " + k);
    }
    return predictFeatures(featurizer.features(text), k);
  }

  /** Returns the top {@code k} labels of already extracted features. */
  public Neighbors predictFeatures(SparseVector features, int k) {
    if (features.isEmpty()) {
      return new Neighbors(new int[0], new float[0]);
    }
    // More results than labels cannot be returned, and a search for them would ask the graphs for
    // a candidate list above their limit.
    int count = Math.min(k, labelTexts.size());
    // The two embeddings are allocated per call, because at 1 KB each they cost little next to the graph searches.
    int dimension = encoder.dimension();
    float[] embedding = new float[dimension];
    encoder.encode(features, embedding);
    if (removedLabels.length == 0) {
      return search(features, embedding, count);
    }
    // NOTE: one extra result per removed label keeps k results, but the search slows down when
    // many labels are removed, and then a full training without them is cheaper.
    int wider = (int) Math.min(labelTexts.size(), (long) count + removedLabels.length);
    return withoutRemoved(search(features, embedding, wider), count);
  }

  private Neighbors search(SparseVector features, float[] embedding, int k) {
    if (scorerKind == ScorerKind.TEACHER) {
      return labelSearcher.search(embedding, k);
    }
    if (classifierEncoder == null) {
      return scorer.topK(embedding, embedding, features, k);
    }
    float[] classifierInput = new float[embedding.length];
    classifierEncoder.encode(features, classifierInput);
    return scorer.topK(classifierInput, embedding, features, k);
  }

  private Neighbors withoutRemoved(Neighbors neighbors, int k) {
    int[] ids = new int[Math.min(k, neighbors.size())];
    float[] scores = new float[ids.length];
    int kept = 0;
    for (int i = 0; i < neighbors.size() && kept < ids.length; i++) {
      int id = neighbors.ids()[i];
      if (!removed.get(id)) {
        ids[kept] = id;
        scores[kept] = neighbors.scores()[i];
        kept++;
      }
    }
    return new Neighbors(Arrays.copyOf(ids, kept), Arrays.copyOf(scores, kept));
  }

  /** Returns whether label {@code id} was removed: it keeps its id but is never predicted. */
  @Override
  public boolean isRemoved(int id) {
    return removed.get(id);
  }

  /** Returns the ids of removed labels, ascending. */
  public int[] removedLabels() {
    return removedLabels.clone();
  }

  @Override
  public int labelCount() {
    return labelTexts.size();
  }

  @Override
  public String labelText(int id) {
    return labelTexts.get(id);
  }

  /** Value of {@code kind} in {@link #summary()}. */
  public static final String KIND = "trained";

  /**
   * Adds to the default summary what a caller needs to tell served models apart. That is how
   * predictions are scored, the embedding size, the training data and parent, and the distillation
   * mode. It also lists which optional terms of the fusion are on: the document vote and the
   * sparse TF-IDF term.
   */
  @Override
  public Map<String, Object> summary() {
    Map<String, Object> summary = new LinkedHashMap<>(LabelPredictor.super.summary());
    summary.put("kind", KIND);
    summary.put("scorer", scorerKind.name().toLowerCase(Locale.ROOT));
    summary.put("dimension", encoder.dimension());
    summary.put("created_at", manifest.createdAt());
    summary.put("parent_model_id", manifest.parentBundleId());
    summary.put("dataset", manifest.dataset() == null ? null : manifest.dataset().name());
    Map<String, Object> distill = manifest.settings().get(BundleLayout.SECTION_DISTILL);
    summary.put("distill", distill == null ? null : String.valueOf(distill.get("mode")).toLowerCase(Locale.ROOT));
    summary.put("removed_labels", removedLabels.length);
    summary.put("document_vote", scorerKind == ScorerKind.FUSED && usesTerm(FusionSettings::usesNeighbours));
    summary.put("sparse_term", scorerKind == ScorerKind.FUSED && usesTerm(FusionSettings::usesSparse));
    return summary;
  }

  /** Whether the main fusion settings or those of the first slot use a term. */
  private boolean usesTerm(Predicate<FusionSettings> term) {
    return term.test(scorer.settings()) || (scorer.firstSlot() != null && term.test(scorer.firstSlot()));
  }

  @Override
  public String modelId() {
    return modelId;
  }

  public Manifest manifest() {
    return manifest;
  }

  public TfidfFeaturizer featurizer() {
    return featurizer;
  }

  public EmbeddingBagEncoder encoder() {
    return encoder;
  }

  /**
   * Returns the encoder whose embeddings the classifiers score: the fine-tuned classifier encoder,
   * or the teacher's encoder when the bundle has none.
   */
  public EmbeddingBagEncoder classifierEncoder() {
    return classifierEncoder != null ? classifierEncoder : encoder;
  }

  public DenseMatrix labelEmbeddings() {
    return labelEmbeddings;
  }

  /** Returns the sparse classifiers over the TF-IDF features, or null when the bundle has none. */
  public SparseClassifiers sparseClassifiers() {
    return scorer.sparseClassifiers();
  }

  public OvaClassifiers classifiers() {
    return classifiers;
  }

  /** Default graph settings for new bundles. */
  public static IndexSettings defaultIndexSettings() {
    return IndexSettings.defaults(IndexBackend.LUCENE);
  }
}
