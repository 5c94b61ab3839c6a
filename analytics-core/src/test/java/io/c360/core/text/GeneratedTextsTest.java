package io.c360.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Phrases copied from the sample generator (jobs: io.c360.jobs.generate.Texts), which core cannot depend on. If the
 * generator's wording changes, copy the new phrases here and extend the lexicons until these pass.
 */
class GeneratedTextsTest {

  private static final SentimentScorer SCORER = SentimentScorer.standard();

  @ParameterizedTest
  @ValueSource(strings = {
      "Fast delivery, great quality", "Great value, will buy again", "Fresh and well packed",
      "Exactly as described, very happy", "Excellent product and quick shipping", "Love it, highly recommend",
      "送货很快，质量很好", "性价比很高，会回购", "很新鲜，包装很好", "和描述一致，非常满意", "东西很好，物流也快",
      "非常喜欢，推荐购买", "Not bad for the price"})
  void praiseScoresPositive(String text) {
    assertTrue(SCORER.score(text) > 0.3, () -> SCORER.explain(text).describe());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Package arrived late and damaged", "Delivery took forever, not happy", "Courier was very late and rude",
      "Not satisfied, the order arrived a week late", "Poor quality, not as described",
      "The product broke after one day", "Not fresh, had to throw it away", "Not satisfied with the quality at all",
      "The app crashed during payment and I was charged twice", "Refund is still not processed, terrible service",
      "Customer service did not help at all", "I returned the item two weeks ago but still no refund",
      "The coupon does not work at checkout", "Very disappointed. The food was spoiled when it arrived",
      "送货太慢了，包装破损", "物流太慢了，很不满意", "快递员态度很差，还迟到", "晚了一个星期才到，不太满意",
      "质量很差，和描述不符", "用了一天就坏了", "不新鲜，只能扔掉", "不太满意，质量一般", "付款时APP崩溃了，被扣了两次钱",
      "退款一直没到账，服务太差", "客服完全不解决问题", "显示已签收但是我根本没收到", "退货两周了还没收到退款",
      "非常不满意！收到的食品已经变质了"})
  void complaintsScoreNegative(String text) {
    assertTrue(SCORER.score(text) < -0.3, () -> SCORER.explain(text).describe());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "How do I reset my password?", "Can I change the delivery address of my order?",
      "Do you have this product in a larger size?", "请问这个商品有大号吗？", "会员积分怎么使用？", "密码怎么重置？"})
  void plainQuestionsScoreZero(String text) {
    assertEquals(0.0, SCORER.score(text), () -> SCORER.explain(text).describe());
  }
}
