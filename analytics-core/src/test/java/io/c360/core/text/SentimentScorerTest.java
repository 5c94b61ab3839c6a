package io.c360.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentimentScorerTest {

  private static final SentimentScorer SCORER = SentimentScorer.standard();
  private static final double EPS = 1e-9;

  private static double score(String text) {
    return SCORER.score(text);
  }

  @Test
  void englishPraiseIsPositiveAndComplaintNegative() {
    assertEquals(0.832, score("Fast delivery, great quality"), 1e-3);
    assertEquals(-0.814, score("Package arrived late and damaged"), 1e-3);
  }

  @Test
  void negationFlipsWithReducedStrength() {
    double notBad = score("not bad");
    double notGood = score("not good");
    assertTrue(notBad > 0 && notBad < score("good"), "not bad " + notBad);
    assertTrue(notGood < 0 && notGood > score("bad"), "not good " + notGood);
    assertEquals(-0.7 * -0.74, SCORER.explain("not bad").sum(), EPS);
  }

  @Test
  void chinesePraiseIsPositiveAndComplaintNegative() {
    assertEquals(0.848, score("送货很快，质量很好"), 1e-3);
    assertEquals(-0.862, score("送货太慢了，包装破损"), 1e-3);
  }

  @Test
  void hedgedChineseNegationIsNegative() {
    assertEquals(0.8 * -0.6, SCORER.explain("不太满意").sum(), EPS);
    assertTrue(score("不太满意") < 0);
    assertTrue(score("不满意") < score("不太满意"));
  }

  @Test
  void intensifiersStrengthenAndDowntonersSoften() {
    assertTrue(score("非常满意") > score("满意"));
    assertTrue(score("满意") > 0);
    assertTrue(score("very happy") > score("happy"));
    assertTrue(score("slightly slow") > score("slow"));
    assertEquals(0.8 * 1.5, SCORER.explain("非常满意").sum(), EPS);
  }

  @Test
  void anIntensifierAfterANegatorHedgesIt() {
    assertEquals(0.7 * -0.74 / 1.3, SCORER.explain("not very good").sum(), EPS);
    assertEquals(0.7 * 1.3 * -0.74, SCORER.explain("really not good").sum(), EPS);
    assertTrue(score("not good") < score("not very good"));
  }

  @Test
  void negationReachesOnlyANearbyTermInTheSameClause() {
    assertTrue(score("not at all good") < 0, "two words between");
    assertTrue(score("not that it was good") > 0, "three words between");
    assertTrue(score("not, good") > 0, "punctuation ends the reach");
    assertTrue(score("不觉得满意") < 0, "two characters between");
    assertTrue(score("没看到这么好吃的") > 0, "four characters between");
    assertTrue(score("不过包装很好") > 0, "不过 is not a negator");
  }

  @Test
  void nullBlankEmojiAndNeutralTextScoreZero() {
    assertEquals(0.0, score(null));
    assertEquals(0.0, score(""));
    assertEquals(0.0, score("   "));
    assertEquals(0.0, score("😀👍🎉"));
    assertEquals(0.0, score("How do I reset my password?"));
    assertEquals(0.0, score("会员积分怎么使用？"));
    assertTrue(SCORER.explain("😀").matches().isEmpty());
  }

  @Test
  void mixedLanguageTextScoresBothParts() {
    Explanation explanation = SCORER.explain("APP一直闪退, very annoying");
    assertEquals(List.of("闪退", "annoying"), explanation.terms());
    assertTrue(explanation.score() < score("APP一直闪退"));
  }

  @Test
  void scoresStayInsideTheUnitInterval() {
    String praise = "excellent amazing perfect fantastic ".repeat(50);
    String rant = "太差了！非常失望！垃圾！".repeat(50);
    assertTrue(score(praise) > 0.99 && score(praise) < 1.0);
    assertTrue(score(rant) < -0.99 && score(rant) > -1.0);
  }

  @Test
  void oneFullWeightTermScoresOneOverRootTwo() {
    SentimentScorer scorer = new SentimentScorer(Lexicon.of(List.of(new Term("great", TermKind.SENTIMENT, 1.0))));
    assertEquals(1.0 / Math.sqrt(2.0), scorer.score("Great."), EPS);
    assertEquals(2.0 / Math.sqrt(5.0), scorer.score("great, great"), EPS);
  }

  @Test
  void explainListsTermsWeightsAndNegation() {
    Explanation explanation = SCORER.explain("Not bad, but the courier was very rude");
    assertEquals(List.of("bad", "rude"), explanation.terms());
    Explanation.Match bad = explanation.matches().get(0);
    assertEquals(-0.7, bad.weight(), EPS);
    assertEquals(List.of("not"), bad.modifiers());
    assertTrue(bad.negated());
    assertEquals(-0.7 * -0.74, bad.contribution(), EPS);
    Explanation.Match rude = explanation.matches().get(1);
    assertFalse(rude.negated());
    assertEquals(List.of("very"), rude.modifiers());
    assertEquals(-0.9 * 1.3, rude.contribution(), EPS);
    assertEquals(bad.contribution() + rude.contribution(), explanation.sum(), EPS);
    assertEquals(score("Not bad, but the courier was very rude"), explanation.score(), EPS);
    assertEquals("bad -0.70 [not] -> +0.52", bad.describe());
  }

  @Test
  void explainShowsChineseModifiers() {
    Explanation explanation = SCORER.explain("不太满意");
    assertEquals(List.of(new Explanation.Match("满意", 0.8, List.of("不太"), true, 0.8 * -0.6)),
        explanation.matches());
  }

  @Test
  void aSerialisedScorerScoresTheSame() throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(SCORER);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      SentimentScorer copy = (SentimentScorer) in.readObject();
      assertEquals(SCORER.score("送货太慢了，包装破损"), copy.score("送货太慢了，包装破损"));
      assertEquals(SCORER.score("not bad"), copy.score("not bad"));
    }
  }
}
