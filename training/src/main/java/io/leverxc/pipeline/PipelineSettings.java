package io.leverxc.pipeline;

import io.leverxc.ann.IndexSettings;
import io.leverxc.classifier.OvaSettings;
import io.leverxc.classifier.SparseOvaSettings;
import io.leverxc.classifier.TuningObjective;
import io.leverxc.distill.DistillSettings;
import io.leverxc.model.FusionSettings;
import io.leverxc.teacher.TeacherSettings;
import io.leverxc.text.FeatureSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything one training run needs, recorded in the bundle's manifest so a run can be repeated.
 *
 * @param validationFraction share of the training documents held out to tune the fusion weights;
 *     the classifiers and the teacher never see them
 * @param tuningObjective what the fusion weights maximise on the validation split
 * @param teacherEmbeddings folder of precomputed teacher embeddings ({@code trn_doc_embeddings.npy},
 *     {@code lbl_embeddings.npy}) that drive distillation in place of the built-in teacher's, or
 *     null; the model still encodes queries with its own encoder
 * @param labelCooccurrenceThreshold minimum share P(l' | l) of label {@code l}'s training documents
 *     for {@code l'} to become a soft positive of {@code l}'s label-text row, or 0 to add none
 * @param documentNeighbours training documents whose labels vote in the fused score, or 0 for no
 *     vote. With a vote the bundle stores one embedding per training document and a graph over them.
 * @param sparse settings of the sparse one-vs-all classifiers on the TF-IDF features, whose term in
 *     the fused score gets a weight tuned on the validation split, or null to train none
 * @param chooseTitleFeatures whether the run decides {@link FeatureSettings#titleCharNgrams()} on the
 *     validation split ({@link TitleFeatureChoice}) instead of taking the value in {@code features}
 */
public record PipelineSettings(
    FeatureSettings features,
    TeacherSettings teacher,
    DistillSettings distill,
    OvaSettings classifier,
    IndexSettings index,
    double validationFraction,
    TuningObjective tuningObjective,
    int threads,
    long seed,
    Path teacherEmbeddings,
    float labelCooccurrenceThreshold,
    int documentNeighbours,
    SparseOvaSettings sparse,
    boolean chooseTitleFeatures) {

  /** Largest share of the training documents that may be held out for validation. */
  public static final double MAX_VALIDATION_FRACTION = 0.5;

  /** Labels with fewer training documents get no co-occurrence targets: their shares are too noisy. */
  public static final int COOCCURRENCE_MIN_DOCUMENTS = 2;

  /**
   * Candidate list size {@code ef} of the graph searches for hard negatives and for LEVER's teacher
   * neighbours. These need near neighbours, not the nearest: by default 20 hard negatives beside a
   * row's own labels, or at most 5 LEVER candidates. So 50 candidates suffice, where served
   * searches explore the index's default.
   */
  public static final int NEGATIVE_SEARCH_EF = 50;

  /**
   * Candidate list size while inserting into the classifier-vector graphs that a training builds
   * for one round of hard-negative searches and then drops. The served graphs keep their own
   * settings. A retrain also builds its training documents' graph with this value.
   */
  public static final int TRANSIENT_GRAPH_EF_CONSTRUCTION = 40;

  /** Settings without the document-neighbour vote. */
  public PipelineSettings(
      FeatureSettings features,
      TeacherSettings teacher,
      DistillSettings distill,
      OvaSettings classifier,
      IndexSettings index,
      double validationFraction,
      TuningObjective tuningObjective,
      int threads,
      long seed,
      Path teacherEmbeddings,
      float labelCooccurrenceThreshold) {
    this(
        features, teacher, distill, classifier, index, validationFraction, tuningObjective, threads, seed,
        teacherEmbeddings, labelCooccurrenceThreshold, 0);
  }

  /** Settings without the sparse classifier term. */
  public PipelineSettings(
      FeatureSettings features,
      TeacherSettings teacher,
      DistillSettings distill,
      OvaSettings classifier,
      IndexSettings index,
      double validationFraction,
      TuningObjective tuningObjective,
      int threads,
      long seed,
      Path teacherEmbeddings,
      float labelCooccurrenceThreshold,
      int documentNeighbours) {
    this(
        features, teacher, distill, classifier, index, validationFraction, tuningObjective, threads, seed,
        teacherEmbeddings, labelCooccurrenceThreshold, documentNeighbours, null);
  }

  /** Settings that take the title features as {@code features} gives them. */
  public PipelineSettings(
      FeatureSettings features,
      TeacherSettings teacher,
      DistillSettings distill,
      OvaSettings classifier,
      IndexSettings index,
      double validationFraction,
      TuningObjective tuningObjective,
      int threads,
      long seed,
      Path teacherEmbeddings,
      float labelCooccurrenceThreshold,
      int documentNeighbours,
      SparseOvaSettings sparse) {
    this(
        features, teacher, distill, classifier, index, validationFraction, tuningObjective, threads, seed,
        teacherEmbeddings, labelCooccurrenceThreshold, documentNeighbours, sparse, false);
  }

  public PipelineSettings {
    if (documentNeighbours < 0 || documentNeighbours > FusionSettings.MAX_NEIGHBOUR_COUNT) {
      throw new IllegalArgumentException(
          "document neighbours must be in [0, " + FusionSettings.MAX_NEIGHBOUR_COUNT + "], got " + documentNeighbours);
    }
    if (!(labelCooccurrenceThreshold >= 0f && labelCooccurrenceThreshold <= 1f)) {
      throw new IllegalArgumentException(
          "label co-occurrence threshold must be in [0, 1], got " + labelCooccurrenceThreshold);
    }
    if (!(validationFraction >= 0 && validationFraction <= MAX_VALIDATION_FRACTION)) {
      throw new IllegalArgumentException(
          "validation fraction must be in [0, " + MAX_VALIDATION_FRACTION + "], got " + validationFraction);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
  }

  /** Returns a copy with another distillation setting, keeping everything else. */
  public PipelineSettings withDistill(DistillSettings newDistill) {
    return new PipelineSettings(
        features, teacher, newDistill, classifier, index, validationFraction, tuningObjective, threads, seed,
        teacherEmbeddings, labelCooccurrenceThreshold, documentNeighbours, sparse, chooseTitleFeatures);
  }

  /** Returns a copy with other sparse classifier settings, or null for none, keeping everything else. */
  public PipelineSettings withSparse(SparseOvaSettings newSparse) {
    return new PipelineSettings(
        features, teacher, distill, classifier, index, validationFraction, tuningObjective, threads, seed,
        teacherEmbeddings, labelCooccurrenceThreshold, documentNeighbours, newSparse, chooseTitleFeatures);
  }

  /** Manifest key, in the training section, of the objective the fusion weights were tuned for. */
  static final String KEY_TUNING_OBJECTIVE = "tuning_objective";
  /** Manifest key, in the training section, of the label co-occurrence threshold. */
  static final String KEY_LABEL_COOCCURRENCE_THRESHOLD = "label_cooccurrence_threshold";
  /** SHA-256 of an imported teacher's embedding files, by file name. */
  static final String KEY_TEACHER_SHA256 = "distillation_teacher_sha256";
  /** Manifest key, in the training section, of the number of voting training documents. */
  static final String KEY_DOCUMENT_NEIGHBOURS = "document_neighbours";

  /** Returns {@code served} with the lower insertion candidate list of the graphs a training drops after use. */
  static IndexSettings transientGraphSettings(IndexSettings served) {
    int efConstruction = Math.min(served.efConstruction(), TRANSIENT_GRAPH_EF_CONSTRUCTION);
    return new IndexSettings(served.backend(), served.m(), efConstruction, served.ef());
  }

  /** Settings of the run itself (not of one component), for the manifest. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("validation_fraction", validationFraction);
    map.put(KEY_TUNING_OBJECTIVE, tuningObjective.name());
    map.put("threads", threads);
    map.put("seed", seed);
    map.put(KEY_LABEL_COOCCURRENCE_THRESHOLD, labelCooccurrenceThreshold);
    map.put(KEY_DOCUMENT_NEIGHBOURS, documentNeighbours);
    map.put("sparse_term", sparse != null);
    map.put("distillation_teacher", teacherEmbeddings == null ? "built-in" : "imported from " + teacherEmbeddings);
    map.put("negative_search_ef", NEGATIVE_SEARCH_EF);
    map.put("transient_graph_ef_construction", TRANSIENT_GRAPH_EF_CONSTRUCTION);
    return map;
  }
}
