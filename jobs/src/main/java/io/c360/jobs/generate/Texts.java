package io.c360.jobs.generate;

import java.util.SplittableRandom;

/**
 * Review and ticket texts, half English and half Chinese, whose wording follows the experience: praise after a good
 * order, complaints naming what went wrong after a bad one, and hedged or negated phrases ("not bad", "不太满意") in
 * between. No text contains a line break.
 *
 * <p>Ticket texts are learnable but noisy, so that a classifier has something to do: the category's phrase is
 * sometimes followed by a clause naming another category's topic ("and I also want a refund"), often wrapped in
 * neutral context shared by all categories ("Order placed last week."), and {@value #OFF_TOPIC_SHARE} of the texts
 * describe another category's problem altogether (the desk filed the ticket by what it turned out to be, not by what
 * the customer wrote). Those draws come from a separate per-ticket stream so the person's other records do not move.
 */
final class Texts {

  private static final String[][] REVIEW_GOOD = {
      {"Fast delivery, great quality", "Great value, will buy again", "Fresh and well packed",
          "Exactly as described, very happy", "Excellent product and quick shipping", "Love it, highly recommend"},
      {"送货很快，质量很好", "性价比很高，会回购", "很新鲜，包装很好", "和描述一致，非常满意", "东西很好，物流也快", "非常喜欢，推荐购买"}};
  private static final String[][] REVIEW_MIXED = {
      {"Not bad, but delivery could be faster", "Not bad for the price", "It's okay, nothing special",
          "Decent, though the packaging was not great"},
      {"还不错，就是物流有点慢", "一般般，没有特别惊喜", "还行吧，价格可以", "东西还可以，包装一般"}};
  private static final String[][] REVIEW_DELIVERY = {
      {"Package arrived late and damaged", "Delivery took forever, not happy", "Courier was very late and rude",
          "Not satisfied, the order arrived a week late"},
      {"送货太慢了，包装破损", "物流太慢了，很不满意", "快递员态度很差，还迟到", "晚了一个星期才到，不太满意"}};
  private static final String[][] REVIEW_QUALITY = {
      {"Poor quality, not as described", "The product broke after one day", "Not fresh, had to throw it away",
          "Not satisfied with the quality at all"},
      {"质量很差，和描述不符", "用了一天就坏了", "不新鲜，只能扔掉", "不太满意，质量一般"}};
  private static final String[][] REVIEW_SERVICE = {
      {"The app crashed during payment and I was charged twice", "Refund is still not processed, terrible service",
          "Customer service did not help at all"},
      {"付款时APP崩溃了，被扣了两次钱", "退款一直没到账，服务太差", "客服完全不解决问题"}};

  private static final String[][] TICKET_DELIVERY = {
      {"My order has not arrived yet, it is several days late", "Where is my package? Tracking has not updated for days",
          "The courier marked my order as delivered but I never received it"},
      {"我的订单还没到，已经晚了好几天", "快递好几天没有更新物流信息了", "显示已签收但是我根本没收到"}};
  private static final String[][] TICKET_QUALITY = {
      {"The item I received is damaged, I want a replacement", "Product quality is terrible, please help",
          "The food was spoiled when it arrived"},
      {"收到的商品有破损，要求换货", "商品质量太差了，请尽快处理", "收到的食品已经变质了"}};
  private static final String[][] TICKET_SYSTEM = {
      {"The app keeps crashing when I try to pay", "I was charged twice for one order",
          "The coupon does not work at checkout"},
      {"支付的时候APP一直闪退", "一个订单被扣了两次款", "结算时优惠券用不了"}};
  private static final String[][] TICKET_REFUND = {
      {"I returned the item two weeks ago but still no refund", "Please refund my cancelled order",
          "The refund amount is wrong"},
      {"退货两周了还没收到退款", "订单取消了请尽快退款", "退款金额不对"}};
  private static final String[][] TICKET_ACCOUNT = {
      {"I cannot log in to my account", "Please update the phone number on my account", "How do I reset my password?"},
      {"账号登录不了", "请帮我修改账号绑定的手机号", "密码怎么重置？"}};
  private static final String[][] TICKET_OTHER = {
      {"Do you have this product in a larger size?", "How do I use my membership points?",
          "Can I change the delivery address of my order?"},
      {"请问这个商品有大号吗？", "会员积分怎么使用？", "可以修改订单的收货地址吗？"}};
  private static final String[][] ANGRY_PREFIX = {
      {"This is unacceptable. ", "Very disappointed. ", "Third time asking! "}, {"太失望了！", "这是第三次联系了！", "非常不满意！"}};

