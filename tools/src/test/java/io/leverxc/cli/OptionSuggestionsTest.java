package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionSuggestionsTest {
  private static final List<String> OPTIONS = List.of("--model", "--data", "--out", "--k", "--threads", "--input");

  @Test
  void distanceCountsEachEdit() {
    assertEquals(0, OptionSuggestions.distance("--model", "--model"));
    assertEquals(1, OptionSuggestions.distance("--modle", "--model"));
    assertEquals(1, OptionSuggestions.distance("--mdel", "--model"));
    assertEquals(1, OptionSuggestions.distance("--modelx", "--model"));
    assertEquals(1, OptionSuggestions.distance("--modal", "--model"));
    assertEquals(1, OptionSuggestions.distance("--mdoel", "--model"));
    assertEquals(2, OptionSuggestions.distance("--mdoal", "--model"));
    assertEquals(3, OptionSuggestions.distance("abc", ""));
    assertEquals(3, OptionSuggestions.distance("ca", "abc"));
  }

  @Test
  void slipsFindTheirOption() {
    assertEquals(List.of("--model"), OptionSuggestions.closest("--modle", OPTIONS));
    assertEquals(List.of("--data"), OptionSuggestions.closest("--dta", OPTIONS));
    assertEquals(List.of("--threads"), OptionSuggestions.closest("--thread", OPTIONS));
    assertEquals(List.of("--threads"), OptionSuggestions.closest("--thraeds=2", OPTIONS));
    assertEquals(List.of("--model"), OptionSuggestions.closest("--MODEL", OPTIONS));
    assertEquals(List.of("--out"), OptionSuggestions.closest("--ot", OPTIONS));
  }

  @Test
  void distantNamesGetNoSuggestion() {
    assertEquals(List.of(), OptionSuggestions.closest("--bogus", OPTIONS));
    assertEquals(List.of(), OptionSuggestions.closest("--zz", OPTIONS));
    assertEquals(List.of(), OptionSuggestions.closest("--tuo", OPTIONS));
  }

  @Test
  void tiesKeepGivenOrder() {
    assertEquals(List.of("--out", "--put"), OptionSuggestions.closest("--xut", List.of("--out", "--put")));
  }
}
