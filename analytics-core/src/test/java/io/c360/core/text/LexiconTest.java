package io.c360.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.text.LexiconLoader.LexiconFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexiconTest {

  @Test
  void shippedLexiconsCoverBothLanguages() {
    Lexicon lexicon = Lexicon.standard();
    assertTrue(lexicon.countSentiment(true, false) >= 150, "English positive");
    assertTrue(lexicon.countSentiment(false, false) >= 150, "English negative");
    assertTrue(lexicon.countSentiment(true, true) >= 100, "Chinese positive");
    assertTrue(lexicon.countSentiment(false, true) >= 100, "Chinese negative");
    assertTrue(lexicon.count(TermKind.NEGATOR, false) >= 6 && lexicon.count(TermKind.NEGATOR, true) >= 6);
    assertTrue(lexicon.count(TermKind.INTENSIFIER, false) >= 3 && lexicon.count(TermKind.INTENSIFIER, true) >= 4);
  }

  @Test
  void shippedTermsCarryTheirKindAndWeight() {
    Lexicon lexicon = Lexicon.standard();
    assertEquals(new Term("great", TermKind.SENTIMENT, 0.9), lexicon.find("great"));
    assertEquals(new Term("很好", TermKind.SENTIMENT, 0.9), lexicon.find("很好"));
    assertEquals(new Term("破损", TermKind.SENTIMENT, -0.8), lexicon.find("破损"));
    assertEquals(new Term("不太", TermKind.NEGATOR, -0.6), lexicon.find("不太"));
    assertEquals(new Term("didn't", TermKind.NEGATOR, -0.74), lexicon.find("didn't"));
    assertEquals(new Term("非常", TermKind.INTENSIFIER, 1.5), lexicon.find("非常"));
    assertEquals(TermKind.NEUTRAL, lexicon.find("快递").kind());
  }

  @Test
  void parseSkipsCommentsAndNormalisesTerms() {
    List<Term> terms = LexiconLoader.parse(LexiconFile.positive("test.txt"),
        List.of("# comment", "", "Great\t1.0", "Took  Forever\t0.5", "很好\t0.9", "Don\u2019t\t0.1"));
    assertEquals(List.of(new Term("great", TermKind.SENTIMENT, 1.0), new Term("took forever", TermKind.SENTIMENT, 0.5),
        new Term("很好", TermKind.SENTIMENT, 0.9), new Term("don't", TermKind.SENTIMENT, 0.1)), terms);
  }

  @Test
  void parseRejectsAWeightOfTheWrongSign() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> LexiconLoader.parse(LexiconFile.negative("neg.txt"), List.of("late\t-0.6", "rude\t0.9")));
    assertTrue(e.getMessage().startsWith("neg.txt:2: value 0.9 of 'rude' is outside"), e.getMessage());
  }

  @Test
  void parseRejectsMissingValuesDuplicatesAndUnmatchableTerms() {
    assertThrows(IllegalStateException.class,
        () -> LexiconLoader.parse(LexiconFile.positive("p.txt"), List.of("great")));
    assertThrows(IllegalStateException.class,
        () -> LexiconLoader.parse(LexiconFile.positive("p.txt"), List.of("great\t1", "GREAT\t0.5")));
    assertThrows(IllegalStateException.class,
        () -> LexiconLoader.parse(LexiconFile.positive("p.txt"), List.of("5 stars\t0.8")));
    assertThrows(IllegalStateException.class,
        () -> LexiconLoader.parse(LexiconFile.positive("p.txt"), List.of("好 good\t0.8")));
    assertEquals(List.of(new Term("快递", TermKind.NEUTRAL, 0.0)),
        LexiconLoader.parse(LexiconFile.neutral("n.txt"), List.of("快递")));
  }

  @Test
  void aTermListedUnderTwoKindsIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> Lexicon.of(List.of(
        new Term("good", TermKind.SENTIMENT, 0.7), new Term("good", TermKind.NEUTRAL, 0.0))));
  }
}