  static final double OFF_TOPIC_SHARE = 0.06;
  private static final double SIDE_CLAUSE_SHARE = 0.2;
  private static final double CONTEXT_SHARE = 0.5;
  private static final String[][] SIDE_CLAUSE = {
      {" and the delivery was late too", " and the packaging was damaged", " and the app crashed as well",
          " and I would like a refund", " and I could not log in either", " and I have a question about points"},
      {"，而且物流也很慢", "，而且包装破了", "，而且APP也闪退了", "，我想要退款", "，而且账号也登录不了", "，另外想问一下积分"}};
  private static final String[][] CONTEXT = {
      {"Hello, ", "Hi team, ", "Order placed last week. ", "Regarding my recent order: ", "Good morning. "},
      {"你好，", "客服你好，", "上周下的单。", "关于我最近的订单：", "麻烦看一下，"}};
  private static final String[][] CLOSING = {
      {". Thanks.", ". Please reply soon.", ". Order number in the app.", ". Thank you for your help."},
      {"。谢谢。", "。请尽快回复。", "。订单号在APP里。", "。麻烦了。"}};
  private static final TicketCategory[] CATEGORIES = TicketCategory.values();

  private Texts() {
  }

  /** Review text for a rating (1-5) and what went wrong with the order (null if nothing). */
  static String review(int rating, TicketCategory issue, SplittableRandom r) {
    int lang = r.nextInt(2);
    String[][] bank;
    if (rating >= 5 || rating == 4 && Dist.chance(r, 0.6)) {
      bank = REVIEW_GOOD;
    } else if (rating >= 3) {
      bank = REVIEW_MIXED;
    } else if (issue == TicketCategory.DELIVERY_DELAY) {
      bank = REVIEW_DELIVERY;
    } else if (issue == TicketCategory.SYSTEM_FAULT || issue == TicketCategory.REFUND) {
      bank = REVIEW_SERVICE;
    } else {
      bank = REVIEW_QUALITY;
    }
    return pick(bank[lang], r);
  }

  /**
   * Ticket text for a category; angry ones get an exasperated opening. {@code r} draws the language and the phrase
   * (as it always has); {@code noise} draws the off-topic swap, the side clause and the neutral context.
   */
  static String ticket(TicketCategory category, boolean angry, SplittableRandom r, SplittableRandom noise) {
    int lang = r.nextInt(2);
    TicketCategory topic = category;
    if (Dist.chance(noise, OFF_TOPIC_SHARE)) {
      topic = CATEGORIES[(category.ordinal() + 1 + noise.nextInt(CATEGORIES.length - 1)) % CATEGORIES.length];
    }
    String text = pick(bank(topic)[lang], r);
    if (Dist.chance(noise, SIDE_CLAUSE_SHARE)) {
      text = stripEnd(text) + pick(SIDE_CLAUSE[lang], noise);
    }
    if (Dist.chance(noise, CONTEXT_SHARE)) {
      text = pick(CONTEXT[lang], noise) + stripEnd(text) + pick(CLOSING[lang], noise);
    }
    return angry ? pick(ANGRY_PREFIX[lang], r) + text : text;
  }

  private static String[][] bank(TicketCategory category) {
    switch (category) {
      case DELIVERY_DELAY:
        return TICKET_DELIVERY;
      case QUALITY:
        return TICKET_QUALITY;
      case SYSTEM_FAULT:
        return TICKET_SYSTEM;
      case REFUND:
        return TICKET_REFUND;
      case ACCOUNT:
        return TICKET_ACCOUNT;
      default:
        return TICKET_OTHER;
    }
  }

  private static String stripEnd(String text) {
    return text.endsWith("?") || text.endsWith("？") ? text.substring(0, text.length() - 1) : text;
  }

  private static String pick(String[] options, SplittableRandom r) {
    return options[r.nextInt(options.length)];
  }
}
