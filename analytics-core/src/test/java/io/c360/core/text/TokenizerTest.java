package io.c360.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

  private static final Tokenizer TOKENIZER = new Tokenizer(Lexicon.standard());

  private static List<String> texts(List<Token> tokens) {
    return tokens.stream().map(Token::text).toList();
  }

  private static List<String> matched(String text) {
    return TOKENIZER.tokenize(text).stream().filter(Token::matched).map(Token::text).toList();
  }

  @Test
  void englishIsLowerCasedAndSplitOnNonLetters() {
    assertEquals(List.of("fast", "delivery", ",", "great", "quality", "!"),
        texts(Tokenizer.units("Fast delivery, GREAT quality!!")));
  }

  @Test
  void apostrophesStayInsideWordsOnly() {
    assertEquals(List.of("didn't", "arrive", "it's", "customers"),
        texts(Tokenizer.units("Didn\u2019t arrive 'it's' customers'")));
  }

  @Test
  void everyHanCharacterIsAUnitAndFullWidthPunctuationIsABoundary() {
    List<Token> units = Tokenizer.units("很好，ＡＰＰ");
    assertEquals(List.of("很", "好", ",", "app"), texts(units));
    assertEquals(List.of(Token.Type.HAN, Token.Type.HAN, Token.Type.BOUNDARY, Token.Type.WORD),
        units.stream().map(Token::type).toList());
  }

  @Test
  void digitsEmojiAndBlankTextGiveNoWords() {
    assertTrue(Tokenizer.units("😀👍 123 ☺").isEmpty());
    assertTrue(TOKENIZER.tokenize("   ").isEmpty());
    assertTrue(TOKENIZER.tokenize(null).isEmpty());
  }

  @Test
  void chineseIsMatchedByLongestTermFirst() {
    assertEquals(List.of("不太", "满意"), texts(TOKENIZER.tokenize("不太满意")));
    assertEquals(List.of("太", "慢", "了"), texts(TOKENIZER.tokenize("太慢了")));
    assertEquals(List.of("很", "不满意"), matched("很不满意"));
    assertEquals(List.of("客服态度差"), matched("客服态度差"));
  }

  @Test
  void neutralWordsShieldTheSentimentCharactersInsideThem() {
    assertEquals(List.of("快递员", "很差", "迟到"), matched("快递员态度很差，还迟到"));
    assertEquals(List.of("好几天"), matched("已经好几天了"));
    assertEquals(List.of("不过", "一般"), matched("不过包装一般"));
  }

  @Test
  void englishPhrasesWinOverTheirWords() {
    assertEquals(List.of("not as described"), matched("Not as described"));
    assertEquals(List.of("no refund"), matched("still no refund"));
    assertEquals(List.of("not", "bad"), matched("not bad"));
  }

  @Test
  void mixedLanguageTextMatchesBothScripts() {
    List<Token> tokens = TOKENIZER.tokenize("APP崩溃了, very slow");
    assertEquals(List.of("app", "崩溃", "了", ",", "very", "slow"), texts(tokens));
    assertEquals(List.of(Token.Type.WORD, Token.Type.HAN, Token.Type.HAN, Token.Type.BOUNDARY, Token.Type.WORD,
        Token.Type.WORD), tokens.stream().map(Token::type).toList());
    assertEquals(TermKind.INTENSIFIER, tokens.get(4).term().kind());
  }
}
