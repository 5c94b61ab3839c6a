package io.c360.jobs.generate;

import java.util.Locale;
import java.util.SplittableRandom;

/** Chinese names (characters and pinyin) and e-mail addresses with the case and whitespace noise of real systems. */
final class Names {

  static final String[] SURNAMES_ZH = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
      "郭", "何", "高", "林", "罗"};
  static final String[] SURNAMES_PY = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
      "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo"};
  static final String[] GIVEN_F_ZH = {"芳", "娜", "敏", "静", "丽", "艳", "娟", "秀英", "霞", "桂英", "欣怡", "一诺", "婷", "雪"};
  static final String[] GIVEN_F_PY = {"Fang", "Na", "Min", "Jing", "Li", "Yan", "Juan", "Xiuying", "Xia", "Guiying",
      "Xinyi", "Yinuo", "Ting", "Xue"};
  static final String[] GIVEN_M_ZH = {"伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "平", "刚", "浩然", "宇轩"};
  static final String[] GIVEN_M_PY = {"Wei", "Qiang", "Lei", "Jun", "Yang", "Yong", "Jie", "Tao", "Ming", "Chao",
      "Ping", "Gang", "Haoran", "Yuxuan"};
  static final String[] DOMAINS = {"163.com", "126.com", "gmail.com", "outlook.com", "sina.com", "foxmail.com",
      "example.com", "hotmail.com"};

  private Names() {
  }

  /** The address as a system stored it: sometimes capitalised or upper-cased, sometimes padded with blanks. */
  static String noisyEmail(String email, SplittableRandom r) {
    double u = r.nextDouble();
    String e = email;
    if (u < 0.12) {
      e = capitalizeParts(email);
    } else if (u < 0.17) {
      e = email.toUpperCase(Locale.ROOT);
    }
    if (Dist.chance(r, 0.08)) {
      e = "  " + e + " ";
    }
    return e;
  }

  private static String capitalizeParts(String email) {
    char[] c = email.toCharArray();
    boolean up = true;
    for (int i = 0; i < c.length; i++) {
      if (up && c[i] >= 'a' && c[i] <= 'z') {
        c[i] = (char) (c[i] - 'a' + 'A');
      }
      up = c[i] == '.' || c[i] == '@' || c[i] == '_';
    }
    return new String(c);
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
