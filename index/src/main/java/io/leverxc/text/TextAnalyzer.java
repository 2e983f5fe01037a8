package io.leverxc.text;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The Lucene analysis chain behind every feature: Unicode word segmentation (UAX #29, so numbers
 * such as "3.14" stay whole tokens), removal of English possessive "'s", lower-casing, folding of
 * accented and other non-ASCII Latin letters to ASCII, then optional English stop-word removal and
 * Porter stemming.
 *
 * <p>Like every Lucene {@link Analyzer}, an instance is thread-safe and keeps one reusable {@link
 * TokenStream} per thread and field name.
 */
public final class TextAnalyzer extends Analyzer {
  private final boolean removeStopWords;
  private final boolean stem;

  /** Creates the chain described by the analysis part of {@code settings}. */
  public TextAnalyzer(FeatureSettings settings) {
    this.removeStopWords = settings.removeStopWords();
    this.stem = settings.stem();
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer tokenizer = new StandardTokenizer();
    TokenStream stream = new EnglishPossessiveFilter(tokenizer);
    stream = new LowerCaseFilter(stream);
    stream = new ASCIIFoldingFilter(stream);
    if (removeStopWords) {
      stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    }
    if (stem) {
      stream = new PorterStemFilter(stream);
    }
    return new TokenStreamComponents(tokenizer, stream);
  }
}
