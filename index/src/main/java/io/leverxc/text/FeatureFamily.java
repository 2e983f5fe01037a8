package io.leverxc.text;

/** A kind of text feature. Each family hashes with its own seed, so two families rarely share a key. */
enum FeatureFamily {
  /** One analysed word. */
  WORD("w:"),
  /** Two adjacent analysed words joined by one space. */
  WORD_BIGRAM("b:"),
  /** A character n-gram of one analysed word written as "&lt;word&gt;". */
  CHAR_NGRAM("c:"),
  /** A character n-gram of the lower-cased title written as "&lt;title&gt;". */
  TITLE_CHAR_NGRAM("t:");

  private final String prefix;

  FeatureFamily(String prefix) {
    this.prefix = prefix;
  }

  /** Prefix of the readable form of a feature, e.g. "w:" in "w:substanc". */
  String prefix() {
    return prefix;
  }
}
