package io.leverxc.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes tiny XC data sets in which every label is a topic with four keywords, and every document
 * draws three keywords of one topic plus two filler words. The parent data set has six topics; the
 * grown one appends two more. Documents about the two later topics already occur in the parent set
 * without labels, so the parent's vocabulary contains their words.
 */
final class TopicData {
  static final List<List<String>> PARENT_TOPICS = List.of(
      List.of("apple", "banana", "cherry", "mango"),
      List.of("truck", "engine", "wheel", "tractor"),
      List.of("guitar", "piano", "melody", "rhythm"),
      List.of("rain", "cloud", "storm", "thunder"),
      List.of("football", "tennis", "goal", "referee"),
      List.of("keyboard", "monitor", "software", "laptop"));
  static final List<List<String>> NEW_TOPICS = List.of(
      List.of("volcano", "lava", "magma", "eruption"),
      List.of("ocean", "wave", "coral", "reef"));
  private static final List<String> FILLER = List.of("today", "report", "people", "new", "small", "great");
  private static final int DOCUMENTS_PER_TOPIC = 12;
  private static final int UNLABELLED_DOCUMENTS_PER_NEW_TOPIC = 8;

  private TopicData() {}

  /** Returns the label text of a topic: its first two keywords. */
  static String labelText(List<String> topic) {
    return topic.get(0) + " " + topic.get(1);
  }

  /** Writes the parent set: six labelled topics and a few unlabelled documents about the new topics. */
  static Path writeParent(Path directory) throws IOException {
    List<String> labels = labelTexts(PARENT_TOPICS);
    List<String> texts = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(7);
    addDocuments(PARENT_TOPICS, 0, DOCUMENTS_PER_TOPIC, true, texts, rows, random);
    addDocuments(NEW_TOPICS, PARENT_TOPICS.size(), UNLABELLED_DOCUMENTS_PER_NEW_TOPIC, false, texts, rows, random);
    return write(directory, labels, texts, rows);
  }

  /** Writes the grown set: the parent's documents, now all labelled, and more about the new topics. */
  static Path writeGrown(Path directory) throws IOException {
    return writeGrown(directory, labelTexts(allTopics()));
  }

  /** Writes the grown set's documents with the given label file lines. */
  static Path writeGrown(Path directory, List<String> labels) throws IOException {
    List<String> texts = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(7);
    addDocuments(PARENT_TOPICS, 0, DOCUMENTS_PER_TOPIC, true, texts, rows, random);
    addDocuments(NEW_TOPICS, PARENT_TOPICS.size(), UNLABELLED_DOCUMENTS_PER_NEW_TOPIC, true, texts, rows, random);
    addDocuments(NEW_TOPICS, PARENT_TOPICS.size(), DOCUMENTS_PER_TOPIC, true, texts, rows, random);
    return write(directory, labels, texts, rows);
  }

  static List<List<String>> allTopics() {
    List<List<String>> all = new ArrayList<>(PARENT_TOPICS);
    all.addAll(NEW_TOPICS);
    return all;
  }

  static List<String> labelTexts(List<List<String>> topics) {
    return topics.stream().map(TopicData::labelText).toList();
  }

  /** Number of training documents that {@link #writeParent} writes. */
  static int parentDocuments() {
    return PARENT_TOPICS.size() * DOCUMENTS_PER_TOPIC + NEW_TOPICS.size() * UNLABELLED_DOCUMENTS_PER_NEW_TOPIC;
  }

  /** Number of training documents that {@link #writeGrown} writes. */
  static int grownDocuments() {
    return parentDocuments() + NEW_TOPICS.size() * DOCUMENTS_PER_TOPIC;
  }

  private static void addDocuments(
      List<List<String>> topics, int firstLabel, int perTopic, boolean labelled, List<String> texts,
      List<String> rows, SplittableRandom random) {
    for (int t = 0; t < topics.size(); t++) {
      List<String> topic = topics.get(t);
      for (int d = 0; d < perTopic; d++) {
        List<String> words = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
          words.add(topic.get(random.nextInt(topic.size())));
        }
        words.add(FILLER.get(random.nextInt(FILLER.size())));
        words.add(FILLER.get(random.nextInt(FILLER.size())));
        texts.add(String.join(" ", words));
        rows.add(labelled ? (firstLabel + t) + ":1" : "");
      }
    }
  }

  private static Path write(Path directory, List<String> labels, List<String> texts, List<String> rows)
      throws IOException {
    Files.createDirectories(directory);
    Files.write(directory.resolve("Y.txt"), labels);
    Files.write(directory.resolve("trn_X.txt"), texts);
    List<String> matrix = new ArrayList<>();
    matrix.add(rows.size() + " " + labels.size());
    matrix.addAll(rows);
    Files.write(directory.resolve("trn_X_Y.txt"), matrix);
    return directory;
  }
}
