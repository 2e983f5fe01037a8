package io.leverxc.model;

/**
 * Names of the parts of a model bundle, shared by the trainer that writes a bundle, the indexer
 * that rebuilds its graphs and the loader that serves it.
 */
public final class BundleLayout {
  /** Fitted text pipeline ({@code TfidfFeaturizer.toBytes}). */
  public static final String FEATURIZER = "featurizer";
  /** Document and label encoder ({@code EmbeddingBagEncoder.toBytes}). */
  public static final String ENCODER = "encoder";
  /**
   * Encoder fine-tuned jointly with the classifiers, whose embeddings the classifiers score;
   * absent when the classifiers read the teacher's embeddings.
   */
  public static final String CLASSIFIER_ENCODER = "classifier_encoder";
  /** One unit-norm teacher embedding per label, labels × dimension. */
  public static final String LABEL_EMBEDDINGS = "label_embeddings";
  /** One-vs-all weight vectors, labels × dimension. */
  public static final String CLASSIFIER_WEIGHTS = "classifier_weights";
  /** One-vs-all biases, one per label. */
  public static final String CLASSIFIER_BIASES = "classifier_biases";
  /** Label texts, UTF-8, one per line in label-id order. */
  public static final String LABEL_TEXTS = "label_texts";
  /**
   * Ids of removed labels, int32, ascending; optional. A removed label keeps its id and line in
   * {@link #LABEL_TEXTS} so that no id is reused, but it is never returned by a prediction.
   */
  public static final String REMOVED_LABELS = "removed_labels";
  /**
   * 64-bit hashes of the texts of the documents the model was trained on (its validation documents
   * excluded), each stored as two ints, high half first. A retrain holds out only documents whose
   * hash is absent, so that its validation split is unseen by the parent.
   */
  public static final String TRAINED_TEXT_HASHES = "trained_text_hashes";
  /**
   * Data set rows of the validation documents that tuned the fusion, ascending, so that a benchmark
   * can score the same documents again. Absent when training held out none.
   */
  public static final String VALIDATION_ROWS = "validation_rows";
  /** Graph over the label embeddings (cosine). */
  public static final String LABEL_INDEX = "label_index";
  /** Graph over the classifier vectors (inner product). */
  public static final String CLASSIFIER_INDEX = "classifier_index";
  /**
   * Unit embeddings of the training documents in the classifier input's space, documents ×
   * dimension; optional, present when the model votes with its nearest training documents.
   */
  public static final String DOCUMENT_EMBEDDINGS = "document_embeddings";
  /** Labels of the training documents in {@link #DOCUMENT_EMBEDDINGS}, row for row. */
  public static final String DOCUMENT_LABELS = "document_labels";
  /** Graph over {@link #DOCUMENT_EMBEDDINGS} (cosine). */
  public static final String DOCUMENT_INDEX = "document_index";
  /**
   * Sparse one-vs-all weights over the TF-IDF features, labels × feature dimension; optional,
   * present when the fused score has the sparse classifier term ({@link SparseClassifiers}).
   */
  public static final String SPARSE_WEIGHTS = "sparse_weights";
  /** Biases of the sparse classifiers in {@link #SPARSE_WEIGHTS}, one per label. */
  public static final String SPARSE_BIASES = "sparse_biases";

  /** Manifest settings sections. */
  public static final String SECTION_FEATURES = "features";

  /**
   * Manifest section of a model trained on a JSON-lines data set: key {@link #JSON_TEXT} records the
   * fields that made its texts, so that a retrain or validation run reads them the same way.
   */
  public static final String SECTION_DATA = "data";

  /** Key of {@link #SECTION_DATA}: {@code title} or {@code title-content}. */
  public static final String JSON_TEXT = "jsonText";
  public static final String SECTION_TEACHER = "teacher";
  public static final String SECTION_DISTILL = "distill";
  public static final String SECTION_CLASSIFIER = "classifier";
  public static final String SECTION_FUSION = "fusion";
  /** Settings of the sparse classifiers' training; absent when the bundle has none. */
  public static final String SECTION_SPARSE = "sparse";
  /** Fusion settings that choose the first result; absent when one ranking serves every position. */
  public static final String SECTION_FUSION_FIRST_SLOT = "fusion_first_slot";
  /** Settings of the label-embedding and classifier graphs. */
  public static final String SECTION_INDEX = "index";
  /** Settings of the training-document graph; absent in bundles written before it had its own. */
  public static final String SECTION_DOCUMENT_INDEX = "document_index";
  public static final String SECTION_TRAINING = "training";
  /** Changes of a retraining run relative to its parent bundle. A bundle trained from scratch has none. */
  public static final String SECTION_RETRAIN = "retrain";

  private BundleLayout() {}
}
